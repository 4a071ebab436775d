/** Text edits shared by the rules' fixes. */
import { walk, type Block } from './markdown';
import type { BilledLine, NoteModel, Section, Total } from './note';
import { classifyColumns, splitRow } from './note';
import { contentStart } from './scan';
import { isDash, isSpace, isWordChar } from './chars';
import type { Position, TextEdit } from './types';

/** Sets the units of a billed line; null when the line has nowhere to write them (a table without a Units column). */
export function setUnitsEdit(b: BilledLine, units: number): TextEdit | null {
  if (b.unitsRange) return { range: b.unitsRange, newText: String(units) };
  if (b.form === 'table') return null;
  return { range: { start: b.range.end, end: b.range.end }, newText: ` x${units}` };
}

/** Sets a total's value: a number stays a number; a value written with hours becomes "N min". */
export function setTotalEdit(t: Total, minutes: number): TextEdit {
  return { range: t.valueRange, newText: t.hours ? `${minutes} min` : String(minutes) };
}

/** The innermost block of `type` containing `line`, whose parent is not of that type's item. */
function outermost(note: NoteModel, line: number, type: Block['type']): Block | null {
  let found: Block | null = null;
  walk(note.root, (b) => {
    if (found || b.type !== type || line < b.startLine || line >= b.endLine) return;
    found = b;
  });
  return found;
}

function lastContentLine(note: NoteModel, from: number, to: number): number {
  let n = to - 1;
  while (n > from && note.lines.isBlank(n)) n--;
  return n;
}

/**
 * Where to insert a new paragraph after the entry at `line` (after its whole list or
 * table): returns the insertion position and text that keeps a blank line on each side.
 */
export function insertParagraphAfter(note: NoteModel, line: number, form: 'heading' | 'list' | 'table' | 'line', endLine: number, section: Section, paragraph: string): TextEdit {
  let last = endLine - 1;
  const container = form === 'list' ? outermost(note, line, 'list') : form === 'table' ? outermost(note, line, 'table') : null;
  if (container) last = lastContentLine(note, container.startLine, Math.min(container.endLine, section.endLine));
  last = Math.max(last, line);
  const eol = note.eol;
  const hasNext = last + 1 < note.lines.lineCount;
  const nextBlank = hasNext && note.lines.isBlank(last + 1);
  const pos: Position = { line: last, character: note.lines.ends[last] - note.lines.starts[last] };
  return { range: { start: pos, end: pos }, newText: eol + eol + paragraph + (hasNext && !nextBlank ? eol : '') };
}

/** An edit adding a billing line for `code` in the style of the section's existing lines. */
export function addBillingLineEdit(note: NoteModel, section: Section, code: string, units: number, modifiers: string[]): TextEdit {
  const lines = note.lines;
  const eol = note.eol;
  const inSection = note.billing.filter((b) => b.section === section);
  const mods = modifiers.length > 0 ? ' ' + modifiers.join(' ') : '';
  const last = inSection[inSection.length - 1];
  if (!last) {
    const n = section.startLine;
    const pos: Position = { line: n, character: lines.ends[n] - lines.starts[n] };
    const sep = section.form === 'heading' ? eol + eol : eol;
    return { range: { start: pos, end: pos }, newText: `${sep}- ${code} x${units}${mods}` };
  }
  const n = last.line;
  const raw = lines.line(n);
  const pos: Position = { line: n, character: raw.length };
  if (last.form === 'table') {
    const table = outermost(note, n, 'table');
    const header = table?.children.find((r) => r.type === 'row' && r.header);
    const cols = header ? classifyColumns(splitRow(lines.line(header.startLine)).map((c) => c.text)) : {};
    const count = splitRow(raw).length;
    const cells: string[] = [];
    for (let i = 0; i < count; i++) {
      if (i === (cols.code ?? 0)) cells.push(code + (cols.modifiers === undefined && cols.units === undefined ? ` x${units}${mods}` : ''));
      else if (i === cols.units) cells.push(String(units));
      else if (i === cols.modifiers) cells.push(modifiers.join(' '));
      else cells.push('');
    }
    if (cols.units === undefined && cols.modifiers !== undefined && cells[cols.code ?? 0] === code) cells[cols.code ?? 0] = `${code} x${units}`;
    return { range: { start: pos, end: pos }, newText: `${eol}| ${cells.join(' | ')} |` };
  }
  if (last.form === 'list') {
    const start = contentStart(raw);
    let prefix = raw.slice(0, start);
    const num = /^(\s*)(\d+)([.)])(\s+)$/.exec(prefix);
    if (num) prefix = `${num[1]}${Number(num[2]) + 1}${num[3]}${num[4]}`;
    return { range: { start: pos, end: pos }, newText: `${eol}${prefix}${code} x${units}${mods}` };
  }
  return { range: { start: pos, end: pos }, newText: `${eol}${code} x${units}${mods}` };
}

// ---------------------------------------------------------------------------------------
// Modifiers on a billed line, in every billing form (list, plain line, table).

/** Columns of the billing table that holds line `n`. */
function tableColumns(note: NoteModel, n: number): ReturnType<typeof classifyColumns> {
  const table = outermost(note, n, 'table');
  const header = table?.children.find((r) => r.type === 'row' && r.header);
  return header ? classifyColumns(splitRow(note.lines.line(header.startLine)).map((c) => c.text)) : {};
}

/** How a line joins its modifiers: `-` in `97140-59-GP`, `, ` in `GP, 59`, else a space. */
function modifierSeparator(s: string, b: BilledLine): string {
  const [m0, m1] = b.modifiers;
  if (m1 && m1.range.start.line === m0.range.end.line) {
    const between = s.slice(m0.range.end.character, m1.range.start.character).trim();
    if (between.length === 1 && isDash(between)) return '-';
    if (between === ',') return ', ';
    if (between === '/') return '/';
    return ' ';
  }
  return isDash(s[m0.range.start.character - 1]) && !isSpace(s[m0.range.start.character - 2]) ? '-' : ' ';
}

/** Just past a code and the markup closing around it (`**97530**`, `(97530)`). */
function afterCode(s: string, b: BilledLine): number {
  let i = b.codeRange.end.character;
  while (i < s.length && (s[i] === '*' || s[i] === '_' || s[i] === '`' || s[i] === ')' || s[i] === ']')) i++;
  return i;
}

function insertAt(line: number, character: number, newText: string): TextEdit {
  const p: Position = { line, character };
  return { range: { start: p, end: p }, newText };
}

/**
 * Adds `modifier` to a billed line where the line writes its modifiers: next to its other
 * modifiers with their separator (after the last of `place.after` when present, or before
 * the first of `place.before`), into an empty Modifier cell of a table, or else after the
 * code in the style of the note's other billing lines (`97140-GP` or `97530 x2 GP`).
 */
export function addModifierEdit(note: NoteModel, b: BilledLine, modifier: string, place: { after?: string[]; before?: string[] } = {}): TextEdit {
  const s = note.lines.line(b.line);
  if (b.modifiers.length > 0) {
    const sep = modifierSeparator(s, b);
    const before = place.before ? b.modifiers.find((m) => place.before!.includes(m.value)) : undefined;
    if (before) return insertAt(before.range.start.line, before.range.start.character, `${modifier}${sep}`);
    const after = place.after ? b.modifiers.filter((m) => place.after!.includes(m.value)).pop() : undefined;
    const anchor = after ?? b.modifiers[b.modifiers.length - 1];
    return insertAt(anchor.range.end.line, anchor.range.end.character, `${sep}${modifier}`);
  }
  if (b.form === 'table') {
    const cols = tableColumns(note, b.line);
    const cell = cols.modifiers !== undefined ? splitRow(s)[cols.modifiers] : undefined;
    if (cell) {
      if (cell.text === '' || /^([-\u2013\u2014]+|none|n\/a)$/i.test(cell.text)) {
        let k = cell.start;
        while (k > 0 && isSpace(s[k - 1])) k--;
        return { range: { start: { line: b.line, character: k }, end: { line: b.line, character: cell.end } }, newText: cell.text === '' ? ` ${modifier} ` : modifier };
      }
      return insertAt(b.line, cell.end, ` ${modifier}`);
    }
    return insertAt(b.line, afterCode(s, b), ` ${modifier}`);
  }
  // No modifier on this line: follow the first other billing line that has some; with
  // none, write it after `xN` units (`97530 x2 GP`), else after the code.
  const xUnits = !!b.unitsRange && /[x\u00d7]\s*$/i.test(s.slice(afterCode(s, b), b.unitsRange.start.character));
  const model = note.billing.find((o) => o.modifiers.length > 0 && o.form !== 'table');
  if (model) {
    const ms = note.lines.line(model.line);
    const first = model.modifiers[0];
    const dashed = first.range.start.character === afterCode(ms, model) + 1 && isDash(ms[first.range.start.character - 1]);
    if (dashed) return insertAt(b.line, afterCode(s, b), `-${modifier}`);
    const afterUnits = !!model.unitsRange && model.unitsRange.end.character <= first.range.start.character;
    if (!afterUnits) return insertAt(b.line, afterCode(s, b), ` ${modifier}`);
  }
  return xUnits ? insertAt(b.line, b.unitsRange!.end.character, ` ${modifier}`) : insertAt(b.line, afterCode(s, b), ` ${modifier}`);
}

/** Replaces one modifier token. */
export function replaceModifierEdit(m: BilledLine['modifiers'][number], value: string): TextEdit {
  return { range: m.range, newText: value };
}

/** Removes one modifier token with the separator that joins it to the token before it (or after it). */
export function removeModifierEdit(note: NoteModel, m: BilledLine['modifiers'][number]): TextEdit {
  const n = m.range.start.line;
  const s = note.lines.line(n);
  const sepChar = (c: string | undefined) => isSpace(c) || c === ',' || c === '/' || isDash(c);
  let a = m.range.start.character;
  let e = m.range.end.character;
  let j = a;
  while (j > 0 && sepChar(s[j - 1])) j--;
  if (j < a && j > 0 && isWordChar(s[j - 1])) a = j;
  else {
    let k = e;
    while (k < s.length && sepChar(s[k])) k++;
    if (k < s.length && isWordChar(s[k])) e = k;
  }
  return { range: { start: { line: n, character: a }, end: { line: n, character: e } }, newText: '' };
}
