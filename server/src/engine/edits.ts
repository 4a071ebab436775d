/** Text edits shared by the rules' fixes. */
import { walk, type Block } from './markdown';
import type { BilledLine, NoteModel, Section, Total } from './note';
import { classifyColumns, splitRow } from './note';
import { contentStart } from './scan';
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
