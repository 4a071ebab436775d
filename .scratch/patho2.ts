import { lint } from '../server/src/engine/lint';
const head = '---\ndiscipline: PT\n---\n## Objective\n';
const cases: Record<string, (n: number) => string> = {
  digits: (n) => head + '- ' + '9'.repeat(n),
  colons: (n) => head + '- 97110 ' + '1:'.repeat(n / 2),
  digitsLabel: (n) => head + '- 97110 abc ' + '1 '.repeat(n / 2),
  ordinals: (n) => head + '- 97110 abc ' + '2nd '.repeat(n / 4),
};
for (const [name, gen] of Object.entries(cases)) {
  const times: number[] = [];
  for (const n of [100000, 200000, 400000, 800000]) {
    const text = gen(n);
    const t = process.hrtime.bigint();
    for (let k = 0; k < 3; k++) lint(text, { filePath: 'x.note.md' });
    times.push(Number(process.hrtime.bigint() - t) / 3e6);
  }
  console.log(name.padEnd(12), times.map((t) => t.toFixed(1).padStart(8)).join(' '));
}
