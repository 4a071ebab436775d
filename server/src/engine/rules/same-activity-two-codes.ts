import { documentedService, entryText, rangeIn } from '../entry-text';
import type { Entry } from '../note';
import { docsUrl, lineNo, quote, type Rule } from '../rule';
import { CUE_MARKERS, PhraseSet, RESPONSE_MARKERS } from '../vocab';

const MARKERS = new PhraseSet([...CUE_MARKERS, ...RESPONSE_MARKERS]);
/** A clause is an activity when it has at least this many words. */
const MIN_WORDS = 3;
const BOUNDARY = '.;,|()\r\n';

/** A word with letters, not a clock's AM/PM. */
function isWord(w: string): boolean {
  return w !== 'am' && w !== 'pm' && /[a-z]/.test(w);
}

function hasBoundary(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (BOUNDARY.includes(text[i])) return true;
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'same-activity-two-codes',
    docs: docsUrl('same-activity-two-codes'),
    severity: 'warning',
    description: 'The same activity text is documented under two timed codes in one note.',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, settings, report }) {
    const seen = new Map<string, Entry>();
    for (const e of note.entries) {
      if (!e.timed || !documentedService(e, settings.codes)) continue;
      const t = entryText(note, e, settings.codes);
      const reported = new Set<string>();
      // Clauses: runs of words between sentence punctuation and line breaks (one pass).
      const clauses: typeof t.tokens[] = [];
      let words: typeof t.tokens = [];
      t.tokens.forEach((k, i) => {
        words.push(k);
        const next = t.tokens[i + 1];
        if (!next || hasBoundary(t.text, k.end, next.start)) {
          clauses.push(words);
          words = [];
        }
      });
      for (const words of clauses) {
        let count = 0;
        for (let k = 0; k < words.length && count < MIN_WORDS; k++) if (isWord(words[k].w)) count++;
        if (count < MIN_WORDS || MARKERS.first(words)) continue;
        const key = words.map((k) => k.w).join(' ');
        const prior = seen.get(key);
        if (!prior) {
          seen.set(key, e);
          continue;
        }
        if (prior.code === e.code || reported.has(prior.code)) continue;
        reported.add(prior.code);
        report({
          message: `${quote(key)} is documented under both ${prior.code} (line ${lineNo(prior.designatorRange)}) and ${e.code} (line ${lineNo(e.designatorRange)}). The same minutes cannot count for two codes: document the activity once, under the code it fits, or say what made each distinct.`,
          range: rangeIn(note, t, words[0].start, words[words.length - 1].end),
        });
      }
    }
  },
};
