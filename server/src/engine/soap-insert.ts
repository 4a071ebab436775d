/**
 * Inserting a missing SOAP section (missing-soap-section's fix, missing-patient-response's
 * suggestion) in SOAP order and in the note's own style: headings of the same level, or
 * labels (bold or plain), by name or by letter.
 */
import { excludedLines, type NoteModel, type Section, type Soap } from './note';
import { findSignatures } from './signature';
import type { Position, Range, TextEdit } from './types';

const ORDER: Soap[] = ['S', 'O', 'A', 'P'];
export const SOAP_NAMES: Record<Soap, string> = { S: 'Subjective', O: 'Objective', A: 'Assessment', P: 'Plan' };

/** The SOAP sections proper (an Interventions section counts as O but is not its title). */
function soapSections(note: NoteModel): Section[] {
  return note.sections.filter((s) => s.soap !== null && s.kind !== 'interventions');
}

/** How the note writes its SOAP titles. */
function style(note: NoteModel): { form: 'heading' | 'label'; level: number; letters: boolean; bold: boolean } {
  const soap = soapSections(note);
  const first = soap[0];
  if (!first) return { form: 'heading', level: 2, letters: false, bold: false };
  const title = note.text.slice(note.lines.offsetAt(first.titleRange.start), note.lines.offsetAt(first.titleRange.end));
  let i = 0;
  while (i < title.length && (title[i] === '#' || title[i] === '*' || title[i] === '_' || title[i] === ' ')) i++;
  const letters = !/[a-z]/i.test(title[i + 1] ?? '');
  return { form: first.form, level: first.level ?? 2, letters, bold: title.includes('**') };
}

/** The title line for a missing section in the note's style: `## Assessment`, `**A:**`. */
export function sectionTitle(note: NoteModel, soap: Soap): string {
  const st = style(note);
  const name = st.letters ? soap : SOAP_NAMES[soap];
  if (st.form === 'heading') return `${'#'.repeat(st.level)} ${name}`;
  return st.bold ? `**${name}:**` : `${name}:`;
}

export interface SectionInsertion {
  /** Absent when the place is inside code or HTML (an unclosed fence), where a title would not be read. */
  edit?: TextEdit;
  /** Where a finding about the missing section points: the section it goes before, else after. */
  anchor: Range;
}

/** An edit inserting `soap`'s title (and `body`, on the next line) where SOAP order puts it. */
export function insertSection(note: NoteModel, soap: Soap, body?: string): SectionInsertion {
  const ins = placeSection(note, soap, body);
  const at = ins.edit!.range.start.line;
  // Inside an unclosed code fence (or before an HTML block) a title would not be read as one.
  const excluded = excludedLines(note);
  // At the note's end, what counts is the last line written (an unclosed fence runs to the end).
  let probe = at;
  if (at === note.lines.lineCount - 1) while (probe > 0 && note.lines.isBlank(probe)) probe--;
  return excluded[at] === 1 || excluded[probe] === 1 ? { anchor: ins.anchor } : ins;
}

function placeSection(note: NoteModel, soap: Soap, body?: string): SectionInsertion {
  const { lines, eol } = note;
  const rank = ORDER.indexOf(soap);
  const present = soapSections(note).sort((a, b) => a.startLine - b.startLine);
  const block = sectionTitle(note, soap) + (body ? eol + body : '');
  const after = present.find((s) => ORDER.indexOf(s.soap!) > rank);
  if (after) {
    const pos: Position = { line: after.startLine, character: 0 };
    return { edit: { range: { start: pos, end: pos }, newText: block + eol + eol }, anchor: after.titleRange };
  }
  const before = [...present].reverse().find((s) => ORDER.indexOf(s.soap!) < rank);
  const bodyStart = note.frontMatter ? note.frontMatter.endLine + 1 : 0;
  const from = before ? before.startLine : bodyStart;
  const anchor = before ? before.titleRange : { start: { line: Math.min(bodyStart, lines.lineCount - 1), character: 0 }, end: { line: Math.min(bodyStart, lines.lineCount - 1), character: 0 } };
  // Before the next section of any kind (Goals, Billing), or before the signature.
  const next = note.sections.filter((s) => s.startLine > from).sort((a, b) => a.startLine - b.startLine)[0];
  const sig = findSignatures(note).filter((s) => s.line > from && !s.cosign)[0];
  const line = Math.min(next?.startLine ?? Infinity, sig?.line ?? Infinity);
  if (line !== Infinity) {
    const pos: Position = { line, character: 0 };
    return { edit: { range: { start: pos, end: pos }, newText: block + eol + eol }, anchor };
  }
  // At the end of the note, after a blank line.
  const last = lines.lineCount - 1;
  const end: Position = { line: last, character: lines.ends[last] - lines.starts[last] };
  const endsWithEol = lines.isBlank(last) && last > 0;
  const lead = endsWithEol ? (lines.isBlank(last - 1) ? '' : eol) : eol + eol;
  return { edit: { range: { start: end, end }, newText: lead + block + eol }, anchor };
}
