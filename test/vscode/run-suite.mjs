// Runs the in-VS-Code mocha suite (dist/test/index.js, built by scripts/build-tests.mjs)
// with @vscode/test-electron's runTests, in code-server instead of desktop VS Code: the
// "executable" is our launcher, which starts code-server and headless Chromium. The
// workspace opened is test/vscode/workspace (copied to a temporary folder, so tests that
// edit and save notes leave the repository's fixtures untouched).
import { runTests } from '@vscode/test-electron';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo } from './code-server.mjs';

const work = mkdtempSync(join(tmpdir(), 'tnl-vscode-run-'));
const workspace = join(work, 'workspace');
cpSync(join(repo, 'test/vscode/workspace'), workspace, { recursive: true });
const cleanup = () => rmSync(work, { recursive: true, force: true });
process.on('exit', cleanup);
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => process.exit(sig === 'SIGINT' ? 130 : 143));

try {
  await runTests({
    vscodeExecutablePath: join(repo, 'test/vscode/code-server-launcher.mjs'),
    extensionDevelopmentPath: repo,
    extensionTestsPath: join(repo, 'dist/test/index.js'),
    launchArgs: [workspace, `--user-data-dir=${join(work, 'user-data')}`, `--extensions-dir=${join(work, 'extensions')}`],
    extensionTestsEnv: { TNL_TEST_WORKSPACE: workspace },
  });
} catch (err) {
  console.error(`VS Code suite: ${err?.message ?? err}`);
  process.exit(1);
}
