/**
 * What a marketplace listing and a release need from package.json, the icon and the
 * CHANGELOG.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { run, shellEnv } from './harness';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));

describe('package.json marketplace metadata', () => {
  it('names the publisher, display name, description, licence and repository', () => {
    assert.match(pkg.publisher, /^[a-z0-9][a-z0-9-]*$/);
    assert.equal(pkg.name, 'therapy-note-lint');
    assert.equal(pkg.displayName, 'Therapy Note Lint');
    assert.ok(pkg.description.length >= 40 && pkg.description.length <= 200, pkg.description);
    assert.equal(pkg.license, 'MIT');
    assert.ok(readFileSync('LICENSE', 'utf8').startsWith('MIT License\n'));
    assert.deepEqual(pkg.repository, { type: 'git', url: 'https://github.com/therapy-note-lint/therapy-note-lint.git' });
    assert.match(pkg.version, /^\d+\.\d+\.\d+$/);
  });

  it('is in the Linters category, with unique keywords (the marketplace takes at most 30)', () => {
    assert.deepEqual(pkg.categories, ['Linters']);
    assert.ok(Array.isArray(pkg.keywords) && pkg.keywords.length > 0 && pkg.keywords.length <= 30);
    assert.equal(new Set(pkg.keywords).size, pkg.keywords.length);
  });

  it('engines.vscode is the @types/vscode version the client is compiled against', () => {
    const types = JSON.parse(readFileSync('node_modules/@types/vscode/package.json', 'utf8')).version as string;
    const [major, minor] = types.split('.');
    assert.equal(pkg.engines.vscode, `^${major}.${minor}.0`);
    // The devDependency is pinned to that minor version, so an update cannot drift past it.
    assert.equal(pkg.devDependencies['@types/vscode'], `${major}.${minor}`);
  });

  it('the icon is a square PNG of 128 or 256 pixels, drawn by scripts/make-icon.mjs', () => {
    const png = readFileSync(pkg.icon);
    assert.ok(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), 'PNG signature');
    assert.equal(png.toString('ascii', 12, 16), 'IHDR');
    const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
    assert.equal(w, h);
    assert.ok(w === 128 || w === 256, `${w}×${h}`);
    const check = run(process.execPath, ['scripts/make-icon.mjs', '--check'], resolve('.'), shellEnv());
    assert.equal(check.status, 0, check.stderr);
  });
});

describe('CHANGELOG', () => {
  const text = readFileSync('CHANGELOG.md', 'utf8');
  const headings = [...text.matchAll(/^## (.*)$/gm)].map((m) => m[1]);

  it('starts with an Unreleased section, then releases, newest first, each with a date', () => {
    assert.equal(headings[0], 'Unreleased');
    const releases = headings.slice(1).map((h) => {
      const m = /^(\d+)\.(\d+)\.(\d+) - (\d{4}-\d{2}-\d{2})$/.exec(h);
      assert.ok(m, `release heading "${h}" should be "X.Y.Z - YYYY-MM-DD"`);
      assert.ok(!Number.isNaN(Date.parse(`${m[4]}T00:00:00Z`)), `date ${m[4]}`);
      return { version: [Number(m[1]), Number(m[2]), Number(m[3])], date: m[4] };
    });
    assert.ok(releases.length > 0, 'at least one release');
    for (let i = 1; i < releases.length; i++) {
      const [a, b] = [releases[i - 1], releases[i]];
      const newer = a.version[0] - b.version[0] || a.version[1] - b.version[1] || a.version[2] - b.version[2];
      assert.ok(newer > 0 && a.date >= b.date, `${a.version.join('.')} before ${b.version.join('.')}`);
    }
  });

  it('has a section for the version in package.json, with its changes', () => {
    const at = text.indexOf(`\n## ${pkg.version} - `);
    assert.ok(at >= 0, `no "## ${pkg.version} - date" section`);
    const body = text.slice(at + 1).split(/\n## /)[0];
    assert.match(body, /\n### Added\n\n?- /);
  });
});
