// The page check: what a person sees in VS Code with the packaged extension installed.
// Packages the .vsix (vsce package --no-dependencies), checks its file list, installs it
// into a fresh code-server, opens a fixture note in headless Chromium and waits for the
// squiggles, the code lenses, the status bar units and the Problems panel rows. Keeps a
// screenshot in test-results/page-check.png (also on failure).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheDir, checkInstalled, codeServerCli, launchChromium, onExit, removeDir, repo, resultsDir, startCodeServer, tempRoot,
} from './code-server.mjs';

const NOTE = 'notes/visit.note.md';
const WAIT_MS = 60_000;
// Exactly what the .vsix must contain (besides vsce's own manifest files).
const VSIX_FILES = [
  'extension/changelog.md', 'extension/LICENSE.txt', 'extension/readme.md', 'extension/package.json',
  'extension/dist/extension.js', 'extension/dist/server.js',
  'extension/schemas/therapy-note-lint.schema.json', 'extension/snippets/therapy-notes.json',
  'extension/syntaxes/therapy-note-lint.injection.tmLanguage.json',
];

function step(what) { process.stdout.write(`page check: ${what}\n`); }

async function main() {
  checkInstalled();
  mkdirSync(resultsDir, { recursive: true });
  const outDir = join(resultsDir, 'page-check');
  removeDir(outDir);
  mkdirSync(outDir, { recursive: true });
  const root = tempRoot('tnl-page-');
  let server;
  const cleanup = onExit(() => { server?.stop(); removeDir(root); });

  step('packaging the .vsix');
  const vsix = join(cacheDir, 'page-check', 'therapy-note-lint.vsix');
  mkdirSync(join(cacheDir, 'page-check'), { recursive: true });
  rmSync(vsix, { force: true });
  execFileSync(join(repo, 'node_modules/.bin/vsce'), ['package', '--no-dependencies', '--out', vsix],
    { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  const listed = execFileSync('zipinfo', ['-1', vsix], { encoding: 'utf8' }).split('\n').filter((f) => f.startsWith('extension/') && !f.endsWith('/'));

  step('installing it into code-server');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  codeServerCli(root, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
  const installed = codeServerCli(root, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--list-extensions']);
  assert.match(installed, /^therapy-note-lint\.therapy-note-lint$/m, 'the extension is installed');

  const workspace = join(root, 'workspace');
  cpSync(join(repo, 'test/vscode/workspace'), workspace, { recursive: true });
  server = await startCodeServer({ root, userDataDir, extensionsDir, logFile: join(outDir, 'code-server.log') });

  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
  const screenshot = join(resultsDir, 'page-check.png');
  try {
    const params = new URLSearchParams();
    params.set('folder', workspace);
    params.set('payload', JSON.stringify([['openFile', `vscode-remote://${server.host}${join(workspace, NOTE)}`]]));
    step(`opening ${NOTE}`);
    await page.goto(`${server.url}/?${params}`);

    await page.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: WAIT_MS });
    const squiggles = await page.locator('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').count();
    step(`${squiggles} squiggles`);
    assert.ok(squiggles >= 2, `at least two squiggles (total-time-mismatch, units-mismatch), found ${squiggles}`);

    const expectedLenses = ['97530 · 23 min → 2 units (CMS)', '97110 · 15 min → 1 unit (CMS)', 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗'];
    for (const lens of expectedLenses) await page.locator('.codelens-decoration', { hasText: lens }).first().waitFor({ timeout: WAIT_MS });
    // One decoration per line; several lenses on a line are separated by " | ".
    const lenses = (await page.locator('.codelens-decoration').allInnerTexts()).flatMap((t) => t.split(' | ')).map((t) => t.trim());
    step(`code lenses: ${JSON.stringify(lenses)}`);
    assert.deepEqual(lenses, expectedLenses, 'the code lenses, top to bottom');

    const statusItem = page.locator('.statusbar-item', { hasText: 'Timed 38 min → 3 units' });
    await statusItem.first().waitFor({ timeout: WAIT_MS });
    step(`status bar: ${(await statusItem.first().innerText()).trim()}`);

    step('F1 → View: Focus Problems');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill('>View: Focus Problems');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus Problems' }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'units-mismatch' }).first().waitFor({ timeout: WAIT_MS });
    await rows.filter({ hasText: 'total-time-mismatch' }).first().waitFor({ timeout: WAIT_MS });
    const rowTexts = (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
    step(`Problems rows: ${JSON.stringify(rowTexts)}`);
    const problemRows = rowTexts.filter((t) => /therapy-note-lint/.test(t));
    assert.equal(problemRows.length, 2, `two problems from therapy-note-lint; rows: ${JSON.stringify(rowTexts)}`);
    assert.ok(problemRows.some((t) => t.includes('Total timed minutes at line 28 says 40, but the timed entries add up to 38') && t.includes('[Ln 28, Col 1]')), 'the total-time-mismatch row');
    assert.ok(problemRows.some((t) => t.includes('97530 is billed ×3 at line 38') && t.includes('[Ln 38, Col 10]')), 'the units-mismatch row');

    // Checked last, so that a missing file does not hide what the page shows.
    assert.deepEqual(listed.sort(), [...VSIX_FILES].sort(), 'the .vsix holds exactly the allowlisted files');
  } finally {
    await page.screenshot({ path: screenshot }).catch(() => {});
    step(`screenshot: ${screenshot}`);
    await browser.close().catch(() => {});
  }
  cleanup();
}

main().then(
  () => { step('passed'); process.exit(0); },
  (err) => { console.error(`page check FAILED: ${err?.message ?? err}`); process.exit(1); },
);
