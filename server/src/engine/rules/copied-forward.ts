import type { CopySection, EpisodeRule } from '../episode';
import { spanRange } from '../span';
import { docsUrl } from '../rule';

const NAMES = { O: 'Objective', A: 'Assessment' } as const;

/** Words of `now` in sentences that appear unchanged in `before` (both lists ascending: one merge). */
export function copiedWords(now: CopySection, before: CopySection): number {
  let same = 0;
  const a = now.fingerprints;
  const b = before.fingerprints;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] < b[j]) i++;
    else if (a[i] > b[j]) j++;
    else {
      same += now.counts[i];
      i++;
      j++;
    }
  }
  return same;
}

export const rule: EpisodeRule = {
  meta: {
    id: 'copied-forward',
    docs: docsUrl('copied-forward'),
    severity: 'warning',
    description: "A note's Objective or Assessment is (nearly) identical to the patient's previous note.",
    fixable: false,
    hasSuggestions: false,
  },
  check({ episodes, options, report }) {
    for (const ep of episodes) {
      const dated = ep.notes.filter((n) => n.day !== null);
      for (let i = 1; i < dated.length; i++) {
        const n = dated[i];
        const prev = dated[i - 1];
        const threshold = Number(options(n).threshold ?? 0.8);
        const minWords = Number(options(n).minWords ?? 20);
        for (const soap of ['O', 'A'] as const) {
          const now = n.copy[soap];
          const before = prev.copy[soap];
          if (!now || !before || now.words < minWords) continue;
          const same = copiedWords(now, before);
          const fraction = same / now.words;
          if (fraction < threshold) continue;
          report(n, {
            message: `${NAMES[soap]} is ${Math.floor(fraction * 100)}% identical to the previous note (${prev.date}, ${prev.label}): ${same} of its ${now.words} words are in sentences copied unchanged. Repetitious notes that show no change are a top payer complaint (APTA) and do not show skilled care (MBPM Ch. 15 §220.3); record today's measures, what changed and the patient's response.`,
            range: spanRange(now.range),
          });
        }
      }
    }
  },
};
