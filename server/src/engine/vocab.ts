/**
 * Words and phrases the documentation rules look for, and one linear matcher for them.
 *
 * Text is read as lower-case word tokens (runs of letters and digits); every other
 * character separates words, so "hand-over-hand", "hand over hand" and "Hand–over–hand"
 * are the same phrase, and "min/mod A" reads as "min mod a". In a phrase, `#` stands for
 * any number. Matching a phrase list against a text costs O(words × phrases sharing a first
 * word × phrase length): no regular expression, no backtracking.
 */
import { isDigit, isWordChar, lowerCodeAt } from './chars';
import { detached, memoActive, memoized } from './memo';

export interface Token {
  /** Lower case. */
  w: string;
  start: number;
  end: number;
}

export function tokenize(s: string, from = 0, to = s.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    if (!wordCharAt(s, i)) {
      i++;
      continue;
    }
    const start = i;
    while (i < to && wordCharAt(s, i)) i++;
    out.push({ w: wordAt(s, start, i), start, end: i });
  }
  return out;
}

/**
 * Recent short words, by a hash of their lower-case letters: most of a note's words are
 * common ones ("to", "with", "min", "patient"), and taking them from here spares a string
 * for each (a 1 MB note has 150,000 words). Up to 12 characters, so each is a copy, never
 * a view into a note (V8 makes views only of 13 characters or more).
 */
const WORDS = new Array<string>(4096).fill('');
const WORD_MAX = 12;

function wordAt(s: string, start: number, end: number): string {
  const n = end - start;
  if (n > WORD_MAX) return s.slice(start, end).toLowerCase();
  let h = 0;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) >= 0x80) return s.slice(start, end).toLowerCase();
    h = (Math.imul(h, 31) + lowerCodeAt(s, i)) | 0;
  }
  const slot = (h ^ (h >>> 13)) & (WORDS.length - 1);
  const known = WORDS[slot];
  if (known.length === n) {
    let k = 0;
    while (k < n && known.charCodeAt(k) === lowerCodeAt(s, start + k)) k++;
    if (k === n) return known;
  }
  const w = s.slice(start, end).toLowerCase();
  WORDS[slot] = w;
  return w;
}

/** Token arrays the memo holds: stable across lints, so phrase hits on them are kept too. */
const stable = new WeakSet<Token[]>();

/**
 * `tokenize(s)`, memoised while a memo is active (memo.ts). The array is shared: callers
 * must not change it.
 */
export function tokensOf(s: string): Token[] {
  if (!memoActive()) return tokenize(s);
  // Words of a copy: a word sliced from `s` would keep the note `s` was sliced from alive.
  return memoized('tokens', s, () => sharedTokens(detached(s)));
}

/**
 * `tokenize(s)` for a value the memo keeps (an entry's own words): marked shared, so phrase
 * hits on it are kept with it. `s` must be detached (memo.ts).
 */
export function sharedTokens(s: string): Token[] {
  const t = tokenize(s);
  stable.add(t);
  return t;
}

/**
 * The tokens of a text with `spans` blanked (replaced by spaces), from the text's own
 * `tokens`: those outside every span, the same objects. Null when a span cuts a word, which
 * blanking would shorten (then tokenize the blanked text). `spans` are [start, end)
 * offsets sorted by start; they may overlap.
 */
export function tokensOutside(tokens: readonly Token[], spans: readonly (readonly [number, number])[]): Token[] | null {
  const out: Token[] = [];
  let k = 0;
  for (const t of tokens) {
    while (k < spans.length && spans[k][1] <= t.start) k++;
    let blanked = false;
    for (let j = k; j < spans.length && spans[j][0] < t.end; j++) {
      const [a, b] = spans[j];
      if (b <= t.start) continue;
      if (a > t.start || b < t.end) return null;
      blanked = true;
      break;
    }
    if (!blanked) out.push(t);
  }
  return out;
}

/** Marks a token array made of shared tokens (`tokensOutside` of a shared array) as shared too. */
export function markShared(tokens: Token[]): Token[] {
  stable.add(tokens);
  return tokens;
}

/** Whether a token array is the memo's (`tokensOf`): values derived from it may be kept with it. */
export function isShared(tokens: Token[]): boolean {
  return stable.has(tokens);
}

/** isWordChar(s[i]) without making a one-character string for ASCII. */
function wordCharAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 0x80) return (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
  return isWordChar(s[i]);
}

export function isNumberToken(w: string): boolean {
  if (w.length === 0) return false;
  for (let i = 0; i < w.length; i++) if (!isDigit(w[i])) return false;
  return true;
}

export interface PhraseHit {
  phrase: string;
  /** Token indexes [first, last]. */
  first: number;
  last: number;
  start: number;
  end: number;
}

/** A compiled phrase list. */
export class PhraseSet {
  private readonly byFirst = new Map<string, { phrase: string; words: string[] }[]>();
  readonly phrases: string[];

  constructor(phrases: readonly string[]) {
    this.phrases = [...phrases];
    for (const phrase of phrases) {
      const words = phrase.split(' ').flatMap((w) => (w === '#' ? ['#'] : tokenize(w).map((t) => t.w)));
      if (words.length === 0) continue;
      const key = words[0];
      const list = this.byFirst.get(key) ?? [];
      list.push({ phrase, words });
      this.byFirst.set(key, list);
    }
    // Longest first, so "min assist" wins over "min" (a stable sort keeps the list's order otherwise).
    for (const list of this.byFirst.values()) list.sort((a, b) => b.words.length - a.words.length);
    this.numbered = this.byFirst.get('#');
  }

  private static readonly compiled = new Map<string, PhraseSet>();

  /**
   * The compiled set for a phrase list, built once per distinct list: rules read their lists
   * from options on every lint, and compiling one costs more than matching a note.
   */
  static of(phrases: readonly string[]): PhraseSet {
    const same = PhraseSet.byList.get(phrases);
    if (same) return same;
    const set = PhraseSet.byContent(phrases);
    PhraseSet.byList.set(phrases, set);
    return set;
  }

  /** By list identity (the built-in lists), then by content (lists built from options). */
  private static readonly byList = new WeakMap<readonly string[], PhraseSet>();

  private static byContent(phrases: readonly string[]): PhraseSet {
    const key = phrases.join('\u0000');
    let set = PhraseSet.compiled.get(key);
    if (!set) {
      if (PhraseSet.compiled.size >= 64) PhraseSet.compiled.clear(); // configurations come and go in a long-lived server
      set = new PhraseSet(phrases);
      PhraseSet.compiled.set(key, set);
    }
    return set;
  }

  private readonly numbered: { phrase: string; words: string[] }[] | undefined;

  /** A phrase that starts at token i and ends before token `end`. */
  private matchAt(tokens: Token[], i: number, end: number): PhraseHit | null {
    const t = tokens[i];
    const own = this.byFirst.get(t.w);
    const hit = own ? this.matchList(own, tokens, i, end) : null;
    if (hit || this.numbered === undefined || !isNumberToken(t.w)) return hit;
    return this.matchList(this.numbered, tokens, i, end);
  }

  private matchList(list: { phrase: string; words: string[] }[], tokens: Token[], i: number, end: number): PhraseHit | null {
    for (const c of list) {
      if (i + c.words.length > end) continue;
      let ok = true;
      for (let k = 1; k < c.words.length && ok; k++) {
        const w = tokens[i + k].w;
        ok = c.words[k] === w || (c.words[k] === '#' && isNumberToken(w));
      }
      if (ok) return { phrase: c.phrase, first: i, last: i + c.words.length - 1, start: tokens[i].start, end: tokens[i + c.words.length - 1].end };
    }
    return null;
  }

  /** Hits on memoised token arrays (`tokensOf`), which outlive one lint. */
  private readonly allOf = new WeakMap<Token[], PhraseHit[]>();
  private readonly firstOf = new WeakMap<Token[], PhraseHit | null>();

  /** Every non-overlapping hit, left to right. The array is shared: callers must not change it. */
  findAll(tokens: Token[]): PhraseHit[] {
    if (!stable.has(tokens)) return this.scanAll(tokens);
    let hits = this.allOf.get(tokens);
    if (!hits) this.allOf.set(tokens, (hits = this.scanAll(tokens)));
    return hits;
  }

  first(tokens: Token[]): PhraseHit | null {
    if (!stable.has(tokens)) return this.scanFirst(tokens);
    let hit = this.firstOf.get(tokens);
    if (hit === undefined) this.firstOf.set(tokens, (hit = this.scanFirst(tokens)));
    return hit;
  }

  private scanAll(tokens: Token[]): PhraseHit[] {
    const out: PhraseHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const h = this.matchAt(tokens, i, tokens.length);
      if (h) {
        out.push(h);
        i = h.last;
      }
    }
    return out;
  }

  private scanFirst(tokens: Token[]): PhraseHit | null {
    return this.firstIn(tokens, 0, tokens.length);
  }

  /** The first hit within tokens[from..to) (`first` of that slice, without making it). Not kept. */
  firstIn(tokens: Token[], from: number, to: number): PhraseHit | null {
    for (let i = from; i < to; i++) {
      const h = this.matchAt(tokens, i, to);
      if (h) return h;
    }
    return null;
  }
}

/** A rule's phrase list from its options: `phrases` replaces the defaults, `add…` extends them. */
export function phraseOption(options: Record<string, unknown>, replaceKey: string, addKey: string, defaults: readonly string[]): readonly string[] {
  if (options[replaceKey] === undefined && options[addKey] === undefined) return defaults; // the same list each time: PhraseSet.of finds it at once
  const strings = (v: unknown): string[] | null => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.trim() !== '') : null);
  return [...(strings(options[replaceKey]) ?? defaults), ...(strings(options[addKey]) ?? [])];
}

/**
 * Boilerplate that names no concrete task (billing-rules.md §9.4; rules.md `vague-entry`).
 * Industry and association guidance, not a CMS list: CMS publishes no banned phrases.
 */
export const VAGUE_PHRASES: readonly string[] = [
  'therapeutic activities performed', 'therapeutic activity performed', 'ther act performed', 'ther ex performed',
  'therapeutic exercise performed', 'exercises performed', 'ther ex as tolerated', 'ther ex as listed', 'exercises as listed',
  'as tolerated', 'functional activities', 'functional training', 'worked on balance', 'worked on strength',
  'worked on strengthening', 'worked on gait', 'worked on transfers', 'worked on adls', 'worked on adl',
  'per flowsheet', 'per flow sheet', 'see flowsheet', 'see flow sheet', 'see flowsheets', 'per exercise log',
  'see exercise log', 'continue per poc', 'continue per plan of care', 'continue plan of care', 'cont per poc',
  'pt tolerated well', 'patient tolerated well', 'tolerated well', 'tolerated treatment well', 'tolerated tx well',
  'same as last visit', 'same as previous', 'hep reviewed', 'reviewed hep', 'patient doing well', 'pt doing well',
  'progressing well', 'stretching', 'strengthening', 'balance training', 'balance re ed', 'balance exercises',
  'gait training', 'transfer training', 'adl training', 'adl retraining', 'dysphagia therapy', 'speech therapy',
  'cognitive training', 'manual therapy performed', 'neuro re ed performed', 'general conditioning',
];

/** Levels of physical assistance (a skilled cue, and a concrete parameter of a task). */
export const ASSIST_LEVELS: readonly string[] = [
  'hand over hand', 'cga', 'sba', 'stand by assist', 'standby assist', 'min a', 'mod a', 'max a', 'mina', 'moda', 'maxa',
  'min assist', 'mod assist', 'max assist', 'minimal assist', 'moderate assist', 'maximal assist', 'minimal assistance',
  'moderate assistance', 'maximal assistance', 'minimum assist', 'minimum assistance', 'maximum assist',
  'maximum assistance', 'contact guard',
];

/** Skilled intervention: cues, assistance, progression, clinical decisions (note-format.md, "What an entry documents"). */
export const CUE_MARKERS: readonly string[] = [
  'cue', 'cues', 'cued', 'cueing', 'cuing', 'vc', 'vcs', 'tc', 'tcs', 'verbal', 'tactile', 'visual', 'demonstration',
  'demonstrated technique', 'demo', 'demos', 'modeling', 'modelling', 'modeled', 'hoh', 'facilitation',
  'facilitated', 'facilitate', 'guarding', 'guarded', ...ASSIST_LEVELS, 'progressed', 'progression', 'progress to',
  'regressed', 'graded', 'grade', 'grades', 'modified', 'modify', 'adjusted', 'adjust', 'instructed', 'instruction',
  'educated', 'education', 'trained', 'taught', 'feedback', 'corrected', 'correction', 'corrections', 'biofeedback',
  'mirror', 'manual resistance', 'mobilization', 'mobilizations', 'mobs', 'manipulation', 'stm', 'imt', 'mfr', 'prompt',
  'prompts', 'prompted', 'prompting', 'spotting', 'spotted', 'faded', 'fading', 'upgraded', 'downgraded', 'assessed',
  'clinical decision', 'based on',
];

/** Patient response (note-format.md). "tolerated" counts only with specifics: see `hasResponse`. */
export const RESPONSE_MARKERS: readonly string[] = [
  'responded', 'responds', 'response', 'reported', 'reports', 'reporting', 'demonstrated', 'demonstrates', 'demonstrating',
  'improved', 'improves', 'improving', 'improvement', 'required rest', 'requires rest', 'rest break', 'rest breaks',
  'fatigue', 'fatigued', 'fatiguing', 'pain # 10', 'able to', 'unable to', 'achieved', 'achieves', 'increased',
  'decreased', 'reduced', 'accuracy', 'accurate', 'correctly', 'independently', 'without pain', 'no increase in pain',
  'no pain', 'sob', 'dyspnea', 'rpe', 'progress toward', 'progress towards', 'goal met', 'goals met', 'met goal',
  'needed', 'required', 'requires', 'performed with', 'completed', 'noted', 'observed', 'states', 'stated',
  // Performance the patient showed: "stood without hands in 4 of 5 trials", "walked 150 ft".
  'stood', 'walked', 'ambulated', 'lifted', 'carried', 'transferred', 'climbed', 'ascended', 'descended', 'dressed',
  'donned', 'doffed', 'named', 'recalled', 'swallowed', 'produced', 'performed', 'maintained', 'better', 'worse',
  'successful', 'successfully', 'consistently', 'inconsistently', '# of #',
];

/** Functional-purpose clauses that link an entry to a goal (note-format.md). */
export const PURPOSE_PHRASES: readonly string[] = [
  'to improve', 'to increase', 'to enable', 'to allow', 'in order to', 'so that', 'for safe', 'for return to',
  'for independence in', 'for independence with', 'to decrease', 'to reduce', 'to restore', 'to promote', 'to facilitate',
  'to return to', 'to prepare for', 'for improved', 'for independent', 'for safety', 'toward goal', 'towards goal',
];
