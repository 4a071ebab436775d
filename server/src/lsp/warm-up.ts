/**
 * The language server's warm-up. V8 compiles the engine's functions to fast code only once
 * they have run many times; in a fresh server the first hundred or so lints of a note take
 * three to five times as long as later ones (measured: 10–30 ms instead of 3 ms for a
 * 300-line note). So, once started, the server lints generated notes (engine/generate.ts,
 * never a user's) as typing would: each with a memo, edited a character at a time, and
 * reduced to episode facts. It does so at once for at most WARM_UP_FIRST_MS (the first
 * document's diagnostics wait that long), then one lint at a time between messages (a
 * message that arrives meanwhile waits for at most one of these lints). Nothing is logged,
 * indexed or published.
 */
import { episodeNote } from '../engine/episode';
import { generateNote } from '../engine/generate';
import { lint } from '../engine/lint';
import { Memo, withMemo } from '../engine/memo';
import { defaultSettings } from '../engine/settings';

/** Lints in all: enough for the hot paths to reach optimised code (see the comment above). */
export const WARM_UP_LINTS = 150;

/** Milliseconds of warm-up before the server reads its next message; the rest runs between messages. */
export const WARM_UP_FIRST_MS = 500;

/** Small notes of every form (the seeds pick them), so each lint is short and code of every form warms. */
export function warmUpNotes(): string[] {
  return [1, 2, 3, 4, 5, 6, 7, 8].map((seed) => generateNote(seed, 2500).text);
}

/** Warms up: first for up to WARM_UP_FIRST_MS at once, then a lint at a time between messages; `done` is called after the last. */
export function warmUp(done: () => void = () => undefined): void {
  const settings = defaultSettings();
  const notes = warmUpNotes();
  const memos = notes.map(() => new Memo());
  let i = 0;
  const one = () => {
    const base = notes[i % notes.length];
    // A character typed somewhere, as in an edit.
    const at = (i * 7919) % base.length;
    const text = base.slice(0, at) + 'x' + base.slice(at);
    try {
      const memo = memos[i % notes.length];
      const result = lint(text, { settings, memo, filePath: 'warm-up.note.md' });
      withMemo(memo, () => episodeNote(result, 'warm-up', 'warm-up', settings));
    } catch {
      // A warm-up that fails only leaves the server cold.
    }
    i++;
  };
  const start = performance.now();
  while (i < WARM_UP_LINTS && performance.now() - start < WARM_UP_FIRST_MS) one();
  const step = () => {
    if (i >= WARM_UP_LINTS) {
      done();
      return;
    }
    one();
    setImmediate(step);
  };
  setImmediate(step);
}
