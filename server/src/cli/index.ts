/** `therapy-note-lint` (dist/cli.js). */
import { fstatSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import { setFlagsFromString } from 'node:v8';
import { run } from './main';
import { writeFileAtomic } from './write';

// Between files the CLI keeps little (each note's findings, about 4 KB), but V8 lets the
// heap grow to about four times its live data before it collects: 290 MB peak RSS on
// 10,000 notes. Growing it by a quarter at most keeps that under 200 MB, with no
// measurable cost in time (npm run bench; README, "Performance").
setFlagsFromString('--heap-growing-percent=25');

/**
 * Standard output that is a file (`> report.txt`, /dev/null) is written straight to it:
 * through process.stdout each piece of the report became a Buffer that lived until the next
 * collection, about 10 MB more peak memory on a large report. A terminal or a pipe goes
 * through process.stdout as usual.
 */
function stdoutIsFile(): boolean {
  try {
    const st = fstatSync(1);
    return st.isFile() || (st.isCharacterDevice() && !isatty(1));
  } catch {
    return false;
  }
}

function writeToFd(fd: number, s: string): void {
  const written = writeSync(fd, s);
  if (written === Buffer.byteLength(s)) return;
  let rest = Buffer.from(s).subarray(written);
  while (rest.length > 0) rest = rest.subarray(writeSync(fd, rest));
}

try {
  const toFile = stdoutIsFile();
  process.exitCode = run(process.argv.slice(2), {
    stdout: toFile ? (s) => writeToFd(1, s) : (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    stdoutIsTTY: isatty(1),
    stderrIsTTY: !!process.stderr.isTTY,
    env: process.env,
    writeFile: writeFileAtomic,
  });
} catch (err) {
  // Never a stack trace or an error message (either could quote a note): the kind is enough.
  process.stderr.write(`therapy-note-lint: internal error (${err instanceof Error ? err.name : 'unknown'}). Please report this.\n`);
  process.exitCode = 2;
}
