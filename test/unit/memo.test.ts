/**
 * The language server's per-document memo (engine/memo.ts): what an edit re-reads, what the
 * memo holds, and that a memoised lint gives a fresh lint's result where a kept value
 * could be wrong (the property test in test/property/engine.test.ts covers random edits).
 */
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { generateNote } from '../../server/src/engine/generate';
import { lint } from '../../server/src/engine/lint';
import { detached, detachedCopy, Memo } from '../../server/src/engine/memo';
import { defaultSettings } from '../../server/src/engine/settings';

const settings = defaultSettings();
const result = (r: ReturnType<typeof lint>) => JSON.stringify([r.findings, r.billing]);

describe('memo (engine/memo.ts)', () => {
  it('an edit to one entry of a 300-line note computes that entry again and reuses the rest', () => {
    const text = generateNote(300, 14000).text;
    const memo = new Memo();
    lint(text, { settings, memo });
    // Values asked for by one lint (a repeated line or entry is computed once and reused).
    const first = memo.computed + memo.reused;
    assert.ok(memo.computed > 50, `the first lint fills the memo (${memo.computed} values)`);
    const line = text.split('\n').findIndex((l) => /97\d\d\d/.test(l) && !l.startsWith('|'));
    const lines = text.split('\n');
    lines[line] += ' in 3 sets';
    const edited = lines.join('\n');
    const again = lint(edited, { settings, memo });
    assert.equal(result(again), result(lint(edited, { settings })));
    // The entry's record (its own words, tokens, goal references); the line's sentences (Objective or Assessment).
    assert.ok(memo.computed >= 1 && memo.computed <= 3, `${memo.computed} values computed again`);
    assert.ok(memo.reused >= first - 3, `${memo.reused} reused of ${first}`);
  });

  it('holds what the last lint used: a second note in the same memo drops the first one’s values', () => {
    const a = generateNote(1, 8000).text;
    const b = generateNote(2, 3000).text;
    const alone = new Memo();
    lint(b, { settings, memo: alone });
    const memo = new Memo();
    lint(a, { settings, memo });
    const afterA = memo.size;
    lint(b, { settings, memo });
    lint(b, { settings, memo });
    assert.ok(afterA > alone.size);
    assert.equal(memo.size, alone.size);
  });

  it('a key held with another sub-key is computed again (a table row is read by its text and by the table’s columns)', () => {
    const memo = new Memo();
    let calls = 0;
    const get = (sub: string) => memo.get('tableRow', 'same text', () => `${sub}#${++calls}`, sub);
    assert.equal(get('0,5;;'), '0,5;;#1');
    assert.equal(get('0,5;;'), '0,5;;#1');
    assert.equal(get('2,7;;'), '2,7;;#2');
    assert.deepEqual([memo.computed, memo.reused], [2, 1]);
  });

  it('a table row with the same text under a Min and under a Units header lints as a fresh lint does', () => {
    const note = (header: string) => `---\nnote_type: daily\ndiscipline: PT\n---\n## Objective\n\n| Code | ${header} | Intervention |\n|---|---|---|\n| 97110 | 15 | Sit-to-stand 3x10 with verbal cues, 15 |\n\n## Assessment\nTolerated.\n`;
    const memo = new Memo();
    for (const header of ['Min', 'Units', 'Min']) {
      const t = note(header);
      assert.equal(result(lint(t, { settings, memo })), result(lint(t, { settings })), header);
    }
  });

  it('keeps no version of the note alive: 16 edits of a 500 KB note grow the heap by their new values only', function () {
    this.timeout(120000);
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const text = generateNote(5, 500_000).text;
    const lines = text.split('\n');
    // Entry lines (a code, not in a table): each edit makes a new kept value for its entry.
    const entries = lines.flatMap((l, i) => (/\b9\d{4}\b/.test(l) && !l.startsWith('|') ? [i] : []));
    assert.ok(entries.length > 100);
    const memo = new Memo();
    let last = lint(text, { settings, memo });
    last = lint(text, { settings, memo });
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 1; i <= 16; i++) {
      // A different line each time: each kept entry's key would otherwise hold its own version of the note.
      // Typing: the edits add up, so each changed entry stays changed.
      const n = entries[Math.floor((i * entries.length) / 17)];
      lines[n] += ' x';
      last = lint(lines.join('\n'), { settings, memo });
    }
    gc();
    const grown = (process.memoryUsage().heapUsed - before) / 2 ** 20;
    assert.ok(last.findings.length > 0);
    // Measured: 2.7 MB (the new values); 19 MB when the memo kept its keys as slices of each version.
    assert.ok(grown < 8, `the heap grew by ${grown.toFixed(1)} MB`);
  });

  it('detached() copies a string without changing it', () => {
    const big = 'abc '.repeat(1000);
    for (const s of ['', 'a', big.slice(10, 40), big.slice(3)]) assert.equal(detached(s), s);
  });

  it('detachedCopy() copies an object held twice once, and holds the copy twice', () => {
    const fix = { title: 'Bill 97110 ×2', edits: [{ range: { start: { line: 1, character: 2 }, end: { line: 1, character: 3 } }, newText: '2' }] };
    const finding = { ruleId: 'units-mismatch', fix, suggestions: [fix] };
    const copy = detachedCopy(finding);
    assert.deepEqual(copy, finding);
    assert.notEqual(copy.fix, fix);
    assert.equal(copy.suggestions[0], copy.fix);
  });

  it('detachedCopy() with a string table shares short strings across copies, and only short ones', () => {
    const strings = new Map<string, string>();
    const long = 'x'.repeat(49);
    const a = detachedCopy({ id: 'units-mismatch', date: '2026-11-22', message: long }, strings);
    const b = detachedCopy({ id: 'units-mismatch', date: '2026-11-23', message: long }, strings);
    assert.deepEqual([a, b], [{ id: 'units-mismatch', date: '2026-11-22', message: long }, { id: 'units-mismatch', date: '2026-11-23', message: long }]);
    // The table holds each short string once (JavaScript cannot tell two equal strings apart, so the table is what shows it).
    assert.deepEqual([...strings.keys()].sort(), ['2026-11-22', '2026-11-23', 'units-mismatch']);
  });
});
