/** `therapy-note-lint` (dist/cli.js). */
import { run } from './main';
import { writeFileAtomic } from './write';

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
