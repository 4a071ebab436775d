/**
 * Per-file metadata for reports: who, when and for which payer a note was written, read from
 * its front matter and signature. Every field is null when the note does not say.
 */
import type { LintResult } from '../engine/lint';
import { parseCredentials, noteProvider } from '../engine/signature';
import type { Discipline, NoteType } from '../engine/types';

export interface FileMeta {
  /** Front matter `patient` (an id such as P-0042). */
  patient: string | null;
  /** Front matter `date` (ISO, YYYY-MM-DD). */
  date: string | null;
  /** Front matter `visit` (the treatment day in the episode). */
  visit: number | null;
  /** Front matter `discipline`, else the provider's credentials. */
  discipline: Discipline | null;
  noteType: NoteType | null;
  /** The payer profile the note was linted with (after `--payer` and `defaultPayer`). */
  payer: string | null;
  /**
   * Front matter `provider`, else the treating signer: name and credentials, cut after the
   * last credential ("Signed: Ana Ruiz, DPT 3/4 10:15" gives "Ana Ruiz, DPT").
   */
  provider: string | null;
}

/** The metadata of a linted file; null for a file that is not a note. */
export function fileMeta(result: LintResult): FileMeta | null {
  const note = result.note;
  if (!result.isNote || !note) return null;
  const fm = note.frontMatter;
  const who = noteProvider(note);
  const named = fm?.provider ?? who.signer?.text;
  return {
    patient: fm?.patient ?? null,
    date: fm?.date ?? null,
    visit: fm?.visit ?? null,
    discipline: who.discipline,
    noteType: fm?.noteType ?? null,
    payer: result.analysis?.payer.name ?? null,
    provider: named ? providerName(named) : null,
  };
}

/** A name with credentials, without what follows the last credential (a date, a time, a remark). */
export function providerName(text: string): string | null {
  // Words are split at spaces, commas, semicolons and brackets, as parseCredentials does.
  let end = -1;
  let i = 0;
  while (i < text.length) {
    while (i < text.length && isSeparator(text[i])) i++;
    const start = i;
    while (i < text.length && !isSeparator(text[i])) i++;
    if (i > start && parseCredentials(text.slice(start, i)).length > 0) end = i;
  }
  const name = (end >= 0 ? text.slice(0, end) : text).trim();
  return name.length > 0 ? name : null;
}

function isSeparator(c: string): boolean {
  return c === ' ' || c === '\t' || c === ',' || c === ';' || c === '(' || c === ')';
}
