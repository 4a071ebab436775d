/** Per-lint tables (engine/scope.ts): what rules derive from a note is read once per lint and dropped with it. */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateNote } from '../../server/src/engine/generate';
import { lint } from '../../server/src/engine/lint';
import { excludedLines } from '../../server/src/engine/note';
import { inLintScope, perLint } from '../../server/src/engine/scope';
import { findSignatures } from '../../server/src/engine/signature';

describe('per-lint tables (engine/scope.ts)', () => {
  it('computes once per key inside a scope, every time outside one', () => {
    const key = {};
    let calls = 0;
    const read = () => perLint('signatures', key, () => ++calls);
    assert.deepEqual(inLintScope(() => [read(), read(), inLintScope(() => read())]), [1, 1, 1]);
    assert.deepEqual([read(), read()], [2, 3]);
    assert.deepEqual(inLintScope(() => [read(), read()]), [4, 4], 'a new scope starts empty');
  });

  it('a lint’s tables go with it: afterwards each call reads the note again; inside a scope one value is handed out', () => {
    const result = lint(generateNote(3, 4000).text);
    const note = result.note!;
    // After the lint its tables are gone: each call reads again (a new array, equal to the last).
    const a = findSignatures(note);
    const b = findSignatures(note);
    assert.notEqual(a, b);
    assert.deepEqual(a, b);
    assert.ok(a.length > 0);
    assert.notEqual(excludedLines(note), excludedLines(note));
    // Inside a scope the same array is handed out again.
    inLintScope(() => assert.equal(findSignatures(note), findSignatures(note)));
  });

  it('the engine keeps no module-level WeakMap keyed by one lint’s objects (they outlive the lint: scope.ts)', () => {
    // The allowed ones are keyed by what lives longer than a lint: settings and their lists,
    // or token arrays a memo keeps (vocab.ts `isShared`).
    const allowed = new Set([
      'vocab.ts: WeakMap<readonly string[], PhraseSet>', 'vocab.ts: WeakMap<Token[], PhraseHit[]>', 'vocab.ts: WeakMap<Token[], PhraseHit | null>',
      'lint.ts: WeakMap<string[], (path: string) => boolean>', 'episode.ts: WeakMap<Settings, Map<PayerProfile, EpisodeNote[\'rules\']>>',
      'same-activity-two-codes.ts: WeakMap<Token[], Activity[]>',
    ]);
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(join(dir, e.name));
        else if (e.name.endsWith('.ts')) {
          for (const m of readFileSync(join(dir, e.name), 'utf8').matchAll(/new (WeakMap<[^\n]*>)\(\)/g)) found.push(`${e.name}: ${m[1]}`);
        }
      }
    };
    walk('server/src/engine');
    assert.deepEqual(found.filter((f) => !allowed.has(f)), []);
    assert.equal(found.length, allowed.size);
  });
});
