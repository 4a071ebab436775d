/**
 * What several rules derive from the same note object (an entry's own words, the note's
 * signature lines, its excluded lines) is computed once per lint and kept in tables that
 * die with the lint.
 *
 * Not in module-level WeakMaps: V8's young-generation collector keeps a WeakMap's young
 * entries alive, so each note's derived data outlived its lint, was promoted to the old
 * generation and waited there for a full collection. On 10,000 notes that was about
 * 2.5 MB promoted per young collection, a fifth of the command line's time spent
 * collecting garbage, and a higher peak RSS (README, "Performance").
 */
export type ScopeTable = 'entryText' | 'entryRecord' | 'designatorCodes' | 'excludedLines' | 'signatures' | 'rowCells';

let tables: Map<ScopeTable, Map<object | string, unknown>> | undefined;

/** Runs `fn` with fresh per-lint tables (a nested call shares the outer one's). */
export function inLintScope<T>(fn: () => T): T {
  if (tables) return fn();
  tables = new Map();
  try {
    return fn();
  } finally {
    tables = undefined;
  }
}

/** `compute()`, once per key (an object, or a string by its text) and lint scope; outside a scope, every time. */
export function perLint<K extends object | string, V>(table: ScopeTable, key: K, compute: () => V): V {
  if (!tables) return compute();
  let m = tables.get(table);
  if (!m) tables.set(table, (m = new Map()));
  const hit = m.get(key);
  if (hit !== undefined) return hit as V;
  const value = compute();
  m.set(key, value);
  return value;
}
