// Bundles the in-VS-Code mocha suite (test/vscode/suite/*.ts) to dist/test/: the runner
// index.js (the extensionTestsPath) and one *.suite.js per suite file. `vscode` comes from
// the extension host and mocha from node_modules, so both stay external. dist/test/ is not
// part of the .vsix (.vscodeignore is an allowlist).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';

const dir = 'test/vscode/suite';
const entryPoints = readdirSync(dir).filter((f) => f === 'index.ts' || f.endsWith('.suite.ts')).map((f) => `${dir}/${f}`);
rmSync('dist/test', { recursive: true, force: true });
await build({
  entryPoints,
  outdir: 'dist/test',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: 'inline',
  logLevel: 'warning',
  external: ['vscode', 'mocha'],
});
