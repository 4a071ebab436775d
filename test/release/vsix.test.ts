/**
 * The .vsix a clinic installs. `npm run package` (vsce 3, `--no-dependencies`, after the
 * `vscode:prepublish` script's minified build) writes it offline; it holds exactly the
 * allowlisted files (`vsix-files.json`, also checked by the page check that installs it)
 * and stays under 1 MB.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ok, shellEnv } from './harness';

const repo = resolve('.');
const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const EXPECTED: string[] = JSON.parse(readFileSync('test/release/vsix-files.json', 'utf8'));
const BUDGET = 1_000_000; // bytes

function unzip(vsix: string, entry: string): Buffer {
  const r = spawnSync('unzip', ['-p', vsix, entry], { maxBuffer: 16 * 1024 * 1024 });
  assert.equal(r.status, 0, `unzip ${entry}: ${r.stderr}`);
  return r.stdout;
}

describe('the .vsix (npm run package)', function () {
  this.timeout(180_000);
  let dir = '';
  let vsix = '';

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'tnl-vsix-'));
    vsix = join(dir, 'therapy-note-lint.vsix');
    ok('npm', ['run', 'package', '--', '--out', vsix], repo, shellEnv({ npm_config_offline: 'true' }));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    // The package left minified bundles in dist/; put back the readable build.
    ok(process.execPath, ['scripts/build.mjs'], repo, shellEnv());
  });

  it('holds exactly the bundles, grammar, snippets, schema, README, CHANGELOG, LICENSE and icon', () => {
    const listed = ok('zipinfo', ['-1', vsix], repo, shellEnv()).split('\n').filter((f) => f && !f.endsWith('/'));
    assert.deepEqual(listed.sort(), [...EXPECTED].sort());
  });

  it(`is under ${BUDGET / 1e6} MB`, () => {
    const size = statSync(vsix).size;
    assert.ok(size < BUDGET, `${size} bytes`);
  });

  it('carries minified bundles', () => {
    // Names of our own internal functions survive only in an unminified bundle.
    assert.ok(readFileSync('client/src/billing.ts', 'utf8').includes('export class BillingStatus'));
    assert.ok(readFileSync('server/src/lsp/settings.ts', 'utf8').includes('function normalizeClientSettings'));
    const client = unzip(vsix, 'extension/dist/extension.js').toString('utf8');
    const server = unzip(vsix, 'extension/dist/server.js').toString('utf8');
    assert.equal(client.includes('BillingStatus'), false);
    assert.equal(server.includes('normalizeClientSettings'), false);
    assert.ok(server.split('\n').length < server.length / 100, 'long minified lines');
  });

  it('carries the project\'s package.json, README, CHANGELOG, LICENSE and icon unchanged', () => {
    assert.deepEqual(JSON.parse(unzip(vsix, 'extension/package.json').toString('utf8')), pkg);
    assert.ok(unzip(vsix, 'extension/images/icon.png').equals(readFileSync(pkg.icon)));
    assert.ok(unzip(vsix, 'extension/LICENSE.txt').equals(readFileSync('LICENSE')));
    assert.ok(unzip(vsix, 'extension/changelog.md').equals(readFileSync('CHANGELOG.md')));
    // vsce makes the README's relative links absolute (to the repository's blob/ and raw/
    // for images), and nothing else: no "#2" in the text becomes an issue link.
    const readme = unzip(vsix, 'extension/readme.md').toString('utf8');
    const base = `${pkg.repository.url.replace(/\.git$/, '')}/`;
    assert.ok(readme.includes(`](${base}blob/HEAD/docs/rules/units-mismatch.md)`));
    const relative = readme.replaceAll(`${base}blob/HEAD/`, '').replaceAll(`${base}raw/HEAD/`, '');
    assert.equal(relative, readFileSync('README.md', 'utf8'));
  });

  it('its manifest names the publisher, version, category, tags, engine and icon', () => {
    const manifest = unzip(vsix, 'extension.vsixmanifest').toString('utf8');
    assert.ok(manifest.includes(`<Identity Language="en-US" Id="${pkg.name}" Version="${pkg.version}" Publisher="${pkg.publisher}" />`));
    assert.ok(manifest.includes(`<DisplayName>${pkg.displayName}</DisplayName>`));
    assert.ok(manifest.includes('<Categories>Linters</Categories>'));
    const tags = /<Tags>([^<]*)<\/Tags>/.exec(manifest)?.[1].split(',') ?? [];
    for (const k of pkg.keywords) assert.ok(tags.includes(k), `tag ${k}`);
    assert.ok(manifest.includes(`<Property Id="Microsoft.VisualStudio.Code.Engine" Value="${pkg.engines.vscode}" />`));
    assert.ok(manifest.includes('<Icon>extension/images/icon.png</Icon>'));
  });
});
