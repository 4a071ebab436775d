/**
 * `--fix` on whole corpora, and how it writes:
 * - every corpus note, as written, with CRLF line endings and with a byte-order mark, is
 *   written exactly as fix-all computes it (so CRLF and the BOM are kept byte for byte),
 *   and a note whose front matter cannot be parsed is not written at all;
 * - writes are atomic: the new text goes to a temporary file in the same folder, which is
 *   renamed over the note; if the rename fails the note is unchanged and no temporary
 *   file is left.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import fs from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { writeFileAtomic } from '../../server/src/cli/write';
import { fixAllText } from '../../server/src/engine/editor';
import { lint } from '../../server/src/engine/lint';
import { CLI, cleanup, cli, tempDir } from './harness';

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

/** What --fix must write for a file: fix-all on the text without its BOM, the BOM put back. */
function expectedFix(path: string, text: string): string {
  const r = lint(text, { filePath: path });
  if (!r.isNote || r.unparsable) return text;
  const body = r.bom ? text.slice(1) : text;
  return (r.bom ? '\uFEFF' : '') + fixAllText(body, r, (t) => lint(t, { filePath: path }));
}

describe('CLI --fix over the corpora: exact output, CRLF and BOM kept, unparsable notes untouched', function () {
  this.timeout(120000);
  let dir = '';
  afterEach(() => cleanup(dir));

  it('writes every note exactly as fix-all computes it, in each of its three forms', () => {
    dir = tempDir({});
    cpSync('test/fixtures', join(dir, 'lf'), { recursive: true });
    cpSync('examples', join(dir, 'lf/examples'), { recursive: true });
    const before = new Map<string, string>();
    for (const p of [...markdownFiles(join(dir, 'lf'))]) {
      const text = readFileSync(p, 'utf8');
      const rel = p.slice(join(dir, 'lf').length);
      for (const [variant, t] of [['lf', text], ['crlf', text.replace(/\r\n/g, '\n').replace(/\n/g, '\r\n')], ['bom', text.startsWith('\uFEFF') ? text : '\uFEFF' + text]] as const) {
        const target = join(dir, variant, rel);
        fs.mkdirSync(dirname(target), { recursive: true });
        writeFileSync(target, t);
        before.set(target, t);
      }
    }
    // Two notes whose front matter cannot be parsed, one with something to fix.
    const broken = '---\npatient: P-1\ndate: [2026\n---\n## Subjective\nx\n## Objective\n- 97530 Ther act 23 min: lifting\n## Billing\n- 97530 x3\n';
    for (const [name, t] of [['broken.note.md', broken], ['broken-crlf.note.md', broken.replace(/\n/g, '\r\n')]]) {
      writeFileSync(join(dir, name), t);
      before.set(join(dir, name), t);
    }
    const mtimes = new Map([...before.keys()].map((p) => [p, statSync(p).mtimeMs]));
    const r = cli(['--fix', '-f', 'json', '.'], dir);
    assert.equal(r.stderr, '');
    let changed = 0;
    for (const [path, text] of before) {
      const after = readFileSync(path, 'utf8');
      assert.equal(after, expectedFix(resolve(path), text), path);
      if (after !== text) changed++;
      else assert.equal(statSync(path).mtimeMs, mtimes.get(path), `${path}: nothing to fix, but it was written`);
      if (path.includes('/crlf/')) assert.ok(!/(^|[^\r])\n/.test(after), `${path}: a bare \\n after --fix`);
      if (path.includes('/bom/')) assert.equal(after.charCodeAt(0), 0xfeff, `${path}: lost its BOM`);
    }
    assert.equal(readFileSync(join(dir, 'broken.note.md'), 'utf8'), broken);
    assert.ok(changed >= 30, `${changed} files fixed`);
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
  });
});

describe('atomic writes (cli/write.ts)', function () {
  this.timeout(60000);
  let dir = '';
  afterEach(() => cleanup(dir));

  it('writes a temporary file in the same folder, complete, then renames it over the note', () => {
    dir = tempDir({ 'a.note.md': 'old text\n' });
    const target = join(dir, 'a.note.md');
    const rename = fs.renameSync;
    const seen: { from: string; to: string; tmpText: string; targetText: string }[] = [];
    fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
      seen.push({ from: String(from), to: String(to), tmpText: readFileSync(from, 'utf8'), targetText: readFileSync(to, 'utf8') });
      rename(from, to);
    };
    try {
      writeFileAtomic(target, 'new text\n'.repeat(1000));
    } finally {
      fs.renameSync = rename;
    }
    assert.equal(seen.length, 1);
    assert.equal(dirname(seen[0].from), dir, 'the temporary file is in the note’s folder (same file system)');
    assert.match(seen[0].from, /\/\.a\.note\.md\.\d+\.[0-9a-f]{8}\.tmp$/);
    assert.equal(seen[0].to, target);
    assert.equal(seen[0].tmpText, 'new text\n'.repeat(1000), 'the whole text is written before the rename');
    assert.equal(seen[0].targetText, 'old text\n', 'the note is untouched until the rename');
    assert.equal(readFileSync(target, 'utf8'), 'new text\n'.repeat(1000));
    assert.deepEqual(readdirSync(dir), ['a.note.md']);
  });

  it('when the rename fails: the note is unchanged, the temporary file removed, the CLI exits 2 naming the file', () => {
    const note = readFileSync('examples/bad-ot-daily.note.md', 'utf8');
    dir = tempDir({ 'bad.note.md': note, 'fail-rename.cjs': "const fs = require('node:fs'); fs.renameSync = () => { const e = new Error('cross-device link'); e.code = 'EXDEV'; throw e; };\n" });
    assert.notEqual(expectedFix(join(dir, 'bad.note.md'), note), note, 'the note has something to fix');
    const r = spawnSync(process.execPath, ['--require', join(dir, 'fail-rename.cjs'), CLI, '--fix', 'bad.note.md'], { cwd: dir, encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'therapy-note-lint: bad.note.md: cannot write the fixed file (EXDEV); the file is unchanged\n');
    assert.equal(readFileSync(join(dir, 'bad.note.md'), 'utf8'), note);
    assert.deepEqual(readdirSync(dir).sort(), ['bad.note.md', 'fail-rename.cjs']);
  });
});
