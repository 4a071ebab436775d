// Bundles the extension client, the language server and the CLI with esbuild.
import { build } from 'esbuild';
import { readFileSync, readdirSync, chmodSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: false,
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // jsonc-parser's UMD build hides its requires from the bundler; its ESM build does not.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
  // Some dependencies ship only ESM that reads import.meta.url; give the CJS bundle one.
  define: { __VERSION__: JSON.stringify(pkg.version), 'import.meta.url': '__importMetaUrl' },
  banner: { js: "var __importMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

// The rule pages, embedded into the server for hovers (a finding's why and examples).
// Scanned, not listed: every docs/rules/<id>.md present at build time.
const rulesDir = new URL('../docs/rules/', import.meta.url);
const rulePages = Object.fromEntries(
  readdirSync(rulesDir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => [f.slice(0, -3), readFileSync(new URL(f, rulesDir), 'utf8')]),
);

await Promise.all([
  build({ ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/extension.js', external: ['vscode'] }),
  build({
    ...common,
    entryPoints: ['server/src/server.ts'],
    outfile: 'dist/server.js',
    define: { ...common.define, __RULE_PAGES__: JSON.stringify(rulePages) },
  }),
  build({ ...common, entryPoints: ['server/src/cli/index.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node\n' + common.banner.js } }),
]);
chmodSync('dist/cli.js', 0o755);
