/**
 * Small hand-written scanners over one line of source text: list markers, codes,
 * procedure names, modifiers and units. Each runs in one pass without backtracking.
 */
import { isAsciiLetter, isDash, isDigit, isSpace, isWordChar, skipSpaces } from './chars';
import type { CodeTable } from './codes';

import { scanTimes, timeAt, type TimeExpr } from './time';

const MARKUP = '*_`~';

/**
 * Where a line's text begins: after indentation, block-quote markers, a list marker and
 * a task checkbox, and for headings after the `#`s.
 */
export function contentStart(line: string): number {
  let i = skipSpaces(line, 0);
  while (line[i] === '>') i = skipSpaces(line, i + 1);
  if ((line[i] === '-' || line[i] === '*' || line[i] === '+') && (isSpace(line[i + 1]) || i + 1 === line.length)) {
    i = skipSpaces(line, i + 1);
  } else if (isDigit(line[i])) {
    let j = i;
    while (isDigit(line[j]) && j - i < 9) j++;
    if ((line[j] === '.' || line[j] === ')') && (isSpace(line[j + 1]) || j + 1 === line.length)) i = skipSpaces(line, j + 1);
  } else if (line[i] === '#') {
    let j = i;
    while (line[j] === '#' && j - i < 6) j++;
    if (isSpace(line[j]) || j === line.length) i = skipSpaces(line, j);
  }
  if (line[i] === '[' && (line[i + 2] === ']') && ' xX'.includes(line[i + 1] ?? '')) i = skipSpaces(line, i + 3);
  return i;
}

/** End of a line's text without trailing spaces, closing `#`s of a heading excluded. */
export function contentEnd(line: string, heading = false): number {
  let e = line.length;
  while (e > 0 && isSpace(line[e - 1])) e--;
  if (heading) {
    let j = e;
    while (j > 0 && line[j - 1] === '#') j--;
    if (j < e && (j === 0 || isSpace(line[j - 1]))) {
      e = j;
      while (e > 0 && isSpace(line[e - 1])) e--;
    }
  }
  return e;
}

export interface CodeToken {
  start: number;
  end: number;
  code: string;
}

/**
 * A code-shaped token at `i`: five digits (CPT), a letter and four digits (HCPCS), or
 * something a typo would produce in a code position (four or six digits starting 9).
 */
export function codeTokenAt(s: string, i: number, loose: boolean): CodeToken | null {
  if (i > 0 && (isWordChar(s[i - 1]) || s[i - 1] === '.' || s[i - 1] === ':' || s[i - 1] === '/')) return null;
  let j = i;
  if (isAsciiLetter(s[j])) {
    const letter = s[j];
    j++;
    const d0 = j;
    while (isDigit(s[j]) && j - d0 < 5) j++;
    if (j - d0 !== 4 || isWordChar(s[j])) return null;
    if (letter !== letter.toUpperCase()) return null;
    return { start: i, end: j, code: s.slice(i, j) };
  }
  while (isDigit(s[j]) && j - i < 7) j++;
  const n = j - i;
  if (isWordChar(s[j]) || (s[j] === '.' && isDigit(s[j + 1])) || (s[j] === ':' && isDigit(s[j + 1]))) return null;
  if (n === 5) return { start: i, end: j, code: s.slice(i, j) };
  if (loose && (n === 4 || n === 6) && s[i] === '9') return { start: i, end: j, code: s.slice(i, j) };
  return null;
}

/** All code-shaped tokens (five digits or letter + four digits) in `s[from, to)`. */
export function scanCodes(s: string, from: number, to: number): CodeToken[] {
  const out: CodeToken[] = [];
  s = to < s.length ? s.slice(0, to) : s;
  for (let i = from; i < to; i++) {
    if (!isDigit(s[i]) && !isAsciiLetter(s[i])) continue;
    const tok = codeTokenAt(s, i, false);
    if (tok) {
      out.push(tok);
      i = tok.end - 1;
    } else {
      while (i + 1 < to && isWordChar(s[i + 1])) i++;
    }
  }
  return out;
}

function normChar(c: string): string {
  if (isDash(c)) return '-';
  return c.toLowerCase();
}

/**
 * Matches a normalised procedure name (see `normalizeName`) at `i`: case-insensitive,
 * flexible spacing, dashes alike, spaces around `/` and `-` ignored. Returns the end.
 */
export function matchNameAt(s: string, i: number, key: string, end = s.length): number {
  let j = i;
  let k = 0;
  while (k < key.length) {
    if (j >= end) return -1;
    const kc = key[k];
    if (isSpace(s[j])) {
      while (j < end && isSpace(s[j])) j++;
      if (kc === ' ') {
        k++;
        continue;
      }
      if (kc === '/' || kc === '-' || (k > 0 && (key[k - 1] === '/' || key[k - 1] === '-'))) continue;
      return -1;
    }
    if (kc === ' ' && (s[j] === '/' || isDash(s[j]))) {
      k++;
      continue;
    }
    if (normChar(s[j]) !== kc) return -1;
    j++;
    k++;
  }
  if (j < end && isWordChar(s[j]) && isWordChar(s[j - 1])) return -1;
  return j;
}

export interface NameMatch {
  start: number;
  end: number;
  code: string;
}

export function nameAt(s: string, i: number, codes: CodeTable, end = s.length): NameMatch | null {
  if (i > 0 && isWordChar(s[i - 1])) return null;
  const c = s[i]?.toLowerCase();
  for (const n of codes.names) {
    if (n.key[0] !== c) continue;
    const e = matchNameAt(s, i, n.key, end);
    if (e >= 0) return { start: i, end: e, code: n.code };
  }
  return null;
}

const SKIP_WORDS = ['cpt', 'hcpcs', 'code', 'time', 'for', 'total', 'duration', 'x'];

function skipWordAt(s: string, i: number, end: number): number {
  if (i > 0 && isWordChar(s[i - 1])) return -1;
  for (const w of SKIP_WORDS) {
    if (end - i >= w.length && s.slice(i, i + w.length).toLowerCase() === w && !isWordChar(s[i + w.length])) return i + w.length;
  }
  return -1;
}

function isSeparator(c: string): boolean {
  return isSpace(c) || MARKUP.includes(c) || isDash(c) || '()[]{}:;,.=|#/\u00b7'.includes(c);
}

export interface Designator {
  /** The code: a known code token, else the code a procedure name maps to, else the token as written. */
  code: string;
  /** A code token that is not in the code table (a typo, an unknown code). */
  unknownToken?: string;
  codeStart?: number;
  codeEnd?: number;
  nameStart?: number;
  nameEnd?: number;
  /** Span of the code/name words (for highlighting and for inserting minutes). */
  start: number;
  end: number;
  time: TimeExpr | null;
}

/**
 * Reads the procedure designator of an entry starting at `i`: codes and names with the
 * separators between them, and the time written next to them (before, between or right
 * after). Stops at the first word of the description.
 */
export function readDesignator(s: string, i: number, end: number, codes: CodeTable, loose: boolean): Designator | null {
  let code: CodeToken | null = null;
  let name: NameMatch | null = null;
  let time: TimeExpr | null = null;
  let first = -1;
  let last = -1;
  s = end < s.length ? s.slice(0, end) : s;
  while (i < end) {
    const c = s[i];
    const t = timeAt(s, i);
    if (t) {
      if (!time && (code || name || first < 0)) time = t;
      else if (time) break;
      i = t.end;
      continue;
    }
    let tok: CodeToken | null = isDigit(c) || isAsciiLetter(c) ? codeTokenAt(s, i, loose || !!(code === null && name === null && precededByCpt(s, i))) : null;
    if (tok && !codes.get(tok.code) && isMeasurement(s, tok.end)) tok = null; // "10000 steps"
    if (tok && (loose || codes.get(tok.code) || precededByCpt(s, i))) {
      if (code) break; // a second code starts another thought
      code = tok;
      if (first < 0) first = tok.start;
      last = tok.end;
      i = tok.end;
      continue;
    }
    const nm = isAsciiLetter(c) ? nameAt(s, i, codes, end) : null;
    if (nm) {
      if (name) break; // the name again: the description has begun
      name = nm;
      if (first < 0) first = nm.start;
      last = nm.end;
      i = nm.end;
      continue;
    }
    const w = isAsciiLetter(c) ? skipWordAt(s, i, end) : -1;
    if (w >= 0) {
      i = w;
      continue;
    }
    if (isSeparator(c)) {
      i++;
      continue;
    }
    break;
  }
  if (!code && !name) return null;
  // A code token that is not a known code, next to a procedure name, is a typo of the name's code.
  const tokenKnown = code !== null && codes.get(code.code) !== undefined;
  const resolved = code && (tokenKnown || !name) ? code.code : name!.code;
  const d: Designator = { code: resolved, start: first, end: last, time };
  if (code && !tokenKnown) d.unknownToken = code.code;
  if (code) {
    d.codeStart = code.start;
    d.codeEnd = code.end;
  }
  if (name) {
    d.nameStart = name.start;
    d.nameEnd = name.end;
  }
  return d;
}

const MEASURES = new Set([
  'steps', 'step', 'ft', 'feet', 'foot', 'm', 'meters', 'metres', 'yd', 'yards', 'lb', 'lbs', 'pounds', 'kg', 'g', 'reps',
  'repetitions', 'sec', 'secs', 'seconds', 's', 'min', 'mins', 'minutes', 'in', 'inches', 'cm', 'mm', 'mph', 'kcal', 'cal',
  'calories', 'people', 'patients', 'times', 'words', 'trials', 'x',
]);

/** A number followed by a unit of measure ("10000 steps", "12000 ft", "20000%") is not a code. */
function isMeasurement(s: string, end: number): boolean {
  let j = skipSpaces(s, end);
  if (s[j] === '%' || s[j] === '/' || s[j] === ',' && isDigit(s[j + 1])) return true;
  const w0 = j;
  while (j < s.length && isAsciiLetter(s[j])) j++;
  return j > w0 && MEASURES.has(s.slice(w0, j).toLowerCase());
}

function precededByCpt(s: string, i: number): boolean {
  let j = i;
  while (j > 0 && (isSpace(s[j - 1]) || s[j - 1] === ':' || s[j - 1] === '#')) j--;
  const w = s.slice(Math.max(0, j - 5), j).toLowerCase();
  return w.endsWith('cpt') || w.endsWith('hcpcs');
}

/**
 * A time set off at the end of a line ("— 15 min", "(15 min)", ", 15 min", "x 15'"),
 * which is the entry's time in the style "Ther ex: bridges 2x12 — 15 min".
 */
export function trailingTime(s: string, from: number, end: number): TimeExpr | null {
  const times = scanTimes(s, from, end);
  if (times.length === 0) return null;
  const t = times[times.length - 1];
  let after = t.end;
  while (after < end && (isSpace(s[after]) || ').;*_'.includes(s[after]))) after++;
  if (after !== end) return null;
  if (s[t.start] === 'x' || s[t.start] === 'X' || s[t.start] === '\u00d7') return t;
  let b = t.start;
  while (b > from && isSpace(s[b - 1])) b--;
  const prev = s[b - 1];
  return prev !== undefined && (isDash(prev) || '(,;:|[='.includes(prev)) ? t : null;
}

const LABEL_STOP_WORDS = new Set(['for', 'with', 'to', 'in', 'at', 'on', 'x', 'then', 'while', 'after', 'before', 'from', 'into']);

/**
 * A time after a short label that names the service ("92507 Voice treatment, 50 min:",
 * "97162 PT evaluation, moderate complexity — 35 min: …", "NMR (2nd bout) — 12 min"): at
 * most five words (plain words, ordinals, small numbers), no colon or sentence end before
 * the time, no words like "for" or "with" (so "walked for 6 minutes" is not it), no
 * measurements ("150 ft"), and the time must close the label (a delimiter or the line end).
 */
export function labelTime(s: string, from: number, end: number): TimeExpr | null {
  let i = from;
  let words = 0;
  while (i < end) {
    const c = s[i];
    if (c === ':' || c === '.' || c === ';') return null;
    if (isSpace(c) || c === ',' || isDash(c) || c === '/' || c === '&' || c === '(' || c === ')' || c === '#' || MARKUP.includes(c)) {
      i++;
      continue;
    }
    if (isDigit(c) || c === 'x' || c === 'X' || c === '\u00d7') {
      const t = timeAt(s.slice(0, end), i);
      const code = t ? null : codeTokenAt(s, i, false);
      if (code && code.end <= end) {
        // The code in the label: "Self-care/home management training (97535) 9:05–9:25".
        i = code.end;
        if (++words > 5) return null;
        continue;
      }
      if (!t) {
        // An ordinal or a number in the label ("2nd bout", "#2") is still label.
        const m = /^\d{1,2}(st|nd|rd|th)?(?![\w:.])/i.exec(s.slice(i, Math.min(end, i + 5)));
        if (!m || ++words > 5) return null;
        i += m[0].length;
        continue;
      }
      let j = skipSpaces(s, t.end, end);
      while (j < end && MARKUP.includes(s[j])) j++;
      if (s[j] === '(') {
        // "each additional 15 min (15 min):": the time in brackets is the entry's.
        const inner = timeAt(s.slice(0, end), skipSpaces(s, j + 1, end));
        if (inner && s[skipSpaces(s, inner.end, end)] === ')') return inner;
      }
      return j >= end || ':.,;)'.includes(s[j]) || isDash(s[j]) ? t : null;
    }
    if (!isWordChar(c)) return null;
    const w0 = i;
    while (i < end && (isWordChar(s[i]) || s[i] === "'" || (isDash(s[i]) && isWordChar(s[i + 1])))) i++;
    const word = s.slice(w0, i).toLowerCase();
    if (/\d/.test(word) || LABEL_STOP_WORDS.has(word) || ++words > 5) return null;
  }
  return null;
}
