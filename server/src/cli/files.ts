/** Expands the command line's files, folders and globs into the files to lint. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { globSync } from 'tinyglobby';

export interface InputFile {
  path: string;
  /** Named on the command line (rather than found in a folder or by a glob). */
  explicit: boolean;
}

export class InputError extends Error {}

const SKIP_DIRS = new Set(['node_modules', '.git']);
const GLOB_CHARS = /[*?[\]{}]/;

function walk(dir: string, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    throw new InputError(`cannot read folder ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) walk(p, out);
    } else if ((e.isFile() || e.isSymbolicLink()) && /\.md$/i.test(e.name)) {
      out.push(p);
    }
  }
}

export function expandInputs(inputs: string[]): InputFile[] {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, explicit });
  };
  for (const input of inputs) {
    let st;
    try {
      st = statSync(input);
    } catch {
      st = null;
    }
    if (st?.isDirectory()) {
      const found: string[] = [];
      walk(input, found);
      for (const f of found) add(f, false);
    } else if (st) {
      add(input, true);
    } else if (GLOB_CHARS.test(input)) {
      const matches = globSync(input, { ignore: ['**/node_modules/**', '**/.git/**'], dot: true, onlyFiles: true, expandDirectories: false }).sort();
      if (matches.length === 0) throw new InputError(`no files match "${input}".`);
      for (const m of matches) add(m, false);
    } else {
      throw new InputError(`${input}: no such file or folder.`);
    }
  }
  return out;
}
