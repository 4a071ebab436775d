/** `therapy-note-lint` (dist/cli.js). */
import { setFlagsFromString } from 'node:v8';
import { run } from './main';
import { writeFileAtomic } from './write';

// Between files the CLI keeps little (each note's findings, about 4 KB), but V8 lets the
// heap grow to about four times its live data before it collects: 290 MB peak RSS on
// 10,000 notes. Growing it by a quarter at most keeps that under 200 MB, with no
// measurable cost in time (npm run bench; README, "Performance").
setFlagsFromString('--heap-growing-percent=25');

try {
  process.exitCode = run(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
    env: process.env,
    writeFile: writeFileAtomic,
  });
} catch (err) {
  // Never a stack trace or an error message (either could quote a note): the kind is enough.
  process.stderr.write(`therapy-note-lint: internal error (${err instanceof Error ? err.name : 'unknown'}). Please report this.\n`);
  process.exitCode = 2;
}
