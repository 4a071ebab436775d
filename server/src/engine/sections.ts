/**
 * Section names (note-format.md, "Sections"): SOAP sections by name or letter, and the
 * Goals, Interventions and Billing sections, as headings or as labels with a colon.
 */
import { isDash, isSpace, skipSpaces } from './chars';

export type SectionKind = 'S' | 'O' | 'A' | 'P' | 'goals' | 'interventions' | 'billing';

const NAMES: [string, SectionKind][] = [
  ['subjective', 'S'],
  ['objective', 'O'],
  ['assessment', 'A'],
  ['plan', 'P'],
  ['plan of care', 'P'],
  ['treatment plan', 'P'],
  ['goals', 'goals'],
  ['short-term goals', 'goals'],
  ['short term goals', 'goals'],
  ['long-term goals', 'goals'],
  ['long term goals', 'goals'],
  ['stgs', 'goals'],
  ['ltgs', 'goals'],
  ['stg(s)', 'goals'],
  ['ltg(s)', 'goals'],
  ['functional goals', 'goals'],
  ['interventions', 'interventions'],
  ['intervention', 'interventions'],
  ['treatment', 'interventions'],
  ['treatments', 'interventions'],
  ['treatment provided', 'interventions'],
  ['treatments provided', 'interventions'],
  ['interventions provided', 'interventions'],
  ['interventions performed', 'interventions'],
  ['procedures', 'interventions'],
  ['procedures performed', 'interventions'],
  ['billing', 'billing'],
  ['charges', 'billing'],
  ['codes billed', 'billing'],
  ['billed codes', 'billing'],
  ['billing codes', 'billing'],
  ['cpt', 'billing'],
  ['cpt codes', 'billing'],
];
// Longest first, so "plan of care" wins over "plan" and "treatment plan" over "treatment".
NAMES.sort((a, b) => b[0].length - a[0].length);

const LETTERS: Record<string, SectionKind> = { s: 'S', o: 'O', a: 'A', p: 'P' };

/** Kinds whose full name may be followed by more words without punctuation ("Objective findings"). */
const OPEN_ENDED = new Set<SectionKind>(['S', 'O', 'A', 'P', 'goals', 'billing']);

function normalize(text: string): string {
  let out = '';
  let space = false;
  for (const ch of text) {
    if (ch === '*' || ch === '_' || ch === '`') continue;
    if (isSpace(ch)) {
      space = out.length > 0;
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += isDash(ch) ? '-' : ch.toLowerCase();
  }
  return out;
}

function isSectionSeparator(c: string | undefined): boolean {
  return c !== undefined && (c === ':' || c === '-' || c === '/' || c === '(' || c === '|' || c === ',' || c === '.' || c === '&' || c === '+');
}

/** The section a heading's text starts, if any: `Subjective`, `S`, `S:`, `O — Objective`, `Objective / Interventions`. */
export function headingSection(text: string): SectionKind | null {
  const t = normalize(text);
  if (!t) return null;
  for (const [name, kind] of NAMES) {
    if (!t.startsWith(name)) continue;
    const rest = t.slice(name.length);
    if (rest === '') return kind;
    const next = rest[0] === ' ' ? rest[1] : rest[0];
    if (isSectionSeparator(next)) return kind;
    if (rest[0] === ' ' && OPEN_ENDED.has(kind) && !/^ (note|notes)\b/.test(rest)) return kind;
  }
  const letter = LETTERS[t[0]];
  if (letter) {
    const rest = t.slice(1).trimStart();
    if (rest === '' || isSectionSeparator(rest[0])) return letter;
  }
  return null;
}

const SOAP_WORDS: Record<string, 'S' | 'O' | 'A' | 'P'> = {
  s: 'S', o: 'O', a: 'A', p: 'P', subjective: 'S', objective: 'O', assessment: 'A', plan: 'P',
};

/**
 * SOAP sections written as one: `A/P`, `Assessment/Plan`, `Assessment and Plan`,
 * `Assessment & Plan`, `S/O`. Every part must be a SOAP name or letter; returns the kinds in
 * order, or null.
 */
export function combinedSoap(text: string): ('S' | 'O' | 'A' | 'P')[] | null {
  const t = normalize(text);
  const parts: string[] = [];
  let cur = '';
  const flush = () => {
    if (cur.trim()) parts.push(cur.trim());
    cur = '';
  };
  for (let i = 0; i < t.length; i++) {
    const c = t[i];
    if (c === '/' || c === '&' || c === '+' || c === ',') flush();
    else if (c === ':' && i === t.length - 1) continue;
    else cur += c;
  }
  flush();
  const kinds: ('S' | 'O' | 'A' | 'P')[] = [];
  for (const part of parts) {
    for (const w of part.split(' ')) {
      if (w === 'and' || w === '') continue;
      const k = SOAP_WORDS[w];
      if (!k) return null;
      kinds.push(k);
    }
  }
  return kinds.length >= 2 ? kinds : null;
}

export interface LabelMatch {
  kind: SectionKind;
  /** For a combined label (`A/P:`), every SOAP section it stands for. */
  combined?: ('S' | 'O' | 'A' | 'P')[];
  /** Offsets in the line: the label (markup included) and where its content begins. */
  start: number;
  end: number;
  contentStart: number;
}

/**
 * A label at the start of a line: `S:`, `**S:**`, `**S**:`, `Subjective:`, `Billing:`.
 * `maxIndent` is the indentation allowed before it.
 */
export function labelAt(line: string, maxIndent = 3): LabelMatch | null {
  const start = skipSpaces(line, 0);
  if (start > maxIndent) return null;
  let i = start;
  let open = '';
  if (line.startsWith('**', i) || line.startsWith('__', i)) open = line.slice(i, i + 2);
  else if (line[i] === '*' || line[i] === '_') open = line[i];
  i += open.length;
  const nameStart = i;
  while (i < line.length && i - nameStart <= 30 && line[i] !== ':' && line[i] !== '*' && line[i] !== '_') i++;
  const nameEnd = i;
  let closed = false;
  if (open && line.startsWith(open, i)) {
    i += open.length;
    closed = true;
  }
  i = skipSpaces(line, i);
  if (line[i] !== ':') return null;
  i++;
  if (open && !closed) {
    if (!line.startsWith(open, i)) return null;
    i += open.length;
  }
  const name = normalize(line.slice(nameStart, nameEnd));
  let kind: SectionKind | undefined = LETTERS[name];
  if (!kind) kind = NAMES.find(([n]) => n === name)?.[1];
  const combined = kind ? null : combinedSoap(name);
  if (combined) return { kind: combined[0], combined, start, end: i, contentStart: skipSpaces(line, i) };
  if (!kind) return null;
  return { kind, start, end: i, contentStart: skipSpaces(line, i) };
}
