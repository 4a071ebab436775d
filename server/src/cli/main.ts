/**
 * The command line: expand inputs, find each file's configuration, lint, optionally fix,
 * and report. Never prints note text except inside findings' messages; never a stack trace.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConfigError } from '../engine/config';
import { episodeNote, episodeSummary, lintEpisodes, type EpisodeNote } from '../engine/episode';
import { applyFixes } from '../engine/fix';
import { lint, sortFindings, type LintResult } from '../engine/lint';
import { findPayer, type Settings } from '../engine/settings';
import { summaryLine } from '../engine/summary';
import { BOM } from '../engine/text';
import { inLintScope } from '../engine/scope';
import { detached, detachedCopy } from '../engine/memo';
import { HELP, parseCliArgs, UsageError, type CliOptions } from './args';
import { ConfigResolver } from './config-loader';
import { expandInputs, InputError, type InputFile } from './files';
import { applyBaseline, BaselineError, loadBaseline, writeBaseline, type Baseline } from './baseline';
import { formatNeeds, reportChunks } from './formatters';
import { ANSI, PLAIN } from './formatters/stylish';
import { fileMeta } from './meta';
import { redactReports } from './redact';
import { summarize, type FileReport } from './report';
import { VERSION } from './version';

export interface Io {
  stdout(s: string): void;
  stderr(s: string): void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: Record<string, string | undefined>;
  writeFile(path: string, data: string): void;
}

const NAME = 'therapy-note-lint';
/** Fix passes per file: a fix can reveal another (ESLint uses 10 too). */
const MAX_FIX_PASSES = 10;
/** Show progress on a terminal from this many files. */
const PROGRESS_FROM = 20;

// fatal: refuse text that is not UTF-8 rather than replace bytes; ignoreBOM: keep a
// byte-order mark in the text (the engine strips it and --fix writes it back).
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function run(argv: string[], io: Io): number {
  let opts: CliOptions;
  try {
    opts = parseCliArgs(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`${NAME}: ${err.message}\nRun \`${NAME} --help\` for usage.\n`);
      return 2;
    }
    throw err;
  }
  if (opts.help) {
    io.stdout(HELP + '\n');
    return 0;
  }
  if (opts.version) {
    io.stdout(VERSION + '\n');
    return 0;
  }

  let inputs: InputFile[];
  try {
    inputs = expandInputs(opts.inputs);
  } catch (err) {
    if (err instanceof InputError) {
      io.stderr(`${NAME}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  let baseline: Baseline | null = null;
  try {
    if (opts.baseline) baseline = loadBaseline(opts.baseline);
  } catch (err) {
    if (err instanceof BaselineError) {
      io.stderr(`${NAME}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }

  const resolver = new ConfigResolver(opts.config);
  const reports: FileReport[] = [];
  /** The notes of a patient, for the episode rules: all notes of this run form the episodes. */
  const episodeNotes: { note: EpisodeNote; report: FileReport }[] = [];
  const ioErrors: string[] = [];
  const progress = io.stderrIsTTY && inputs.length >= PROGRESS_FROM ? new Progress(io, inputs.length) : null;
  try {
    const needs = formatNeeds(opts.format);
    /** Short strings the kept copies share (rule ids, severities, fix titles and edits, dates, codes). */
    const strings = new Map<string, string>();
    // One note at a time, and what the rules and its episode facts derive from it is read
    // once: the lint, its fixes and its facts share one scope (engine/scope.ts).
    const lintInput = (input: InputFile): void => {
      const settings = settingsFor(resolver, input.path, opts);
      let bytes: Buffer;
      try {
        bytes = readFileSync(input.path);
      } catch (err) {
        ioErrors.push(`${input.path}: cannot read the file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
        return;
      }
      let text: string;
      try {
        text = decoder.decode(bytes);
      } catch {
        ioErrors.push(`${input.path}: not UTF-8 text; left untouched`);
        return;
      }
      const filePath = resolve(input.path);
      let result: LintResult;
      try {
        result = lint(text, { filePath, settings });
      } catch (err) {
        // The engine does not throw on a document; if it ever does, name the file, never its text.
        ioErrors.push(`${input.path}: internal error (${err instanceof Error ? err.name : 'error'}); please report it`);
        return;
      }
      if (result.excluded && !input.explicit) return;
      if (opts.fix && result.isNote && !result.unparsable) {
        try {
          result = fixFile(input.path, text, result, filePath, settings, io);
        } catch (err) {
          const code = (err as NodeJS.ErrnoException).code;
          ioErrors.push(`${input.path}: ${code ? `cannot write the fixed file (${code})` : `internal error while fixing (${(err as Error).name})`}; the file is unchanged`);
        }
      }
      // What is kept until the report is copied (detachedCopy): a message or a patient id
      // sliced from the note would keep the note's whole text alive, 10,000 notes of it.
      // The note's text itself is kept only for the baseline's hashes.
      const report: FileReport = {
        path: input.path, isNote: result.isNote, findings: detachedCopy(result.findings, strings), billing: needs.billing ? detachedCopy(result.billing, strings) : null,
        codeLabels: needs.codeLabels && result.analysis ? Object.fromEntries([...result.analysis.codes.values()].filter((c) => c.info).map((c) => [c.code, c.info!.label])) : {},
        unitsLine: needs.unitsLine && !opts.quiet && result.analysis ? detached(summaryLine(result.analysis)) : null, meta: needs.meta ? detachedCopy(fileMeta(result), strings) : null,
        source: opts.writeBaseline || baseline ? (result.note?.text ?? null) : null,
      };
      reports.push(report);
      const facts = episodeNote(result, filePath, input.path, settings);
      // Its rules and KX thresholds are the settings' own, shared by every note: not copied.
      const episode = facts && { ...detachedCopy({ ...facts, rules: {}, kxThresholds: [] }, strings), rules: facts.rules, kxThresholds: facts.kxThresholds };
      if (episode) episodeNotes.push({ note: episode, report });
    };
    for (const input of inputs) {
      progress?.tick();
      inLintScope(() => lintInput(input));
    }
  } catch (err) {
    progress?.done();
    if (err instanceof ConfigError || err instanceof UsageError) {
      io.stderr(`${NAME}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
  progress?.done();

  const byId = lintEpisodes(episodeNotes.map((e) => e.note));
  for (const { note, report } of episodeNotes) {
    const more = byId.get(note.id) ?? [];
    if (more.length > 0) report.findings = sortFindings([...report.findings, ...more]);
  }
  if (opts.quiet) for (const r of reports) r.findings = r.findings.filter((f) => f.severity === 'error');

  // --write-baseline records this run's findings; either way the baseline's are left out.
  try {
    if (opts.writeBaseline) baseline = writeBaseline(opts.writeBaseline, reports, io);
  } catch (err) {
    if (!(err instanceof BaselineError)) throw err;
    io.stderr(`${NAME}: ${err.message}\n`);
    return 2;
  }
  const kept = applyBaseline(reports, baseline);
  const episodes = episodeSummary(episodeNotes.map((e) => e.note));
  const summary = { ...summarize(kept.reports), episodes, ...(baseline ? { suppressed: kept.suppressed } : {}) };
  const colors = opts.color ?? (io.stdoutIsTTY && !opts.outputFile && !io.env.NO_COLOR) ? ANSI : PLAIN;
  const shown = opts.noSnippets ? redactReports(kept.reports) : kept.reports;
  const chunks = reportChunks(opts.format, shown, summary, { colors, quiet: opts.quiet, noSnippets: opts.noSnippets, baseline: baseline?.file });
  if (opts.outputFile) {
    try {
      io.writeFile(opts.outputFile, [...chunks].join(''));
    } catch (err) {
      io.stderr(`${NAME}: cannot write ${opts.outputFile} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})\n`);
      return 2;
    }
  } else writeInBatches(io, chunks);

  // A CSV file has room only for findings: the count of suppressed ones goes to standard error.
  if (opts.format === 'csv' && summary.suppressed) io.stderr(`${NAME}: ${summary.suppressed} finding${summary.suppressed === 1 ? '' : 's'} suppressed by the baseline ${baseline?.file}.\n`);
  for (const e of ioErrors) io.stderr(`${NAME}: ${e}\n`);
  if (ioErrors.length > 0) return 2;
  if (summary.errors > 0) return 1;
  if (opts.maxWarnings !== null && summary.warnings > opts.maxWarnings) {
    io.stderr(`${NAME}: ${summary.warnings} warnings, more than --max-warnings ${opts.maxWarnings}.\n`);
    return 1;
  }
  return 0;
}

/** Writes the report as it is made, in pieces of about 64 KB (not one string of the whole report). */
function writeInBatches(io: Io, chunks: Iterable<string>): void {
  let batch = '';
  for (const chunk of chunks) {
    batch += chunk;
    if (batch.length >= 65536) {
      io.stdout(batch);
      batch = '';
    }
  }
  if (batch !== '') io.stdout(batch);
}

function settingsFor(resolver: ConfigResolver, path: string, opts: CliOptions): Settings {
  const settings = resolver.settingsFor(path);
  if (!opts.payer) return settings;
  if (!findPayer(settings, opts.payer)) {
    throw new UsageError(`--payer "${opts.payer}" is not a payer profile; known: ${Object.keys(settings.payers).join(', ')}.`);
  }
  return { ...settings, payerOverride: opts.payer.toLowerCase() };
}

/** Applies safe fixes in passes until none is left, then writes the file once, atomically. */
function fixFile(path: string, original: string, first: LintResult, filePath: string, settings: Settings, io: Io): LintResult {
  const bom = first.bom;
  const start = bom ? original.slice(1) : original;
  let text = start;
  let result = first;
  for (let pass = 0; pass < MAX_FIX_PASSES; pass++) {
    const { output, applied } = applyFixes(text, result.findings);
    if (applied.length === 0 || output === text) break;
    text = output;
    result = lint(text, { filePath, settings });
    if (result.unparsable) return first; // a fix must never leave a file unreadable
  }
  if (text !== start) io.writeFile(path, (bom ? BOM : '') + text);
  return { ...result, bom };
}

class Progress {
  private i = 0;
  private last = 0;
  constructor(
    private readonly io: Io,
    private readonly total: number,
  ) {}
  tick(): void {
    this.i++;
    const now = Date.now();
    if (now - this.last < 80 && this.i < this.total) return;
    this.last = now;
    this.io.stderr(`\r${NAME}: ${this.i}/${this.total} files`);
  }
  done(): void {
    this.io.stderr('\r\u001b[K');
  }
}
