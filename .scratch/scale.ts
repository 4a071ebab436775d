import { readFileSync } from 'node:fs';
import { lint } from '../server/src/engine/lint';
const good = readFileSync('examples/good-pt-daily.note.md', 'utf8');
const body = good.slice(good.indexOf('# PT Daily Note'));
function entriesNote(n: number): string {
  const lines = ['---', 'discipline: PT', '---', '## Objective'];
  for (let i = 0; i < n; i++) lines.push(`- 97110 Ther ex ${i % 30 + 1} min: bridges 2x12 (LTG1), VC for form`, `### 97530 Ther act — 23 min`, 'Lifting a box x10.');
  lines.push('Total timed minutes: 38', '## Billing', '- 97530 x2 GP');
  return lines.join('\n');
}
function sectionsNote(n: number): string {
  return '---\ndiscipline: PT\n---\n' + Array.from({ length: n }, () => body).join('\n\n');
}
for (const [name, gen] of [['entries', entriesNote], ['sections', sectionsNote]] as const) {
  let prev = 0;
  for (const n of [250, 500, 1000, 2000, 4000]) {
    const text = gen(n);
    lint(text);
    const t = process.hrtime.bigint();
    for (let k = 0; k < 3; k++) lint(text, { filePath: 'x.note.md' });
    const ms = Number(process.hrtime.bigint() - t) / 3e6;
    console.log(name, n, `${(text.length / 1024).toFixed(0)} KB`, ms.toFixed(1), 'ms', prev ? `×${(ms / prev).toFixed(2)}` : '');
    prev = ms;
  }
}
