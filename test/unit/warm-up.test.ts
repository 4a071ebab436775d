/**
 * The server's warm-up (lsp/warm-up.ts) swallows errors so a failure can only leave the
 * server cold: these tests make sure it really lints, every form, without failing.
 */
import assert from 'node:assert/strict';
import { INTERNAL_ERROR, lint } from '../../server/src/engine/lint';
import { warmUp, WARM_UP_LINTS, warmUpNotes } from '../../server/src/lsp/warm-up';

describe('language server warm-up', () => {
  it('lints notes of several forms (headings, lists, tables) with findings and no rule failure', () => {
    const notes = warmUpNotes();
    assert.equal(notes.length, 8);
    for (const text of notes) {
      const r = lint(text, { filePath: 'warm-up.note.md' });
      assert.equal(r.isNote, true);
      assert.deepEqual(r.failures, []);
      assert.ok(!r.findings.some((f) => f.ruleId === INTERNAL_ERROR));
    }
    assert.ok(notes.some((t) => /^\|.*\|$/m.test(t)), 'a table');
    assert.ok(notes.some((t) => /^#{2,3} /m.test(t)), 'headings');
    assert.ok(notes.some((t) => /^\s*[-*] /m.test(t)), 'a list');
    assert.ok(notes.every((t) => t.length >= 2000 && t.length <= 4000), 'small notes');
  });

  it(`runs ${WARM_UP_LINTS} lints and then says it is done`, async () => {
    await new Promise<void>((resolve) => warmUp(resolve));
  });
});
