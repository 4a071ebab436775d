/** Ranges and edits as kept for a long time (episode facts). */
import type { Range, TextEdit } from './types';

/**
 * A range as four numbers in one object: an audit keeps several for each of thousands of
 * notes, and a Range is three objects (2.5 times the memory). `spanRange` makes the Range.
 */
export interface Span {
  startLine: number;
  startChar: number;
  endLine: number;
  endChar: number;
}

/** A text edit kept the same way (`spanEdit` makes the TextEdit). */
export interface SpanEdit extends Span {
  newText: string;
}

export function toSpan(r: Range): Span {
  return { startLine: r.start.line, startChar: r.start.character, endLine: r.end.line, endChar: r.end.character };
}

export function spanRange(s: Span): Range {
  return { start: { line: s.startLine, character: s.startChar }, end: { line: s.endLine, character: s.endChar } };
}

export function toSpanEdit(e: TextEdit): SpanEdit {
  return { ...toSpan(e.range), newText: e.newText };
}

export function spanEdit(e: SpanEdit): TextEdit {
  return { range: spanRange(e), newText: e.newText };
}
