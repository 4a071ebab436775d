#!/usr/bin/env node
// The "VS Code executable" that @vscode/test-electron's runTests() starts: it takes the
// arguments runTests gives desktop VS Code (--extensionDevelopmentPath=…,
// --extensionTestsPath=…, --user-data-dir=…, --extensions-dir=…, a folder to open), starts
// code-server with the smoke-test driver enabled, opens the workbench in headless Chromium
// with those paths in the URL's payload, relays the test output the workbench reports
// through codeAutomationLog, and exits with the code it reports through codeAutomationExit.
import { mkdirSync, writeFileSync, createWriteStream } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { checkInstalled, launchChromium, onExit, removeDir, resultsDir, startCodeServer, tempRoot } from './code-server.mjs';

const MARK = '[tnl-test] ';
const TIMEOUT_MS = Number(process.env.TNL_VSCODE_TIMEOUT_MS ?? 540_000);

function parseArgs(argv) {
  const opts = { folder: undefined, extensionDevelopmentPath: [], extensionTestsPath: undefined, userDataDir: undefined, extensionsDir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--([^=]+)(?:=(.*))?$/s.exec(a);
    if (!m) { opts.folder ??= resolve(a); continue; }
    const [, key, inline] = m;
    const takesValue = ['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir'].includes(key);
    const value = takesValue ? (inline ?? argv[++i]) : inline;
    if (key === 'extensionDevelopmentPath') opts.extensionDevelopmentPath.push(resolve(value));
    else if (key === 'extensionTestsPath') opts.extensionTestsPath = resolve(value);
    else if (key === 'user-data-dir') opts.userDataDir = resolve(value);
    else if (key === 'extensions-dir') opts.extensionsDir = resolve(value);
    // Everything else (--no-sandbox, --disable-updates, --skip-welcome, …) is meant for
    // desktop VS Code; code-server gets its own equivalents.
  }
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (!opts.extensionTestsPath || opts.extensionDevelopmentPath.length === 0) {
    throw new Error('usage: code-server-launcher.mjs --extensionDevelopmentPath=DIR --extensionTestsPath=FILE [folder]');
  }
  checkInstalled();
  const outDir = join(resultsDir, 'vscode-suite');
  removeDir(outDir);
  mkdirSync(outDir, { recursive: true });
  const root = tempRoot('tnl-vscode-');
  let server;
  let browser;
  const cleanup = onExit(() => {
    server?.stop();
    removeDir(root);
  });

  server = await startCodeServer({
    root,
    userDataDir: opts.userDataDir ?? join(root, 'user-data'),
    extensionsDir: opts.extensionsDir ?? join(root, 'extensions'),
    logFile: join(outDir, 'code-server.log'),
  });

  browser = await launchChromium();
  const page = await browser.newPage();
  const browserLog = createWriteStream(join(outDir, 'browser-console.log'));
  page.on('console', (msg) => browserLog.write(`[${msg.type()}] ${msg.text()}\n`));
  page.on('pageerror', (err) => browserLog.write(`[pageerror] ${err.message}\n`));

  const result = new Promise((resolveExit) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      // The extension host's console (the mocha reporter) arrives here, as do the
      // workbench's own log lines; the latter are kept in the log file only.
      // Our suite's reporter marks its lines with `[tnl-test] ` (see suite/index.ts).
      const text = Array.isArray(args) ? args.join(' ') : String(args);
      browserLog.write(`[automation:${type}] ${text}\n`);
      const at = text.indexOf(MARK);
      if (at >= 0) process.stdout.write(`${text.slice(at + MARK.length)}\n`);
      else if (process.env.TNL_VSCODE_VERBOSE) process.stdout.write(`${text}\n`);
    });
    page.exposeFunction('codeAutomationExit', (code, logs) => {
      for (const { relativePath, contents } of logs ?? []) {
        const file = join(outDir, 'logs', relativePath);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, contents);
      }
      resolveExit(code);
    });
  });

  const remote = (p) => `vscode-remote://${server.host}${p}`;
  const payload = [
    ...opts.extensionDevelopmentPath.map((p) => ['extensionDevelopmentPath', remote(p)]),
    ['extensionTestsPath', remote(opts.extensionTestsPath)],
  ];
  const params = new URLSearchParams();
  if (opts.folder) params.set('folder', opts.folder);
  params.set('payload', JSON.stringify(payload));
  await page.goto(`${server.url}/?${params}`);

  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no result from the VS Code test run within ${TIMEOUT_MS / 1000} s; logs in ${outDir}`)), TIMEOUT_MS);
  });
  const code = await Promise.race([result, timeout]);
  clearTimeout(timer);
  await browser.close().catch(() => {});
  cleanup();
  return Number(code) || 0;
}

main().then(
  (code) => process.exit(code),
  (err) => { console.error(`code-server-launcher: ${err?.message ?? err}`); process.exit(1); },
);
