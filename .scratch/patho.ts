import { lint } from '../server/src/engine/lint';
const head = '---\ndiscipline: PT\n---\n## Objective\n';
const cases: Record<string, (n: number) => string> = {
  digits: (n) => head + '- ' + '9'.repeat(n),
  spaces: (n) => head + '- 97110' + ' '.repeat(n) + 'x',
  stars: (n) => head + '- ' + '*'.repeat(n),
  totals: (n) => head + 'total '.repeat(n),
  timed: (n) => head + 'Total timed '.repeat(n),
  comments: (n) => head + '<!-- therapy-note-lint-disable\n'.repeat(n / 30),
  codes: (n) => head + '## Billing\n- ' + '97110 x1 GP, '.repeat(n / 13),
  names: (n) => head + '- ' + 'ther ex '.repeat(n / 8),
  times: (n) => head + '- 97110 ' + '10:05-10:15, '.repeat(n / 13),
  colons: (n) => head + '- 97110 ' + '1:'.repeat(n / 2),
  nested: (n) => head + Array.from({ length: Math.min(n / 100, 100) }, (_, i) => '  '.repeat(i) + '- 97110 x').join('\n'),
  goals: (n) => '## Goals\n- ' + 'LTG '.repeat(n / 4),
  labels: (n) => 'S: x\n' + 'O: 97110 15 min\n'.repeat(n / 16),
  pipes: (n) => head + '| Code | Min |\n|---|---|\n| ' + '97110 | '.repeat(n / 8),
  dashes: (n) => head + '- 97110 ' + '- '.repeat(n / 2),
};
for (const [name, gen] of Object.entries(cases)) {
  const times: number[] = [];
  for (const n of [20000, 40000, 80000]) {
    const text = gen(n);
    const t = process.hrtime.bigint();
    lint(text, { filePath: 'x.note.md' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  console.log(name.padEnd(10), times.map((t) => t.toFixed(1).padStart(8)).join(' '), ' ratio', (times[2] / times[1]).toFixed(2));
}
