/**
 * Applying fixes to text. Edits of one fix are applied together; fixes whose edits
 * overlap an earlier fix are skipped (ESLint's approach) and left for another pass.
 */
import { comparePositions, LineIndex } from './text';
import type { Finding, Fix, TextEdit } from './types';

interface OffsetEdit {
  start: number;
  end: number;
  text: string;
}

function toOffsets(lines: LineIndex, edits: TextEdit[]): OffsetEdit[] {
  return edits
    .map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText }))
    .sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Applies non-overlapping edits. */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = toOffsets(lines, edits);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error('overlapping edits');
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return out + text.slice(at);
}

export interface FixResult {
  output: string;
  applied: Fix[];
}

/** Applies as many of the findings' safe fixes as do not overlap, in document order. */
export function applyFixes(text: string, findings: Finding[]): FixResult {
  const lines = new LineIndex(text);
  const fixes = findings
    .filter((f) => f.fix && f.fix.edits.length > 0)
    .map((f) => ({ fix: f.fix!, offs: toOffsets(lines, f.fix!.edits) }))
    .sort((a, b) => a.offs[0].start - b.offs[0].start || comparePositions(a.fix.edits[0].range.end, b.fix.edits[0].range.end));
  const chosen: OffsetEdit[] = [];
  const applied: Fix[] = [];
  const seen = new Set<string>();
  for (const f of fixes) {
    const key = JSON.stringify(f.offs);
    if (seen.has(key)) continue; // two findings proposing the very same change
    const overlaps = f.offs.some((e) => chosen.some((c) => e.start < c.end && c.start < e.end || (e.start === c.start && e.end === c.end)));
    if (overlaps) continue;
    seen.add(key);
    chosen.push(...f.offs);
    applied.push(f.fix);
  }
  chosen.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const e of chosen) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  return { output: out + text.slice(at), applied };
}
