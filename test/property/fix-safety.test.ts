/**
 * Fix safety over every corpus (test/fixtures, examples, the language-server fixtures and
 * 150 generated notes), each also with CRLF line endings and with a byte-order mark:
 * every fix and every suggestion, applied alone, and all safe fixes together.
 * - Applied alone: the edit ranges lie inside the text (no position past a line's end, none
 *   inside a \r\n pair or a surrogate pair); every character outside them is unchanged; the
 *   inserted text uses the note's own line ending; the result still parses (same note, no
 *   internal error, front matter still readable).
 * - Applying twice equals applying once: after a safe fix, the second lint offers no fix
 *   from the same rule touching the changed text; after a suggestion (its placeholders
 *   filled in as a clinician would), the same suggestion is not offered again there.
 * - All together (fix-all, as --fix and the editor run it): the result parses, and fixing
 *   it again changes nothing.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { generateNote } from '../../server/src/engine/generate';
import { fixAllText } from '../../server/src/engine/editor';
import { applyEdits } from '../../server/src/engine/fix';
import { INTERNAL_ERROR, lint, type LintResult } from '../../server/src/engine/lint';
import { LineIndex } from '../../server/src/engine/text';
import type { Finding, Fix } from '../../server/src/engine/types';

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

interface Note {
  name: string;
  path: string;
  text: string;
}

function corpus(): Note[] {
  const base: Note[] = [];
  for (const dir of ['test/fixtures', 'examples', 'test/lsp/fixtures']) {
    for (const p of markdownFiles(dir)) base.push({ name: p, path: resolve(p), text: readFileSync(p, 'utf8') });
  }
  for (let seed = 1; seed <= 150; seed++) {
    const n = generateNote(10_000 + seed, 1500 + (seed % 7) * 500);
    base.push({ name: `generated ${n.name}`, path: resolve('generated', n.name), text: n.text });
  }
  const lf = (t: string) => t.replace(/\r\n/g, '\n');
  return base.flatMap((n) => [
    n,
    { ...n, name: `${n.name} (CRLF)`, text: lf(n.text).replace(/\n/g, '\r\n') },
    { ...n, name: `${n.name} (BOM)`, text: n.text.startsWith('\uFEFF') ? n.text : '\uFEFF' + n.text },
  ]);
}

/** What a clinician would type into each placeholder. */
const FILL: Record<string, string> = {
  minutes: '12', units: '1', goal: 'LTG1', cues: 'verbal cues for pacing', response: 'reported pain 2/10 after',
  task: 'sit to stand from an 18 in chair', parameters: '3x10 with 2 lb',
};
const fill = (t: string) => t.replace(/\{\{([A-Za-z0-9_-]{1,40})\}\}/g, (_, name: string) => FILL[name] ?? 'filled');

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const eolOf = (t: string) => (t.includes('\r\n') ? '\r\n' : t.includes('\r') ? '\r' : '\n');

/** The offsets of a fix's edits, checked to lie exactly inside the text; sorted, not overlapping. */
function offsetsOf(text: string, fix: Fix, where: string): { start: number; end: number; text: string }[] {
  const lines = new LineIndex(text);
  const at = (p: { line: number; character: number }) => {
    assert.ok(p.line >= 0 && p.line < lines.lineCount, `${where}: line ${p.line} outside the text`);
    const len = lines.ends[p.line] - lines.starts[p.line];
    assert.ok(p.character >= 0 && p.character <= len, `${where}: character ${p.character} past the end of line ${p.line} (${len})`);
    const off = lines.starts[p.line] + p.character;
    assert.ok(off === 0 || off === text.length || !isHigh(text.charCodeAt(off - 1)) || !(text.charCodeAt(off) >= 0xdc00 && text.charCodeAt(off) <= 0xdfff), `${where}: splits a surrogate pair`);
    return off;
  };
  const edits = fix.edits.map((e) => ({ start: at(e.range.start), end: at(e.range.end), text: e.newText })).sort((a, b) => a.start - b.start || a.end - b.end);
  for (const e of edits) assert.ok(e.start <= e.end, `${where}: an edit ends before it starts`);
  for (let i = 1; i < edits.length; i++) assert.ok(edits[i].start >= edits[i - 1].end, `${where}: edits overlap`);
  return edits;
}

/** Applies one fix and checks that only its ranges changed. */
function applyAlone(text: string, fix: Fix, where: string): string {
  const edits = offsetsOf(text, fix, where);
  const out = applyEdits(text, fix.edits);
  // Rebuilt independently from the original's untouched slices and the new texts.
  let expected = '';
  let at = 0;
  for (const e of edits) {
    expected += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  expected += text.slice(at);
  assert.equal(out, expected, `${where}: text outside the edit ranges changed`);
  const eol = eolOf(text);
  for (const e of edits) {
    if (eol === '\r\n') assert.ok(!/(^|[^\r])\n/.test(e.text), `${where}: inserts a bare \\n into a CRLF note: ${JSON.stringify(e.text)}`);
    if (eol === '\n') assert.ok(!e.text.includes('\r'), `${where}: inserts \\r into an LF note`);
  }
  return out;
}

function assertParses(before: LintResult, text: string, path: string, where: string): LintResult {
  const after = lint(text, { filePath: path });
  assert.equal(after.isNote, true, `${where}: no longer a note`);
  assert.deepEqual(after.findings.filter((f) => f.ruleId === INTERNAL_ERROR).map((f) => f.message), [], `${where}: an internal error after the fix`);
  if (!before.unparsable) assert.equal(after.unparsable, false, `${where}: the front matter no longer parses`);
  assert.equal(after.bom, before.bom, `${where}: the byte-order mark changed`);
  return after;
}

/** The span of the result that a fix's edits produced (offsets in the fixed text). */
function changedSpan(text: string, fix: Fix): { start: number; end: number } {
  const lines = new LineIndex(text);
  const offs = fix.edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), grow: e.newText.length - (lines.offsetAt(e.range.end) - lines.offsetAt(e.range.start)) }));
  const start = Math.min(...offs.map((o) => o.start));
  const end = Math.max(...offs.map((o) => o.end)) + offs.reduce((n, o) => n + o.grow, 0);
  return { start, end };
}

function touches(text: string, f: Finding, fix: Fix, span: { start: number; end: number }): boolean {
  const lines = new LineIndex(text);
  return fix.edits.some((e) => lines.offsetAt(e.range.start) <= span.end && lines.offsetAt(e.range.end) >= span.start) || (lines.offsetAt(f.range.start) <= span.end && lines.offsetAt(f.range.end) >= span.start);
}

const sameFix = (a: Fix, b: Fix) => a.title === b.title && JSON.stringify(a.edits.map((e) => e.newText)) === JSON.stringify(b.edits.map((e) => e.newText));

describe('fix safety over the corpora (every fix and suggestion, alone and together)', function () {
  this.timeout(600000);
  const notes = corpus();
  let fixes = 0;
  let suggestions = 0;

  it(`every safe fix alone: only its ranges change, the note still parses, a second lint offers nothing new there`, () => {
    for (const n of notes) {
      const r = lint(n.text, { filePath: n.path });
      if (!r.isNote || r.unparsable) continue;
      const body = r.bom ? n.text.slice(1) : n.text;
      for (const f of r.findings) {
        if (!f.fix) continue;
        fixes++;
        const where = `${n.name}: ${f.ruleId} fix "${f.fix.title}" at line ${f.range.start.line + 1}`;
        const out = applyAlone(body, f.fix, where);
        const full = (r.bom ? '\uFEFF' : '') + out;
        const again = assertParses(r, full, n.path, where);
        const span = changedSpan(body, f.fix);
        const more = again.findings.filter((g) => g.ruleId === f.ruleId && g.fix && touches(out, g, g.fix, span));
        assert.deepEqual(more.map((g) => g.fix!.title), [], `${where}: applying it again would change the text again`);
      }
    }
    assert.ok(fixes > 100, `${fixes} fixes checked`);
  });

  it('every suggestion alone: only its ranges change, the note still parses, once filled in it is not offered again there', () => {
    for (const n of notes) {
      const r = lint(n.text, { filePath: n.path });
      if (!r.isNote || r.unparsable) continue;
      const body = r.bom ? n.text.slice(1) : n.text;
      for (const f of r.findings) {
        for (const s of f.suggestions ?? []) {
          suggestions++;
          const where = `${n.name}: ${f.ruleId} suggestion "${s.title}" at line ${f.range.start.line + 1}`;
          applyAlone(body, s, where);
          const filled: Fix = { title: s.title, edits: s.edits.map((e) => ({ range: e.range, newText: fill(e.newText) })) };
          const out = applyEdits(body, filled.edits);
          const again = assertParses(r, (r.bom ? '\uFEFF' : '') + out, n.path, where);
          const span = changedSpan(body, filled);
          const repeated = again.findings.filter((g) => g.ruleId === f.ruleId && (g.suggestions ?? []).some((t) => sameFix(t, s) && touches(out, g, t, span)));
          assert.deepEqual(repeated.map((g) => g.message), [], `${where}: offered again after it was applied`);
        }
      }
    }
    assert.ok(suggestions > 300, `${suggestions} suggestions checked`);
  });

  it('all safe fixes together (fix-all, as --fix runs it): the result parses and fixing it again changes nothing', () => {
    let changed = 0;
    for (const n of notes) {
      const r = lint(n.text, { filePath: n.path });
      if (!r.isNote) continue;
      const body = r.bom ? n.text.slice(1) : n.text;
      const relint = (t: string) => lint(t, { filePath: n.path });
      const once = fixAllText(body, r, relint);
      if (r.unparsable) {
        assert.equal(once, body, `${n.name}: a note whose front matter cannot be parsed is left untouched`);
        continue;
      }
      if (once !== body) changed++;
      const after = assertParses(r, (r.bom ? '\uFEFF' : '') + once, n.path, `${n.name}: fix-all`);
      assert.equal(fixAllText(once, after, relint), once, `${n.name}: fix-all is not idempotent`);
      if (eolOf(body) === '\r\n') assert.ok(!/(^|[^\r])\n/.test(once), `${n.name}: fix-all left a bare \\n in a CRLF note`);
    }
    assert.ok(changed > 50, `${changed} notes changed by fix-all`);
  });
});
