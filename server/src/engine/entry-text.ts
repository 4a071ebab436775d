/**
 * An intervention entry's own words: its text with the code, procedure name, minutes and
 * table cells that only name the procedure blanked out (same length, so offsets still map
 * to the note). The documentation rules read this, so "Therapeutic activities" in
 * "97530 Therapeutic activities — 23 min" is not mistaken for a description.
 */
import type { CodeTable } from './codes';
import { findGoalRefs, splitRow, type Entry, type GoalRef, type NoteModel } from './note';
import { scanTimes } from './time';
import type { Range, TextEdit } from './types';
import { detached, memoActive, memoized } from './memo';
import { perLint } from './scope';
import { markShared, sharedTokens, tokenize, tokensOutside, type Token } from './vocab';

export interface EntryText {
  /** The entry's text with designator, minutes and markup blanked. */
  text: string;
  /** Offset of text[0] in the note. */
  offset: number;
  tokens: Token[];
}

/**
 * What is derived from an entry's text alone, kept together: one memo lookup per entry and
 * lint (memo.ts) serves its own words, its tokens and its goal references. Without a memo
 * it lives for one lint and still spares the rules a second reading.
 */
interface EntryRecord {
  /** The entry's text, detached from the note when a memo keeps it. */
  text: string;
  own?: { sub: string; text: string; tokens: Token[] };
  tokens?: Token[];
  goalRefs?: GoalRef[];
}

function entryRecord(e: Entry): EntryRecord {
  return perLint('entryRecord', e, () => memoized<EntryRecord>('entry', e.text, () => ({ text: memoActive() ? detached(e.text) : e.text })));
}

/** The words of an entry's whole text (code, name and minutes included). Shared: not to be changed. */
export function entryTokens(e: Entry): Token[] {
  const r = entryRecord(e);
  return (r.tokens ??= memoActive() ? sharedTokens(r.text) : tokenize(r.text));
}

/** The goal references in an entry's text. Shared: not to be changed. */
export function entryGoalRefs(e: Entry): GoalRef[] {
  const r = entryRecord(e);
  return (r.goalRefs ??= findGoalRefs(r.text));
}

export function entryText(note: NoteModel, e: Entry, codes: CodeTable): EntryText {
  return perLint('entryText', e, () => readEntryText(note, e, codes));
}

function readEntryText(note: NoteModel, e: Entry, codes: CodeTable): EntryText {
  const { lines } = note;
  const offset = lines.offsetAt(e.range.start);
  const r = entryRecord(e);
  if (!memoActive()) r.own = { sub: '', ...ownWords(note, e, codes, offset) };
  else {
    // The entry's own words depend only on its text, where its designator and minutes sit
    // in it, and (in a table) the row's text before the entry.
    const rel = (x: Range | undefined) => (x ? `${lines.offsetAt(x.start) - offset},${lines.offsetAt(x.end) - offset}` : '');
    const before = e.form === 'table' ? lines.text.slice(lines.starts[e.firstLine], offset) : '';
    const sub = `${rel(e.designatorRange)};${rel(e.minutesRange)};${before}`;
    if (r.own?.sub !== sub) r.own = { sub, ...ownWords(note, e, codes, offset) };
  }
  return { text: r.own.text, offset, tokens: r.own.tokens };
}

function ownWords(note: NoteModel, e: Entry, codes: CodeTable, offset: number): { text: string; tokens: Token[] } {
  const { lines } = note;
  // Spans to blank, joined at the end (an array of every character cost more than the rest
  // of the entry's reading on a large note).
  const spans: [number, number][] = [];
  const blank = (r: Range | undefined) => {
    if (!r) return;
    const a = Math.max(0, lines.offsetAt(r.start) - offset);
    const b = Math.min(lines.offsetAt(r.end) - offset, e.text.length);
    if (a < b) spans.push([a, b]);
  };
  blank(e.designatorRange);
  blank(e.minutesRange);
  if (e.form === 'table') {
    // Cells of the row that hold only a code, a procedure name, a number or a time.
    const row = e.range.start.character;
    for (const cell of splitRow(lines.line(e.firstLine))) {
      const t = cell.text;
      if (t && (codes.get(t.toUpperCase()) || codes.byName(t) || onlyTime(t) || isNumeric(t))) blank({ start: { line: e.firstLine, character: Math.max(cell.start, row) }, end: { line: e.firstLine, character: cell.end } });
    }
  }
  // A few spans: an insertion sort (Array.prototype.sort allocates more than the rest here).
  for (let i = 1; i < spans.length; i++) {
    const x = spans[i];
    let j = i - 1;
    for (; j >= 0 && spans[j][0] > x[0]; j--) spans[j + 1] = spans[j];
    spans[j + 1] = x;
  }
  let text = '';
  let at = 0;
  for (const [a, b] of spans) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    text += e.text.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  text += e.text.slice(at);
  // The words of the whole entry without those blanked: no second reading of the text.
  const kept = tokensOutside(entryTokens(e), spans);
  if (!memoActive()) return { text, tokens: kept ?? tokenize(text) };
  // Kept by the memo: a copy, not a view into this version of the note (memo.ts, `detached`).
  text = detached(text);
  return { text, tokens: kept ? markShared(kept) : sharedTokens(text) };
}

/** A cell that holds only times: "23 min", "10:05–10:28", "10:25 AM". */
function onlyTime(cell: string): boolean {
  // Such a cell starts with a time (a digit, x or ×) or a character allowed beside one.
  if (!TIME_CELL_START.includes(cell[0])) return false;
  const covered = new Uint8Array(cell.length);
  for (const t of scanTimes(cell)) for (let i = t.start; i < t.end; i++) covered[i] = 1;
  const lower = cell.toLowerCase();
  for (let i = 0; i < cell.length; i++) {
    if (covered[i]) continue;
    const c = lower[i];
    if ((c >= '0' && c <= '9') || c === ':' || c === '.' || c === ' ' || c === '-' || c === '–' || c === '—') continue;
    if ((c === 'a' || c === 'p') && lower[i + 1] === 'm') {
      i++;
      continue;
    }
    return false;
  }
  return true;
}

const TIME_CELL_START = '0123456789xX\u00d7:. -–—aApP';

function isNumeric(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (!(c >= '0' && c <= '9') && c !== '.' && c !== ' ') return false;
  }
  return true;
}

export function rangeIn(note: NoteModel, t: EntryText, start: number, end: number): Range {
  return note.lines.range(t.offset + start, t.offset + end);
}

/**
 * An insertion at the end of an entry's text: after the last non-blank line's content, or,
 * in a table row, at the end of the last non-empty cell.
 */
export function appendToEntry(note: NoteModel, e: Entry, text: string): TextEdit {
  const { lines } = note;
  if (e.form === 'table') {
    const s = lines.line(e.firstLine);
    let end = s.length;
    while (end > 0 && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
    if (s[end - 1] === '|') end--;
    let last = end;
    while (last > 0 && (s[last - 1] === ' ' || s[last - 1] === '\t')) last--;
    // An empty last cell: write into it.
    const pos = { line: e.firstLine, character: last };
    return { range: { start: pos, end: pos }, newText: text };
  }
  const pos = e.range.end;
  return { range: { start: pos, end: pos }, newText: text };
}

/**
 * Entries the per-entry documentation rules read: known codes other than evaluations. An
 * evaluation's entry is the whole note (findings, goals, plan), and an unknown code is
 * unknown-code's business.
 */
export function documentedService(e: Entry, codes: CodeTable): boolean {
  const info = codes.get(e.code);
  return !!info && !info.evaluation;
}
