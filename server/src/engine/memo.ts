/**
 * Memo: what the language server keeps of a document between two lints, so an edit costs
 * the work of the lines it changed, not of the whole note.
 *
 * Only pure, position-free functions of a string are memoised (an entry's word tokens, a
 * line's sentences): the answer for a given string never changes, so a memoised lint
 * returns exactly what a fresh one does (a property test holds them equal). Positions in
 * the note are never cached; they are recomputed on every lint.
 *
 * A memo is generational: `lint()` starts a new generation and drops whatever the previous
 * lint did not use, so it holds about one note's worth of values (two, just after an edit
 * that changed much).
 * It belongs to one document and one set of settings (the codes table changes what an
 * entry's own words are): a new configuration needs a new memo.
 *
 * The engine reads the memo through `memoized()` while `withMemo()` runs (lint is
 * synchronous, so one active memo at a time). Without one (the command line, tests),
 * nothing is kept and every value is computed.
 */

export type MemoKind = 'tokens' | 'entry' | 'sentences' | 'tableRow';

export class Memo {
  /** Each value with the generation that last used it. */
  private readonly values = new Map<MemoKind, Map<string, { sub: string; value: unknown; used: number }>>();
  private generation = 0;
  /** Values computed and values reused in this generation (for tests of the cost). */
  computed = 0;
  reused = 0;

  /** Starts a generation: values the last one did not use are dropped. */
  turn(): void {
    const last = this.generation++;
    for (const m of this.values.values()) for (const [k, v] of m) if (v.used < last) m.delete(k);
    this.computed = 0;
    this.reused = 0;
  }

  /**
   * The value for `key` and `sub`. Keys should be slices of the note (a line, an entry's
   * text): V8 hashes and compares those fast, while a key built by concatenation costs a
   * copy on every lookup. `sub` (short) tells apart values of one key; a key held with
   * another `sub` is computed again and replaced.
   */
  get<T>(kind: MemoKind, key: string, compute: () => T, sub = ''): T {
    let m = this.values.get(kind);
    if (!m) this.values.set(kind, (m = new Map()));
    const hit = m.get(key);
    if (hit !== undefined && hit.sub === sub) {
      hit.used = this.generation;
      this.reused++;
      return hit.value as T;
    }
    const value = compute();
    m.set(detached(key), { sub, value, used: this.generation });
    this.computed++;
    return value;
  }

  /** How many values it holds. */
  get size(): number {
    let n = 0;
    for (const m of this.values.values()) n += m.size;
    return n;
  }
}

/**
 * A copy of `s` that keeps no larger string alive. V8 makes a slice of a string a view into
 * it: a memo that kept an entry's text as sliced from the note would keep that whole version
 * of the note in memory for as long as the entry is unchanged, one note per edit.
 */
export function detached(s: string): string {
  return s.length === 0 ? '' : (' ' + s).slice(1);
}

/**
 * Plain data (objects, arrays, Maps, strings, numbers) with every string detached: what
 * outlives a note's lint (the command line keeps each note's findings, metadata and
 * episode facts until the report) then keeps a few KB, not the note's whole text. An
 * object the value holds twice (a finding's fix that is also its first suggestion) is
 * copied once and held twice.
 *
 * With `strings`, a table the caller keeps, short strings are shared across calls too: the
 * command line's findings repeat rule ids, severities, fix titles and edits thousands of
 * times.
 */
export function detachedCopy<T>(value: T, strings?: Map<string, string>): T {
  return copyOf(value, new Map(), strings);
}

/** Strings up to this length are shared through a `detachedCopy` string table. */
const SHARED_STRING_MAX = 48;

function copyOf<T>(value: T, seen: Map<object, unknown>, strings: Map<string, string> | undefined): T {
  if (typeof value === 'string') {
    if (strings === undefined || value.length > SHARED_STRING_MAX) return detached(value) as T;
    let s = strings.get(value);
    if (s === undefined) strings.set((s = detached(value)), s);
    return s as T;
  }
  if (value === null || typeof value !== 'object' || ArrayBuffer.isView(value)) return value;
  const again = seen.get(value);
  if (again !== undefined) return again as T;
  let out: unknown;
  if (Array.isArray(value)) out = value.map((v) => copyOf(v, seen, strings));
  else if (value instanceof Map) out = new Map([...value].map(([k, v]) => [copyOf(k, seen, strings), copyOf(v, seen, strings)]));
  else {
    // Plain data objects: their own enumerable keys are all for-in yields, without a [key, value] array per key.
    const o: Record<string, unknown> = {};
    let leaf = true;
    for (const k in value) {
      const v = value[k];
      if (v !== null && typeof v === 'object') leaf = false;
      o[k] = copyOf(v, seen, strings);
    }
    // A leaf (a position: numbers and strings) held twice costs little copied twice; not remembered.
    if (leaf) return o as T;
    out = o;
  }
  seen.set(value, out);
  return out as T;
}

let active: Memo | undefined;

/** Runs `fn` with `memo` as the engine's memo (nested calls keep the outer one's). */
export function withMemo<T>(memo: Memo | undefined, fn: () => T): T {
  if (!memo || active) return fn();
  active = memo;
  try {
    return fn();
  } finally {
    active = undefined;
  }
}

/** `compute()`, or its value from the active memo. `compute` must be a pure function of `key` and `sub`. */
export function memoized<T>(kind: MemoKind, key: string, compute: () => T, sub = ''): T {
  return active === undefined ? compute() : active.get(kind, key, compute, sub);
}

/** Whether a memo is active (callers that would only pay to fill a cache check this). */
export function memoActive(): boolean {
  return active !== undefined;
}
