/** The CLI's main function with a fake terminal: behaviour that only shows on a TTY. */
import assert from 'node:assert/strict';
import { run, type Io } from '../../server/src/cli/main';
import { generateNote } from '../../server/src/engine/generate';
import { md } from '../helpers';
import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, cleanup, cli, tempDir } from './harness';

function fakeIo(tty: boolean): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (s: string) => void (io.out += s),
    stderr: (s: string) => void (io.err += s),
    stdoutIsTTY: tty,
    stderrIsTTY: tty,
    env: {},
    writeFile: () => assert.fail('nothing is written'),
  };
  return io;
}

describe('CLI on a terminal', () => {
  const NOTE = md('---', 'discipline: PT', '---', '## Objective', '- 97110 Ther ex 15 min: bridges', '', 'Total timed minutes: 15', 'Total treatment time: 15 min', '', 'Signed: Ana Ruiz, DPT');
  let dir = '';
  afterEach(() => cleanup(dir));

  it('shows a progress counter on standard error for 20 or more files, and clears it', () => {
    dir = tempDir(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`n${String(i).padStart(2, '0')}.note.md`, NOTE])));
    const io = fakeIo(true);
    assert.equal(run([dir], io), 0);
    assert.match(io.err, /^\rtherapy-note-lint: 1\/25 files/);
    assert.ok(io.err.includes('\rtherapy-note-lint: 25/25 files'));
    assert.ok(io.err.endsWith('\r\u001b[K'));
    assert.ok(io.out.includes('\u001b['), 'colour on a terminal');
  });
  it('no progress for fewer files, none when not a terminal; NO_COLOR turns colour off', () => {
    dir = tempDir(Object.fromEntries(Array.from({ length: 25 }, (_, i) => [`n${i}.note.md`, NOTE])));
    const piped = fakeIo(false);
    run([dir], piped);
    assert.deepEqual([piped.err, piped.out.includes('\u001b[')], ['', false]);
    const few = fakeIo(true);
    run([`${dir}/n1.note.md`], few);
    assert.equal(few.err, '');
    const noColor = { ...fakeIo(true), env: { NO_COLOR: '1' } };
    let out = '';
    noColor.stdout = (s: string) => void (out += s);
    run([`${dir}/n1.note.md`], noColor);
    assert.ok(!out.includes('\u001b['));
  });
});

describe('CLI report writing', () => {
  let dir = '';
  afterEach(() => cleanup(dir));

  it('writes the stylish report as it is made, in pieces of about 64 KB, the same text as --output-file', () => {
    // 300 generated notes give a report of about 240 KB.
    dir = tempDir(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`n${String(i).padStart(3, '0')}.note.md`, generateNote(i + 1, 3000).text])));
    const pieces: string[] = [];
    const io = { ...fakeIo(false), stdout: (s: string) => void pieces.push(s) };
    const status = run([dir], io);
    let file = '';
    const toFile = { ...fakeIo(false), writeFile: (_p: string, data: string) => void (file = data) };
    assert.equal(run([dir, '-o', `${dir}/report.txt`], toFile), status);
    assert.ok(file.length > 3 * 65536, `report of ${file.length} characters`);
    assert.equal(pieces.join(''), file);
    assert.ok(pieces.length >= 3, `${pieces.length} pieces`);
    for (const p of pieces.slice(0, -1)) assert.ok(p.length >= 65536 && p.length < 65536 + 20000, `a piece of ${p.length}`);
  });
});

describe('CLI standard output', () => {
  let dir = '';
  afterEach(() => cleanup(dir));

  it('writes the same report to a file given as standard output (written straight to it) as to a pipe, non-ASCII included', () => {
    dir = tempDir(Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`n${String(i).padStart(3, '0')}.note.md`, generateNote(i + 1, 3000).text])));
    const piped = cli([dir], dir);
    const out = join(dir, 'out.txt');
    const fd = openSync(out, 'w');
    try {
      const r = spawnSync(process.execPath, [CLI, dir], { cwd: dir, stdio: ['ignore', fd, 'pipe'], env: { PATH: process.env.PATH ?? '' } });
      assert.equal(r.status, piped.status);
    } finally {
      closeSync(fd);
    }
    assert.ok(piped.stdout.length > 65536 && piped.stdout.includes('→'));
    assert.equal(readFileSync(out, 'utf8'), piped.stdout);
  });
});
