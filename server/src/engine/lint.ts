/**
 * The engine's entry point: text + settings → note model → findings, fixes and a billing
 * summary. No file system, no terminal, no LSP.
 */
import picomatch from 'picomatch';
import { analyze, type Analysis, type BillingSummary } from './analysis';
import { trimTrailingSlashes } from './glob';
import { withMemo, type Memo } from './memo';
import { inLintScope } from './scope';
import { parseNote, type Directive, type NoteModel } from './note';
import { RULES } from './rules';
import { docsUrl, type Rule } from './rule';
import { defaultSettings, findPayer, type Settings } from './settings';
import { stripBom } from './text';
import type { Finding, Severity, SeveritySetting } from './types';

export interface LintOptions {
  /** The file's path (for `.note.md` detection and include/exclude globs). */
  filePath?: string;
  settings?: Settings;
  /** The rules to run (default: the registry). */
  rules?: readonly Rule[];
  /**
   * What an earlier lint of this document kept (memo.ts): the language server passes one per
   * open document so an edit re-reads only what it changed. The result is the same either way.
   */
  memo?: Memo;
}

export interface LintResult {
  isNote: boolean;
  /** Matched an `exclude` glob: not linted at all. */
  excluded: boolean;
  /** The text started with a byte-order mark; ranges and edits are relative to the text without it. */
  bom: boolean;
  findings: Finding[];
  billing: BillingSummary | null;
  note: NoteModel | null;
  analysis: Analysis | null;
  /** Front matter that could not be parsed: `--fix` leaves such a file alone. */
  unparsable: boolean;
  /**
   * What threw while linting (each is also an `internal-error` finding): the rule's id, or
   * null for the note's parser, and the error's kind (its name: never its message, which
   * could quote the note). The language server logs these.
   */
  failures: { ruleId: string | null; error: string }[];
}

export const INTERNAL_ERROR = 'internal-error';

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

export function lint(input: string, options: LintOptions = {}): LintResult {
  if (!options.memo) return inLintScope(() => lintText(input, options));
  const memo = options.memo;
  memo.turn();
  return withMemo(memo, () => inLintScope(() => lintText(input, options)));
}

function lintText(input: string, options: LintOptions): LintResult {
  const settings = options.settings ?? defaultSettings();
  const { text, bom } = stripBom(input);
  const none = (excluded: boolean): LintResult => ({
    isNote: false, excluded, bom, findings: [], billing: null, note: null, analysis: null, unparsable: false, failures: [],
  });
  const glob = classifyPath(settings, options.filePath);
  if (glob === 'excluded') return none(true);

  let note: NoteModel;
  try {
    note = parseNote(text, settings.codes, (name) => findPayer(settings, name) !== undefined);
  } catch (err) {
    // Never a crash on a document: say the note could not be read, and nothing else.
    return {
      ...none(false),
      isNote: true,
      findings: [internalError(`This note could not be read (${errorName(err)}); no rule has checked it. Please report this.`)],
      unparsable: true,
      failures: [{ ruleId: null, error: errorName(err) }],
    };
  }
  if (glob !== 'included' && !isNote(note, options.filePath)) return none(false);

  const payerName = settings.payerOverride ?? note.frontMatter?.payer ?? settings.defaultPayer;
  const payer = findPayer(settings, payerName) ?? findPayer(settings, settings.defaultPayer) ?? settings.payers.medicare;
  const analysis = analyze(note, settings, payer);
  const findings: Finding[] = [];
  const failures: LintResult['failures'] = [];
  for (const rule of options.rules ?? RULES) {
    const severity = severityOf(rule, settings, payer.rules);
    if (severity === 'off') continue;
    const options = settings.rules[rule.meta.id]?.options ?? {};
    try {
      rule.check({
        note, lines: note.lines, analysis, settings, payer, options,
        report: ({ severity: lower, ...r }) => findings.push({ ruleId: rule.meta.id, severity: lower && RANK[lower] < RANK[severity] ? lower : severity, ...r }),
      });
    } catch (err) {
      findings.push(internalError(`Rule ${rule.meta.id} failed on this note (${errorName(err)}); its findings are missing. Please report this.`));
      failures.push({ ruleId: rule.meta.id, error: errorName(err) });
    }
  }
  const kept = sortFindings(applyDirectives(findings, note.directives));
  return {
    isNote: true, excluded: false, bom, findings: kept, billing: analysis.summary, note, analysis,
    unparsable: note.frontMatter?.issues.some((i) => i.syntax) ?? false,
    failures,
  };
}

/** Findings in document order (line, column, rule id). */
export function sortFindings(findings: Finding[]): Finding[] {
  return findings.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.ruleId.localeCompare(b.ruleId));
}

function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}

function internalError(message: string): Finding {
  return { ruleId: INTERNAL_ERROR, severity: 'error', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}

export function severityOf(rule: { meta: Rule['meta'] }, settings: Settings, payerRules: Record<string, SeveritySetting>): SeveritySetting {
  return settings.rules[rule.meta.id]?.severity ?? payerRules[rule.meta.id] ?? (rule.meta.payerScoped ? 'off' : rule.meta.severity);
}

/** note-format.md, "Which Markdown files are notes". */
export function isNote(note: NoteModel, filePath?: string): boolean {
  const fm = note.frontMatter;
  if (fm && (fm.entries.has('note_type') || fm.entries.has('discipline'))) return true;
  if (fm && fm.issues.some((i) => i.syntax)) {
    // The YAML is broken, but its keys may still say what the file is.
    const raw = note.text.slice(fm.contentStart, fm.contentEnd);
    if (/^[ \t]*(note_type|discipline)[ \t]*:/m.test(raw)) return true;
  }
  if (note.soapKinds.size >= 2) return true;
  return filePath !== undefined && /\.note\.md$/i.test(filePath);
}

function classifyPath(settings: Settings, filePath: string | undefined): 'included' | 'excluded' | 'auto' {
  if (!filePath || (settings.include.length === 0 && settings.exclude.length === 0)) return 'auto';
  const rel = relativeTo(settings.baseDir, filePath);
  if (rel === null) return 'auto';
  if (settings.exclude.length > 0 && matcher(settings.exclude)(rel)) return 'excluded';
  if (settings.include.length > 0 && matcher(settings.include)(rel)) return 'included';
  return 'auto';
}

/** Glob matchers, compiled once per pattern list (settings live as long as their configuration). */
const matchers = new WeakMap<string[], (path: string) => boolean>();
function matcher(globs: string[]): (path: string) => boolean {
  let m = matchers.get(globs);
  if (!m) {
    m = picomatch(globs, { dot: true });
    matchers.set(globs, m);
  }
  return m;
}

/** A forward-slash path relative to `base`, or null when the file is not under it. */
function relativeTo(base: string | undefined, file: string): string | null {
  const f = file.replace(/\\/g, '/');
  if (!base) return f.replace(/^\.\//, '');
  const b = trimTrailingSlashes(base.replace(/\\/g, '/'));
  if (!f.startsWith(b + '/')) return f.startsWith('/') ? null : f.replace(/^\.\//, '');
  return f.slice(b.length + 1);
}

export function applyDirectives(findings: Finding[], directives: Directive[]): Finding[] {
  if (directives.length === 0) return findings;
  const covers = (d: Directive, id: string) => d.rules.length === 0 || d.rules.includes(id);
  const sorted = [...directives].sort((a, b) => a.line - b.line);
  return findings.filter((f) => {
    const line = f.range.start.line;
    let disabled = false;
    for (const d of sorted) {
      if (!covers(d, f.ruleId)) continue;
      if (d.kind === 'disable-file') return false;
      if (d.kind === 'disable-line' && d.line === line) return false;
      if (d.kind === 'disable-next-line' && d.range.end.line + 1 === line) return false;
      if (d.line > line) continue;
      if (d.kind === 'disable') disabled = true;
      else if (d.kind === 'enable') disabled = false;
    }
    return !disabled;
  });
}

export { docsUrl };
export type { Severity };
