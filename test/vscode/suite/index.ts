/**
 * The mocha runner VS Code's extension host loads (`extensionTestsPath` →
 * `dist/test/index.js`). The suites are bundled next to it as `dist/test/*.suite.js`; mocha
 * itself is not bundled but required from the project's node_modules.
 *
 * The workbench relays the extension host's console to our launcher, but flattens
 * console.log's format arguments; so the reporter below prints each line as one finished
 * string, marked with `[tnl-test]` for the launcher to pick out.
 */
import * as path from 'node:path';
import * as fs from 'node:fs';
import Mocha from 'mocha';

const MARK = '[tnl-test] ';
const out = (line: string) => console.log(MARK + line);

class LineReporter {
  constructor(runner: Mocha.Runner) {
    const failures: { title: string; err: Error }[] = [];
    let passes = 0;
    let depth = 0;
    const started = Date.now();
    runner.on('suite', (s) => { if (s.title) out(`${'  '.repeat(depth)}${s.title}`); depth++; });
    runner.on('suite end', () => { depth--; });
    runner.on('pass', (t) => { passes++; out(`${'  '.repeat(depth)}✔ ${t.title} (${t.duration ?? 0} ms)`); });
    runner.on('fail', (t, err) => {
      failures.push({ title: t.fullTitle(), err });
      out(`${'  '.repeat(depth)}✘ ${failures.length}) ${t.title}`);
    });
    runner.on('pending', (t) => out(`${'  '.repeat(depth)}- ${t.title} (pending)`));
    runner.once('end', () => {
      out('');
      out(`${passes} passing, ${failures.length} failing (${Date.now() - started} ms)`);
      failures.forEach(({ title, err }, i) => {
        out('');
        out(`${i + 1}) ${title}`);
        out(String(err?.stack ?? err).split('\n').filter((l) => !l.includes('node_modules/mocha')).slice(0, 30).join('\n'));
      });
    });
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 20_000, color: false, reporter: LineReporter as unknown as Mocha.ReporterConstructor });
  const files = fs.readdirSync(__dirname).filter((f) => f.endsWith('.suite.js')).sort();
  if (files.length === 0) throw new Error(`no *.suite.js files next to ${__filename}`);
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  await new Promise<void>((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} VS Code test(s) failed`)) : resolve()));
  });
}
