/**
 * Positions and line bookkeeping. Everything in the engine is measured in UTF-16 code
 * units of the text *without* a leading byte-order mark (as ESLint and VS Code do);
 * line breaks are `\r\n`, `\n` or `\r`, the same set markdown-it normalises.
 */
import type { Position, Range } from './types';

export const BOM = '\uFEFF';

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

/** The line ending to use for inserted text: the first one in the document, else `\n`. */
export function detectEol(text: string): '\r\n' | '\n' | '\r' {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    if (c === 10) return '\n';
  }
  return '\n';
}

export class LineIndex {
  /** Offset of the first character of each line. */
  readonly starts: number[] = [0];
  /** Offset just past the last content character of each line (before its line break). */
  readonly ends: number[] = [];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 || c === 10) {
        this.ends.push(i);
        if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
    this.ends.push(text.length);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The text of line `n` without its line break. */
  line(n: number): string {
    return this.text.slice(this.starts[n], this.ends[n]);
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    if (pos.line < 0) return 0;
    return Math.min(this.starts[pos.line] + Math.max(0, pos.character), this.ends[pos.line]);
  }

  positionAt(offset: number): Position {
    offset = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    // An offset inside a \r\n pair belongs to the end of its line.
    return { line: lo, character: Math.min(offset, this.ends[lo]) - this.starts[lo] };
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(end) };
  }

  /** Range of a whole line's content. */
  lineRange(n: number): Range {
    return { start: { line: n, character: 0 }, end: { line: n, character: this.ends[n] - this.starts[n] } };
  }

  /** Range of line `n` from its first to its last non-blank character. */
  trimmedLineRange(n: number): Range {
    const s = this.line(n);
    let a = 0;
    let b = s.length;
    while (a < b && (s[a] === ' ' || s[a] === '\t')) a++;
    while (b > a && (s[b - 1] === ' ' || s[b - 1] === '\t')) b--;
    return { start: { line: n, character: a }, end: { line: n, character: b } };
  }

  isBlank(n: number): boolean {
    const s = this.line(n);
    for (let i = 0; i < s.length; i++) if (s[i] !== ' ' && s[i] !== '\t') return false;
    return true;
  }
}

export function comparePositions(a: Position, b: Position): number {
  return a.line - b.line || a.character - b.character;
}
