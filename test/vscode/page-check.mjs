// The page check: what a person sees in VS Code with the packaged extension installed.
// Packages the .vsix as a release is packaged (`npm run package`: vsce --no-dependencies,
// minified bundles), checks its file list, installs it into a fresh code-server with
// `--install-extension`, opens a fixture note in headless Chromium and waits for the
// squiggles, the code lenses, the status bar units, the quick fix menu and the Problems
// panel rows. Keeps a screenshot in test-results/page-check.png (also on failure) and the
// README's screenshots in test-results/screenshots/; with --update-screenshots it also
// copies those to docs/images/ (`npm run screenshots`).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  cacheDir, checkInstalled, codeServerCli, launchChromium, onExit, removeDir, repo, resultsDir, startCodeServer, tempRoot,
} from './code-server.mjs';

const NOTE = 'notes/visit.note.md';
const WAIT_MS = 60_000;
/** The light bulb: in the gutter (a codicon decoration) or over the text (a widget). */
const LIGHT_BULB = '.lightBulbWidget, [class*="codicon-gutter-lightbulb"]';
/** The quick fix menu (not a submenu beside it). */
const QUICK_FIX_MENU = '.action-widget:not(.action-list-submenu-panel)';
/** How long the first Ctrl+. may take to open the quick fix menu before it is pressed again. */
const FIRST_QUICK_FIX_MS = 15_000;
// Exactly what the .vsix must contain (shared with test/release/vsix.test.ts).
const VSIX_FILES = JSON.parse(readFileSync(join(repo, 'test/release/vsix-files.json'), 'utf8'));
// The README's screenshots (docs/images/), taken here.
const SCREENSHOTS = ['code-lenses.png', 'quick-fix.png', 'problems.png'];
const updateScreenshots = process.argv.includes('--update-screenshots');
// npm run as from a shell, without the npm_* variables of an outer `npm test`.
const npmEnv = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));

function step(what) { process.stdout.write(`page check: ${what}\n`); }

const shotsDir = join(resultsDir, 'screenshots');

/** The box around the editor lines that contain `first` and `last` (and what lies between). */
async function linesBox(page, first, last, pad = 3) {
  const editor = await page.locator('.monaco-editor').first().boundingBox();
  const top = await page.locator('.monaco-editor .view-line', { hasText: first }).first().boundingBox();
  const bottom = await page.locator('.monaco-editor .view-line', { hasText: last }).first().boundingBox();
  return { x: editor.x, y: top.y - pad, width: Math.min(editor.width, 960), height: bottom.y + bottom.height + pad - (top.y - pad) };
}

/**
 * Waits until the texts of the elements matching `selector` (split at " | ", whitespace
 * collapsed) equal `expected`, then returns them. VS Code re-renders code lenses and list
 * rows when the language server answers again, so a text seen once may be replaced by an
 * empty placeholder for a moment (seen in CI: the three lenses read back as "" right after
 * they had shown): this reads on every frame until they match, as Playwright's own
 * web-first assertions retry, and on timeout fails with what the page showed last.
 * With `only`, just the texts matching that regular expression count, and each must
 * contain (not equal) its expected text: for rows VS Code shortens with "…".
 */
async function settledTexts(page, selector, expected, what, only) {
  // One page function: read the texts (`wait` false), or return them only once they match.
  const texts = ({ sel, want, only: o, wait }) => {
    const got = [...document.querySelectorAll(sel)].map((e) => e.innerText)
      .flatMap((t) => t.split(' | ')).map((t) => t.replace(/\s+/g, ' ').trim())
      .filter((t) => o === null || new RegExp(o).test(t));
    if (!wait) return got;
    return got.length === want.length && got.every((t, i) => (o === null ? t === want[i] : t.includes(want[i]))) && got;
  };
  const args = { sel: selector, want: expected, only: only?.source ?? null, wait: true };
  try {
    // The texts are taken from the frame in which they matched: read again later, they
    // may be between two renderings.
    const handle = await page.waitForFunction(texts, args, { timeout: WAIT_MS, polling: 'raf' });
    return await handle.jsonValue();
  } catch (err) {
    const last = await page.evaluate(texts, { ...args, wait: false }).catch(() => []);
    assert.fail(`${what}: still ${JSON.stringify(last)} after ${WAIT_MS / 1000} s, expected ${JSON.stringify(expected)} (${err?.message?.split('\n')[0]})`);
  }
}

/** Waits for `locator`; on timeout the error says `what` is missing and where the keyboard focus is. */
async function waitNamingFocus(page, locator, what) {
  await locator.waitFor({ timeout: WAIT_MS })
    .catch(async (err) => { throw new Error(`${what} (focus: ${await focusPath(page)}): ${err.message}`); });
}

/** What has the keyboard focus, for a failure message: the classes of the focused element and its parents. */
async function focusPath(page) {
  return page.evaluate(() => {
    const parts = [];
    for (let e = document.activeElement; e && e !== document.body && parts.length < 6; e = e.parentElement) {
      parts.push(`${e.tagName.toLowerCase()}${e.className && typeof e.className === 'string' ? `.${e.className.trim().split(/\s+/).slice(0, 3).join('.')}` : ''}`);
    }
    return parts.join(' < ') || 'body';
  }).catch(() => 'unknown');
}

/** For a message: the focus, the cursor position, and whether VS Code shows a light bulb or a message over the editor. */
async function editorState(page) {
  const shown = await page.evaluate((LIGHT_BULB) => {
    const visible = (sel) => [...document.querySelectorAll(sel)].some((e) => e.offsetParent !== null);
    const cursor = [...document.querySelectorAll('.statusbar-item')].map((e) => e.innerText.trim()).find((t) => /^Ln \d+, Col \d+/.test(t));
    const message = [...document.querySelectorAll('.monaco-editor-overlaymessage')].map((e) => e.innerText.trim()).filter(Boolean).join(' / ');
    return `cursor ${cursor ?? 'unknown'}, light bulb ${visible(LIGHT_BULB) ? 'shown' : 'not shown'}${message ? `, message "${message}"` : ''}`;
  }, LIGHT_BULB).catch((err) => `unknown (${err?.message?.split('\n')[0]})`);
  return `focus: ${await focusPath(page)}; ${shown}`;
}

/** Saves one of the README's screenshots in test-results/screenshots/. */
async function shoot(page, name, clip) {
  if (!SCREENSHOTS.includes(name)) throw new Error(`unknown screenshot ${name}`);
  mkdirSync(shotsDir, { recursive: true });
  await page.screenshot({ path: join(shotsDir, name), clip });
  step(`screenshot ${name}`);
}

async function main() {
  checkInstalled();
  mkdirSync(resultsDir, { recursive: true });
  const outDir = join(resultsDir, 'page-check');
  removeDir(outDir);
  mkdirSync(outDir, { recursive: true });
  removeDir(shotsDir);
  const root = tempRoot('tnl-page-');
  let server;
  const cleanup = onExit(() => { server?.stop(); removeDir(root); });

  step('packaging the .vsix');
  const vsix = join(cacheDir, 'page-check', 'therapy-note-lint.vsix');
  mkdirSync(join(cacheDir, 'page-check'), { recursive: true });
  rmSync(vsix, { force: true });
  execFileSync('npm', ['run', 'package', '--', '--out', vsix],
    { cwd: repo, env: npmEnv, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  // The package's minified build is in dist/ now; put back the readable one.
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
  const listed = execFileSync('zipinfo', ['-1', vsix], { encoding: 'utf8' }).split('\n').filter((f) => f && !f.endsWith('/'));

  step('installing it into code-server');
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  codeServerCli(root, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--install-extension', vsix]);
  const installed = codeServerCli(root, ['--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--list-extensions']);
  assert.match(installed, /^therapy-note-lint\.therapy-note-lint$/m, 'the extension is installed');
  // What code-server runs is the package's content (minified bundles), not the project folder.
  const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8'));
  const installedDir = join(extensionsDir, `therapy-note-lint.therapy-note-lint-${version}`);
  const installedFiles = readdirSync(installedDir, { recursive: true })
    .filter((f) => f !== '.vsixmanifest' && statSync(join(installedDir, f)).isFile()).map((f) => `extension/${f}`).sort();
  assert.deepEqual(installedFiles, listed.filter((f) => f.startsWith('extension/')).sort(), 'the installed extension holds the .vsix\'s files');
  assert.ok(readFileSync(join(installedDir, 'dist/server.js')).equals(execFileSync('unzip', ['-p', vsix, 'extension/dist/server.js'], { maxBuffer: 64 << 20 })),
    'the installed server is the packaged one');

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
    // One decoration per line; several lenses on a line are separated by " | ".
    const lenses = await settledTexts(page, '.codelens-decoration', expectedLenses, 'the code lenses, top to bottom');
    step(`code lenses: ${JSON.stringify(lenses)}`);
    await page.mouse.move(0, 0);
    await shoot(page, 'code-lenses.png', await linesBox(page, 'Objective', 'Signed:'));

    const statusItem = page.locator('.statusbar-item', { hasText: 'Timed 38 min → 3 units' });
    await statusItem.first().waitFor({ timeout: WAIT_MS });
    step(`status bar: ${(await statusItem.first().innerText()).trim()}`);

    step('Ctrl+G 38:10, Ctrl+. → the quick fix menu on the billed units');
    await page.locator('.monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+g');
    const goTo = page.locator('.quick-input-widget input');
    await goTo.waitFor({ timeout: WAIT_MS });
    await goTo.fill(':38:10');
    await page.keyboard.press('Enter');
    await goTo.waitFor({ state: 'hidden', timeout: WAIT_MS });
    await page.locator('.statusbar-item', { hasText: 'Ln 38, Col 10' }).first().waitFor({ timeout: WAIT_MS });
    // Ctrl+. asks the focused part for its quick fixes: make sure it is the editor.
    const editorFocused = page.locator('.monaco-editor.focused').first();
    await waitNamingFocus(page, editorFocused, 'the editor does not have the focus after Ctrl+G');
    // The light bulb on line 38: VS Code has asked the server for the code actions at the
    // cursor, and has them.
    await waitNamingFocus(page, page.locator('.monaco-editor').first().locator(LIGHT_BULB).filter({ visible: true }).first(), 'no light bulb at 38:10');
    await page.mouse.move(0, 0);
    const menu = page.locator(QUICK_FIX_MENU);
    const menuRow = menu.locator('.monaco-list-row', { hasText: 'Disable units-mismatch for this file' }).first();
    await page.keyboard.press('Control+.');
    // VS Code drops a quick fix request it has asked for when the editor's markers or
    // code action providers change before the answer (it asks again as for the light
    // bulb, which opens no menu). In CI a Ctrl+. once showed nothing for a minute, with
    // the editor focused. A person presses again: so does this check, once, and says so.
    // A server that does not answer fails both.
    const missed = await menuRow.waitFor({ timeout: FIRST_QUICK_FIX_MS }).then(() => null, (err) => err);
    if (missed) {
      step(`no quick fix menu ${FIRST_QUICK_FIX_MS / 1000} s after Ctrl+. (${await editorState(page)}); pressing Ctrl+. again`);
      // Escape first: a menu that opened just now would take the second Ctrl+. for itself.
      await page.keyboard.press('Escape');
      await menu.waitFor({ state: 'hidden', timeout: WAIT_MS });
      await waitNamingFocus(page, editorFocused, 'the editor lost the focus after Ctrl+.');
      await page.keyboard.press('Control+.');
      await waitNamingFocus(page, menuRow, 'no quick fix menu after Ctrl+. twice');
    }
    const actions = await settledTexts(page, `${QUICK_FIX_MENU} .monaco-list-row`,
      ['Quick Fix', 'Bill 97530 ×2', 'Disable units-mismatch for this line', 'Disable units-mismatch for this file'],
      'the quick fix menu on 97530 x3: its heading, the safe fix, the disable comments');
    step(`quick fix menu: ${JSON.stringify(actions)}`);
    const menuBox = await menu.boundingBox();
    const around = await linesBox(page, 'Total timed minutes', 'Signed:');
    await shoot(page, 'quick-fix.png', { ...around, height: Math.max(around.height, menuBox.y + menuBox.height + 8 - around.y), width: Math.max(around.width, menuBox.x + menuBox.width + 8 - around.x) });
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden', timeout: WAIT_MS });

    step('F1 → View: Focus Problems');
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: WAIT_MS });
    await input.fill('>View: Focus Problems');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Focus Problems' }).first().waitFor({ timeout: WAIT_MS });
    await page.keyboard.press('Enter');
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.filter({ hasText: 'units-mismatch' }).first().waitFor({ timeout: WAIT_MS });
    // Sorted by line: total-time-mismatch at line 28, then units-mismatch at line 38.
    const problemRows = await settledTexts(page, '.markers-panel .monaco-list-row', [
      'Total timed minutes at line 28 says 40, but the timed entries add up to 38',
      '97530 is billed ×3 at line 38',
    ], 'the two problems from therapy-note-lint', /therapy-note-lint/);
    step(`Problems rows: ${JSON.stringify(problemRows)}`);
    assert.ok(problemRows[0].includes('total-time-mismatch') && problemRows[0].includes('[Ln 28, Col 1]'), 'the total-time-mismatch row');
    assert.ok(problemRows[1].includes('units-mismatch') && problemRows[1].includes('[Ln 38, Col 10]'), 'the units-mismatch row');
    const panel = await page.locator('.part.panel').first().boundingBox();
    const lastRow = await rows.last().boundingBox();
    await shoot(page, 'problems.png', { x: panel.x, y: panel.y, width: panel.width, height: lastRow.y + lastRow.height + 8 - panel.y });

    // Checked last, so that a missing file does not hide what the page shows.
    assert.deepEqual(listed.sort(), [...VSIX_FILES].sort(), 'the .vsix holds exactly the allowlisted files');
    if (updateScreenshots) {
      mkdirSync(join(repo, 'docs/images'), { recursive: true });
      for (const name of SCREENSHOTS) copyFileSync(join(shotsDir, name), join(repo, 'docs/images', name));
      step(`copied ${SCREENSHOTS.join(', ')} to docs/images/`);
    }
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
