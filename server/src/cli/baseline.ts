/**
 * A baseline, as ESLint's bulk suppressions: `--write-baseline FILE` records today's findings,
 * `--baseline FILE` leaves them out, so a clinic can adopt the tool and stop new problems
 * first.
 *
 * A finding is keyed by its file (the path relative to the baseline file's folder), its rule
 * id and a hash of its source text: the lines it covers (each trimmed) and the text of its
 * range. Line numbers and messages (which can name lines) are not part of the key, so lines
 * inserted above a finding do not bring it back; editing the flagged line does. Each key
 * has a count: two findings on identical lines need two entries. The file holds no note
 * text, only hashes.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve, sep } from 'node:path';
import { parse as parseJson, type ParseError } from 'jsonc-parser';
import type { Finding } from '../engine/types';
import type { FileReport } from './report';

export const BASELINE_VERSION = 1;

/** path → rule id → hash → count. */
export type BaselineEntries = Map<string, Map<string, Map<string, number>>>;

export interface Baseline {
  /** The baseline file, as given. */
  file: string;
  entries: BaselineEntries;
}

/** A missing or malformed baseline file (exit status 2). */
export class BaselineError extends Error {}

/** Hex digits of SHA-256 kept per finding: 64 bits, plenty within one file and rule. */
const HASH_LENGTH = 16;
/** At most this much of a range's text is hashed (a range can cover a whole section). */
const RANGE_TEXT_MAX = 2000;

/** A note's lines, for `fingerprint`. */
export function sourceLines(source: string | null | undefined): string[] | null {
  return source ? source.split(/\r\n|\r|\n/) : null;
}

/** The hash of a finding's source text (see the module comment); `lines` from `sourceLines`. */
export function fingerprint(lines: string[] | null, finding: Finding): string {
  let text = '';
  if (lines) {
    const { start, end } = finding.range;
    // A range that ends at the start of a line does not cover that line.
    const last = end.line > start.line && end.character === 0 ? end.line - 1 : end.line;
    const covered: string[] = [];
    for (let n = start.line; n <= last && n < lines.length; n++) covered.push(lines[n].trim());
    let rangeText = '';
    if (start.line < lines.length) {
      if (start.line === end.line) rangeText = lines[start.line].slice(start.character, end.character);
      else rangeText = [lines[start.line].slice(start.character), ...lines.slice(start.line + 1, end.line), (lines[end.line] ?? '').slice(0, end.character)].join('\n');
    }
    text = covered.join('\n') + '\u0000' + rangeText.slice(0, RANGE_TEXT_MAX);
  }
  return createHash('sha256').update(text, 'utf8').digest('hex').slice(0, HASH_LENGTH);
}

/** A report's path as the baseline names it: relative to the baseline file's folder, with `/`. */
export function baselinePath(baselineFile: string, path: string): string {
  return relative(dirname(resolve(baselineFile)), resolve(path)).split(sep).join('/');
}

/** The baseline of these reports' findings. */
export function buildBaseline(file: string, reports: FileReport[]): Baseline {
  const entries: BaselineEntries = new Map();
  for (const r of reports) {
    if (r.findings.length === 0) continue;
    const path = baselinePath(file, r.path);
    let rules = entries.get(path);
    if (!rules) entries.set(path, (rules = new Map()));
    const lines = sourceLines(r.source);
    for (const x of r.findings) {
      let hashes = rules.get(x.ruleId);
      if (!hashes) rules.set(x.ruleId, (hashes = new Map()));
      const h = fingerprint(lines, x);
      hashes.set(h, (hashes.get(h) ?? 0) + 1);
    }
  }
  return { file, entries };
}

/** The baseline file's text: keys sorted, so that it diffs well in version control. */
export function serializeBaseline(b: Baseline): string {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [c]) => (a < c ? -1 : a > c ? 1 : 0));
  const files: Record<string, Record<string, Record<string, number>>> = {};
  for (const [path, rules] of sorted(b.entries)) {
    files[path] = {};
    for (const [rule, hashes] of sorted(rules)) files[path][rule] = Object.fromEntries(sorted(hashes));
  }
  return JSON.stringify({ version: BASELINE_VERSION, tool: 'therapy-note-lint', files }, null, 2) + '\n';
}

/**
 * `--write-baseline`: records the reports' findings in `file` (written atomically) and says
 * so on standard error. A file that cannot be written is a BaselineError.
 */
export function writeBaseline(file: string, reports: FileReport[], io: { writeFile(path: string, data: string): void; stderr(s: string): void }): Baseline {
  const b = buildBaseline(file, reports);
  try {
    io.writeFile(file, serializeBaseline(b));
  } catch (err) {
    throw new BaselineError(`${file}: cannot write the baseline file (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}).`);
  }
  const { findings, files } = baselineSize(b);
  io.stderr(`therapy-note-lint: wrote ${findings} finding${findings === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} to the baseline ${file}.\n`);
  return b;
}

/** Counts of findings in a baseline. */
export function baselineSize(b: Baseline): { findings: number; files: number } {
  let findings = 0;
  for (const rules of b.entries.values()) for (const hashes of rules.values()) for (const n of hashes.values()) findings += n;
  return { findings, files: b.entries.size };
}

/** Reads and checks a baseline file; a BaselineError says what is wrong and where. */
export function loadBaseline(file: string): Baseline {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BaselineError(`${file}: cannot read the baseline file (${(err as NodeJS.ErrnoException).code ?? (err as Error).name}). Write one with --write-baseline.`);
  }
  return parseBaseline(file, text);
}

export function parseBaseline(file: string, text: string): Baseline {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const data: unknown = parseJson(body, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length > 0) {
    const where = lineColumn(body, errors[0].offset);
    throw new BaselineError(`${file}:${where.line}:${where.column}: the baseline file is not valid JSON.`);
  }
  const bad = (what: string, expected: string): never => {
    throw new BaselineError(`${file}: ${what} must be ${expected}. Write the file again with --write-baseline.`);
  };
  if (!isObject(data)) return bad('the baseline file', 'a JSON object with "version" and "files"');
  if (data.version !== BASELINE_VERSION) bad('"version"', `${BASELINE_VERSION}`);
  if (!isObject(data.files)) bad('"files"', 'an object of file paths');
  const entries: BaselineEntries = new Map();
  for (const [path, rules] of Object.entries(data.files as Record<string, unknown>)) {
    if (!isObject(rules)) bad(`"files.${path}"`, 'an object of rule ids');
    const byRule = new Map<string, Map<string, number>>();
    for (const [rule, hashes] of Object.entries(rules as Record<string, unknown>)) {
      if (!isObject(hashes)) bad(`"files.${path}.${rule}"`, 'an object of hashes and counts');
      const counts = new Map<string, number>();
      for (const [hash, n] of Object.entries(hashes as Record<string, unknown>)) {
        if (!/^[0-9a-f]{16}$/.test(hash)) bad(`the key "${hash.slice(0, 20)}" in "files.${path}.${rule}"`, 'a hash of 16 hexadecimal digits');
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) bad(`"files.${path}.${rule}.${hash}"`, 'a whole number of 1 or more');
        counts.set(hash, n as number);
      }
      byRule.set(rule, counts);
    }
    entries.set(path, byRule);
  }
  return { file, entries };
}

/**
 * The reports without the findings the baseline has (up to each key's count, in order),
 * and how many were left out.
 */
export function applyBaseline(reports: FileReport[], baseline: Baseline | null): { reports: FileReport[]; suppressed: number } {
  if (!baseline) return { reports, suppressed: 0 };
  let suppressed = 0;
  const out = reports.map((r) => {
    const rules = baseline.entries.get(baselinePath(baseline.file, r.path));
    if (!rules || r.findings.length === 0) return r;
    const lines = sourceLines(r.source);
    const left = new Map<string, Map<string, number>>();
    const findings = r.findings.filter((x) => {
      const known = rules.get(x.ruleId);
      if (!known) return true;
      let counts = left.get(x.ruleId);
      if (!counts) left.set(x.ruleId, (counts = new Map(known)));
      const h = fingerprint(lines, x);
      const n = counts.get(h) ?? 0;
      if (n === 0) return true;
      counts.set(h, n - 1);
      suppressed++;
      return false;
    });
    return { ...r, findings };
  });
  return { reports: out, suppressed };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      col = 1;
    } else col++;
  }
  return { line, column: col };
}
