/**
 * The CLI's npm package: `npm pack` makes a tarball whose `therapy-note-lint` bin works on
 * a clean machine, offline, through `npx <tarball>` or `npm install -g <tarball>`, as the
 * README tells reviewers. Run in a temporary folder outside the project, with only the
 * system's node/npm on the PATH and an empty npm cache.
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { cleanEnv, ok, run, shellEnv } from './harness';

const repo = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const TARBALL = `${pkg.name}-${pkg.version}.tgz`;
// What the package holds: the CLI, the language server (for LSP clients other than VS
// Code), the configuration schema and the package files.
const FILES = [
  'package/CHANGELOG.md', 'package/LICENSE', 'package/README.md', 'package/dist/cli.js',
  'package/dist/server.js', 'package/package.json', 'package/schemas/therapy-note-lint.schema.json',
];
// One note's units line in the examples' report (README, Quick start).
const UNITS_LINE = '  units  Timed 38 min → 3 units: 97530 ×2, 97110 ×1 (medicare, CMS) · billed 3 ✓\n';

describe('the npm package (npm pack)', function () {
  this.timeout(180_000);
  let dir = '';
  let clinic = '';
  let env: Record<string, string> = {};
  let expected = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tnl-npm-'));
    const out = ok('npm', ['pack', '--pack-destination', dir, '--json'], repo, shellEnv({ npm_config_offline: 'true' }));
    assert.equal(JSON.parse(out)[0].filename, TARBALL);
    // A reviewer's folder: the tarball and some notes, nothing else.
    clinic = join(dir, 'clinic');
    mkdirSync(clinic);
    cpSync(join(dir, TARBALL), join(clinic, TARBALL));
    cpSync(join(repo, 'examples'), join(clinic, 'examples'), { recursive: true });
    mkdirSync(join(dir, 'home'));
    env = cleanEnv(join(dir, 'home'));
    // What the project's own build reports on the same notes, from the same folder.
    const own = run(process.execPath, [join(repo, 'dist/cli.js'), 'examples'], clinic, env);
    assert.equal(own.status, 1);
    expected = own.stdout;
    assert.ok(expected.includes(UNITS_LINE), expected);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('holds only the CLI, the server, the schema and the package files', () => {
    const listed = ok('tar', ['-tzf', join(dir, TARBALL)], dir, shellEnv()).split('\n').filter(Boolean);
    assert.deepEqual(listed.sort(), FILES);
  });

  it('its package.json has the bin and no runtime dependency to download', () => {
    const inner = JSON.parse(ok('tar', ['-xzOf', join(dir, TARBALL), 'package/package.json'], dir, shellEnv()));
    assert.deepEqual(inner.bin, { 'therapy-note-lint': 'dist/cli.js' });
    assert.equal(inner.dependencies, undefined);
    const cli = ok('tar', ['-xzOf', join(dir, TARBALL), 'package/dist/cli.js'], dir, shellEnv());
    assert.ok(cli.startsWith('#!/usr/bin/env node\n'));
  });

  it(`npx ./${TARBALL} examples lints the notes from a clean folder, offline`, () => {
    const r = run('npx', ['--yes', `./${TARBALL}`, 'examples'], clinic, env);
    assert.equal(r.status, 1, r.stderr); // the bad examples have errors on purpose
    assert.equal(r.stdout, expected);
    const v = run('npx', ['--yes', `./${TARBALL}`, '--version'], clinic, env);
    assert.deepEqual([v.status, v.stdout], [0, `${pkg.version}\n`]);
  });

  it(`npm install -g ./${TARBALL} puts therapy-note-lint on the PATH`, () => {
    const prefix = join(dir, 'prefix');
    ok('npm', ['install', '-g', `./${TARBALL}`], clinic, { ...env, npm_config_prefix: prefix });
    const onPath = { ...env, PATH: `${join(prefix, 'bin')}:${env.PATH}` };
    const r = run('therapy-note-lint', ['examples'], clinic, onPath);
    assert.equal(r.status, 1, r.stderr);
    assert.equal(r.stdout, expected);
    const json = run('therapy-note-lint', ['--format', 'json', 'examples/good-pt-daily.note.md'], clinic, onPath);
    assert.equal(json.status, 0, json.stderr);
    assert.equal(JSON.parse(json.stdout).files[0].billing.totalUnits, 3);
  });
});
