/** Grouping of episode notes, shared by episode.ts and the rules (a module of its own: the rules must not import episode.ts's values, which import the rule registry). */
import type { EpisodeNote } from './episode';

/** Notes by a key, in their order; notes whose key is null are left out. */
export function groupBy<K>(notes: Iterable<EpisodeNote>, key: (n: EpisodeNote) => K | null): Map<K, EpisodeNote[]> {
  const out = new Map<K, EpisodeNote[]>();
  for (const n of notes) {
    const k = key(n);
    if (k === null) continue;
    const list = out.get(k);
    if (list) list.push(n);
    else out.set(k, [n]);
  }
  return out;
}
