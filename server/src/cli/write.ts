/**
 * Atomic file writes: a temporary file in the target's folder, flushed, then renamed over
 * it. A symbolic link is followed (the file it points to is replaced, the link stays) and
 * the file's permission bits are kept exactly (not narrowed by the umask).
 */
import { closeSync, fchmodSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string): void {
  let file = path;
  let mode: number | undefined;
  try {
    file = realpathSync(path);
    mode = statSync(file).mode & 0o7777;
  } catch {
    // a new file
  }
  const tmp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o600);
    if (mode !== undefined) fchmodSync(fd, mode);
    else fchmodSync(fd, 0o666 & ~process.umask());
    const buf = Buffer.from(data, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, file);
  } catch (err) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
    throw err;
  }
}
