import { documentedService, entryText, rangeIn, type EntryText } from '../entry-text';
import type { Entry } from '../note';
import { docsUrl, lineNo, quote, type Rule } from '../rule';
import { CUE_MARKERS, isShared, PhraseSet, RESPONSE_MARKERS, type Token } from '../vocab';

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

interface Activity {
  /** The clause's words, lower case, joined by spaces. */
  key: string;
  start: number;
  end: number;
}

/** Activities already read from a memoised entry's tokens (vocab.ts `isShared`). */
const known = new WeakMap<Token[], Activity[]>();

/**
 * An entry's activities: its clauses (runs of words between sentence punctuation and line
 * breaks) of three words or more that are not cues or responses.
 */
function activities(t: EntryText): Activity[] {
  const hit = known.get(t.tokens);
  if (hit) return hit;
  const out: Activity[] = [];
  const words: string[] = [];
  let from = 0;
  for (let i = 0; i < t.tokens.length; i++) {
    const next = t.tokens[i + 1];
    if (next && !hasBoundary(t.text, t.tokens[i].end, next.start)) continue;
    // The clause is tokens[first..i]: read in place, not copied (a lint reads every entry's clauses).
    const first = from;
    from = i + 1;
    let count = 0;
    for (let k = first; k <= i && count < MIN_WORDS; k++) if (isWord(t.tokens[k].w)) count++;
    if (count < MIN_WORDS || MARKERS.firstIn(t.tokens, first, i + 1)) continue;
    words.length = 0;
    for (let k = first; k <= i; k++) words.push(t.tokens[k].w);
    out.push({ key: words.join(' '), start: t.tokens[first].start, end: t.tokens[i].end });
  }
  if (isShared(t.tokens)) known.set(t.tokens, out);
  return out;
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
      let reported: Set<string> | undefined;
      for (const { key, start, end } of activities(t)) {
        const prior = seen.get(key);
        if (!prior) {
          seen.set(key, e);
          continue;
        }
        if (prior.code === e.code || reported?.has(prior.code)) continue;
        (reported ??= new Set()).add(prior.code);
        report({
          message: `${quote(key)} is documented under both ${prior.code} (line ${lineNo(prior.designatorRange)}) and ${e.code} (line ${lineNo(e.designatorRange)}). The same minutes cannot count for two codes: document the activity once, under the code it fits, or say what made each distinct.`,
          range: rangeIn(note, t, start, end),
        });
      }
    }
  },
};
