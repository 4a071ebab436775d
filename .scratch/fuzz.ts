import { readFileSync, readdirSync } from 'node:fs';
import { lint } from '../server/src/engine/lint';
import { applyFixes } from '../server/src/engine/fix';
const seeds = [...readdirSync('test/fixtures/realistic').filter((f) => f.endsWith('.md')).map((f) => 'test/fixtures/realistic/' + f), ...readdirSync('examples').map((f) => 'examples/' + f)].map((f) => readFileSync(f, 'utf8'));
let seed = 12345;
const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
const junk = ['\n', '\r\n', '\r', '---', '|', '- ', '#', '**', ':', '99:99', '97530', '\u0000', '\uFEFF', '🙂', '<!--', '-->', '```', '    ', '>', 'x 999999 min', '1.', '[', ']', '\t', 'Total timed minutes: 9999999999', 'LTG', 'G0283', '\u2028'];
let failures = 0;
for (let iter = 0; iter < 3000; iter++) {
  let t = seeds[rnd(seeds.length)];
  const ops = 1 + rnd(6);
  for (let k = 0; k < ops; k++) {
    const at = rnd(t.length + 1);
    const op = rnd(4);
    if (op === 0) t = t.slice(0, at) + junk[rnd(junk.length)] + t.slice(at);
    else if (op === 1) t = t.slice(0, at) + t.slice(at + rnd(40));
    else if (op === 2) { const lines = t.split('\n'); const a = rnd(lines.length), b = rnd(lines.length); [lines[a], lines[b]] = [lines[b], lines[a]]; t = lines.join('\n'); }
    else t = t.slice(0, at);
  }
  try {
    const r = lint(t, { filePath: 'f.note.md' });
    const fx = applyFixes(r.bom ? t.slice(1) : t, r.findings);
    lint(fx.output, { filePath: 'f.note.md' });
    if (r.findings.some((f) => f.ruleId === 'internal-error')) { failures++; if (failures < 4) console.log('internal-error', JSON.stringify(t.slice(0, 300))); }
  } catch (e) {
    failures++;
    if (failures < 6) console.log('THROW', (e as Error).stack?.split('\n').slice(0, 4).join(' | '));
  }
}
console.log('failures', failures);
