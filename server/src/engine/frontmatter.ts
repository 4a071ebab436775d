/**
 * YAML front matter (note-format.md, "Front matter"). Parsed with the `yaml` package,
 * keeping source positions; a syntax error or a known key of the wrong type becomes an
 * issue with a range, never an exception.
 */
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from 'yaml';
import { quote } from './rule';
import type { LineIndex } from './text';
import type { Discipline, NoteType, Range } from './types';

export interface FrontMatterIssue {
  message: string;
  range: Range;
  /** True for YAML syntax errors: the front matter could not be read at all. */
  syntax: boolean;
}

export interface FrontMatterValue {
  key: string;
  value: unknown;
  keyRange: Range;
  valueRange: Range;
}

export interface FrontMatter {
  /** Lines of the block, both `---` fences included. */
  startLine: number;
  endLine: number;
  /** Offsets of the YAML text between the fences. */
  contentStart: number;
  contentEnd: number;
  entries: Map<string, FrontMatterValue>;
  issues: FrontMatterIssue[];
  patient?: string;
  date?: string;
  discipline?: Discipline;
  payer?: string;
  provider?: string;
  supervisor?: string;
  noteType?: NoteType;
  visit?: number;
  pocStart?: string;
  pocCertified?: string;
  pocEnd?: string;
}

function isFence(line: string, chars: string[]): boolean {
  const t = line.trimEnd();
  return chars.includes(t);
}

/** Finds the front matter block: `---` on the first line, closed by `---` or `...`. */
export function findFrontMatter(lines: LineIndex): { startLine: number; endLine: number } | null {
  if (lines.lineCount < 2 || !isFence(lines.line(0), ['---'])) return null;
  for (let n = 1; n < lines.lineCount; n++) {
    if (isFence(lines.line(n), ['---', '...'])) return { startLine: 0, endLine: n };
  }
  return null;
}

const DISCIPLINES: Record<string, Discipline> = {
  pt: 'PT',
  'physical therapy': 'PT',
  ot: 'OT',
  'occupational therapy': 'OT',
  slp: 'SLP',
  st: 'SLP',
  speech: 'SLP',
  'speech therapy': 'SLP',
  'speech-language pathology': 'SLP',
  'speech language pathology': 'SLP',
};

const NOTE_TYPES: Record<string, NoteType> = {
  daily: 'daily',
  'daily note': 'daily',
  treatment: 'daily',
  'treatment note': 'daily',
  visit: 'daily',
  evaluation: 'evaluation',
  eval: 'evaluation',
  'initial evaluation': 'evaluation',
  're-evaluation': 're-evaluation',
  reevaluation: 're-evaluation',
  're-eval': 're-evaluation',
  reeval: 're-evaluation',
  progress: 'progress',
  'progress note': 'progress',
  'progress report': 'progress',
  discharge: 'discharge',
  'discharge summary': 'discharge',
  'discharge note': 'discharge',
};

/** Note types that are progress reports (MBPM Ch. 15 §220.3 D: a discharge note is one), with how messages name them. */
export const REPORT_NOTE_TYPES: Readonly<Partial<Record<NoteType, string>>> = { progress: 'progress report', 're-evaluation': 're-evaluation', discharge: 'discharge note' };

const DATE_KEYS: Record<string, 'date' | 'pocStart' | 'pocCertified' | 'pocEnd'> = {
  date: 'date',
  poc_start: 'pocStart',
  poc_certified: 'pocCertified',
  poc_end: 'pocEnd',
};

function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1];
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (typeof value === 'string') return quote(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (typeof value === 'object') return Array.isArray(value) ? 'a list' : 'a mapping';
  return String(value);
}

/**
 * Parses the front matter of a note whose text is indexed by `lines`.
 * `knownPayers` lets an unknown `payer` name be reported.
 */
export function parseFrontMatter(lines: LineIndex, block: { startLine: number; endLine: number }, knownPayers: (name: string) => boolean, yamlOnly = false): FrontMatter {
  const contentStart = lines.starts[block.startLine + 1];
  const contentEnd = block.endLine > block.startLine + 1 ? lines.ends[block.endLine - 1] : contentStart;
  const fm: FrontMatter = { ...block, contentStart, contentEnd, entries: new Map(), issues: [] };
  const simple = yamlOnly ? null : simpleEntries(lines, block);
  if (simple) {
    fm.entries = simple;
    validate(fm, knownPayers);
    return fm;
  }
  const yamlText = lines.text.slice(contentStart, contentEnd);
  const at = (start: number, end: number): Range => lines.range(contentStart + start, contentStart + Math.max(end, start));

  const counter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: counter, prettyErrors: false, uniqueKeys: true, strict: true });
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      const [a, b] = err.pos;
      // Point at the whole offending line: YAML's own position is often the line's end.
      const startPos = lines.positionAt(contentStart + Math.min(a, yamlText.length));
      const line = Math.min(startPos.line, block.endLine - 1);
      // YAML's span is often one character: show from there to the end of the line.
      const lineRange = lines.trimmedLineRange(Math.max(line, block.startLine + 1));
      const sameLine = startPos.line === line && lines.positionAt(contentStart + b).line === line;
      const range = sameLine && b - a > 1 ? at(a, b) : sameLine ? { start: startPos, end: lineRange.end } : lineRange;
      // The parser's message can quote the note (a tag, an escape): quoted, as note text is.
      fm.issues.push({ message: `Front matter is not valid YAML: ${quote(firstSentence(err.message))}`, range, syntax: true });
    }
    return fm;
  }
  const root = doc.contents;
  if (root === null || root === undefined) return fm;
  if (!isMap(root)) {
    const r = (root as YamlNode).range ?? [0, yamlText.length];
    fm.issues.push({ message: 'Front matter must be a list of `key: value` lines.', range: at(r[0], r[1]), syntax: true });
    return fm;
  }
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!key || !keyNode?.range) continue;
    const keyRange = at(keyNode.range[0], keyNode.range[1]);
    const valueRange = valueNode?.range ? at(valueNode.range[0], valueNode.range[1]) : keyRange;
    const value = valueNode ? (isScalar(valueNode) ? valueNode.value : (valueNode as { toJSON(): unknown }).toJSON()) : null;
    fm.entries.set(key.toLowerCase(), { key, value, keyRange, valueRange });
  }
  validate(fm, knownPayers);
  return fm;
}

/**
 * The usual front matter, `key: value` lines with plain values, read without the YAML parser
 * (on ordinary notes it took a fifth of the command line's time). The entries are exactly
 * what the YAML path gives. Anything else returns null and goes to the YAML parser: quotes,
 * comments, indentation, lists, a repeated key, a tab, or a value YAML could read as
 * anything but a string or a plain whole number (`true`, `null`, `1e3`, `0x1F`, `.5`, `-3`).
 * test/property/engine.test.ts holds the two paths to the same result.
 */
export function simpleEntries(lines: LineIndex, block: { startLine: number; endLine: number }): Map<string, FrontMatterValue> | null {
  const entries = new Map<string, FrontMatterValue>();
  const seen = new Set<string>();
  for (let n = block.startLine + 1; n < block.endLine; n++) {
    const line = lines.line(n);
    const base = lines.starts[n];
    let end = line.length;
    while (end > 0 && line.charCodeAt(end - 1) === 0x20) end--;
    if (end === 0) continue; // a blank line
    let k = 0;
    while (k < end && isKeyCode(line.charCodeAt(k), k === 0)) k++;
    if (k === 0 || line.charCodeAt(k) !== 0x3a /* : */) return null;
    const key = line.slice(0, k);
    if (seen.has(key) || SPECIAL_WORDS.has(key)) return null;
    seen.add(key);
    let v = k + 1;
    if (v < end && line.charCodeAt(v) !== 0x20) return null;
    while (v < end && line.charCodeAt(v) === 0x20) v++;
    const raw = line.slice(v, end);
    let value: string | number | null;
    if (raw === '') value = null;
    else if (raw.includes('\t')) return null;
    else if (/^[0-9]+$/.test(raw)) value = Number(raw);
    else if (/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(raw)) value = raw;
    else if (isAsciiLetterCode(raw.charCodeAt(0)) && !raw.includes(' #') && !raw.includes(': ') && !raw.endsWith(':') && !SPECIAL_WORDS.has(raw)) value = raw;
    else return null;
    const keyRange = lines.range(base, base + k);
    // YAML puts an empty value at the end of its line, after any spaces.
    const valueRange = value === null ? lines.range(base + line.length, base + line.length) : lines.range(base + v, base + end);
    entries.set(key.toLowerCase(), { key, value, keyRange, valueRange });
  }
  return entries;
}

/** Plain words YAML reads as null or a boolean. */
const SPECIAL_WORDS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE']);
const isAsciiLetterCode = (c: number) => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
function isKeyCode(c: number, first: boolean): boolean {
  return isAsciiLetterCode(c) || c === 0x5f /* _ */ || (!first && ((c >= 0x30 && c <= 0x39) || c === 0x2d));
}

function firstSentence(message: string): string {
  const line = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return line.endsWith('.') ? line : line + '.';
}

function validate(fm: FrontMatter, knownPayers: (name: string) => boolean): void {
  const bad = (e: FrontMatterValue, expected: string) =>
    fm.issues.push({ message: `Front matter \`${e.key}\` must be ${expected}; found ${describe(e.value)}.`, range: e.valueRange, syntax: false });
  const text = (e: FrontMatterValue): string | undefined =>
    typeof e.value === 'string' ? e.value.trim() : typeof e.value === 'number' ? String(e.value) : undefined;

  for (const [key, e] of fm.entries) {
    if (e.value === null || e.value === '') continue; // an empty key is the same as no key
    switch (key) {
      case 'patient': {
        const v = text(e);
        if (v === undefined) bad(e, 'an identifier such as P-0042');
        else fm.patient = v;
        break;
      }
      case 'date':
      case 'poc_start':
      case 'poc_certified':
      case 'poc_end': {
        const v = typeof e.value === 'string' ? e.value.trim() : undefined;
        if (v === undefined || !isIsoDate(v)) bad(e, 'an ISO date (YYYY-MM-DD), such as 2026-03-04');
        else fm[DATE_KEYS[key]] = v;
        break;
      }
      case 'discipline': {
        const v = text(e);
        const d = v === undefined ? undefined : DISCIPLINES[v.toLowerCase()];
        if (!d) bad(e, 'PT, OT or SLP');
        else fm.discipline = d;
        break;
      }
      case 'note_type': {
        const v = text(e);
        const t = v === undefined ? undefined : NOTE_TYPES[v.toLowerCase().replace(/\s+/g, ' ')];
        if (!t) bad(e, 'one of daily, evaluation, re-evaluation, progress, discharge');
        else fm.noteType = t;
        break;
      }
      case 'visit': {
        const v = typeof e.value === 'number' ? e.value : typeof e.value === 'string' && /^\s*\d+\s*$/.test(e.value) ? Number(e.value) : NaN;
        if (!Number.isInteger(v) || v < 1) bad(e, 'a whole number of 1 or more (the treatment day in the episode)');
        else fm.visit = v;
        break;
      }
      case 'payer': {
        const v = text(e);
        if (v === undefined) bad(e, 'the name of a payer profile');
        else if (!knownPayers(v)) {
          fm.issues.push({
            message: `Front matter \`payer\` names an unknown payer profile ${quote(v)}; use medicare, medicaid, commercial or one defined under \`payers\` in .therapy-note-lint.json.`,
            range: e.valueRange,
            syntax: false,
          });
        } else fm.payer = v;
        break;
      }
      case 'provider':
      case 'supervisor': {
        const v = typeof e.value === 'string' ? e.value.trim() : undefined;
        if (v === undefined) bad(e, 'a name with credentials, such as "Sam Lee, PTA"');
        else fm[key] = v;
        break;
      }
      default:
        break; // unknown keys are ignored (note-format.md)
    }
  }
}
