/** Shared test helpers. */
import { lint, type LintResult } from '../server/src/engine/lint';
import type { NoteModel } from '../server/src/engine/note';
import type { Settings } from '../server/src/engine/settings';
import type { Range } from '../server/src/engine/types';

/** Lines joined with `\n`: notes written as arrays read well in tests. */
export function md(...lines: string[]): string {
  return lines.join('\n') + '\n';
}

export function model(text: string, filePath = 'test.note.md', settings?: Settings): NoteModel {
  const r = lint(text, { filePath, settings });
  if (!r.note) throw new Error('not a note');
  return r.note;
}

export function run(text: string, filePath = 'test.note.md', settings?: Settings): LintResult {
  return lint(text, { filePath, settings });
}

/** "line:col-line:col", 1-based, for compact range assertions. */
export function span(r: Range | undefined): string {
  if (!r) return 'none';
  return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
}

/** The text a range covers. */
export function slice(text: string, r: Range): string {
  const lines = text.split(/\r\n|\r|\n/);
  if (r.start.line === r.end.line) return lines[r.start.line].slice(r.start.character, r.end.character);
  const out = [lines[r.start.line].slice(r.start.character)];
  for (let n = r.start.line + 1; n < r.end.line; n++) out.push(lines[n]);
  out.push(lines[r.end.line].slice(0, r.end.character));
  return out.join('\n');
}

export const FRONT = ['---', 'patient: T-1', 'date: 2026-04-07', 'discipline: PT', 'payer: medicare', 'provider: Jordan Avery, PT, DPT', 'note_type: daily', '---'];

/** The 1-based span of the n-th occurrence of `needle` (which must not cross a line). */
export function find(text: string, needle: string, nth = 1): string {
  let at = -1;
  for (let k = 0; k < nth; k++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found`);
  }
  const before = text.slice(0, at).split(/\r\n|\r|\n/);
  const line = before.length;
  const col = before[before.length - 1].length + 1;
  return `${line}:${col}-${line}:${col + needle.length}`;
}

export interface NoteParts {
  front?: string[];
  subjective?: string[];
  objective: string[];
  totals?: string[];
  assessment?: string[];
  billing?: string[] | null;
}

/** A PT daily note for Medicare, with the given parts. */
export function note(p: NoteParts): string {
  return md(
    ...(p.front ?? FRONT),
    '',
    '## Subjective',
    ...(p.subjective ?? ['Reports lifting laundry with less pain (3/10).']),
    '',
    '## Objective',
    ...p.objective,
    '',
    ...(p.totals ?? []),
    ...(p.totals && p.totals.length > 0 ? [''] : []),
    '## Assessment',
    ...(p.assessment ?? ['Demonstrated a safe hip hinge on 8 of 10 lifts.']),
    '',
    '## Plan',
    'Continue 2x/week.',
    ...(p.billing === null ? [] : ['', '## Billing', ...(p.billing ?? [])]),
  );
}

export function front(payer: string, extra: string[] = []): string[] {
  return ['---', 'patient: T-1', 'date: 2026-04-07', 'discipline: PT', `payer: ${payer}`, 'provider: Jordan Avery, PT, DPT', 'note_type: daily', ...extra, '---'];
}

/** The 1-based span of `sub` inside the first line that contains `line` (searching from that match). */
export function within(text: string, line: string, sub: string): string {
  const lines = text.split(/\r\n|\r|\n/);
  const n = lines.findIndex((l) => l.includes(line));
  if (n < 0) throw new Error(`no line contains "${line}"`);
  const c = lines[n].indexOf(sub, lines[n].indexOf(line));
  if (c < 0) throw new Error(`"${sub}" not in "${lines[n]}"`);
  return `${n + 1}:${c + 1}-${n + 1}:${c + 1 + sub.length}`;
}
