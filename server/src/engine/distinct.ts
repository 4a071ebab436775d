/**
 * What shows that two services were distinct (NCCI Ch. 1 §E; Ch. 11 §P: "performed in
 * different timed intervals"): each entry's clock times, and the body regions it names.
 * Hand-written scanners, linear in the text.
 */
import type { Entry, NoteModel } from './note';
import { isWordChar } from './chars';
import { scanTimes, type TimeExpr } from './time';
import { perLint } from './scope';

// ---------------------------------------------------------------------------------------
// Clock times

export interface ClockSpan {
  /** Minutes after midnight; `to` may pass 24:00 for a range across noon without am/pm. */
  from: number;
  to: number;
  /** As written, for messages. */
  text: string;
}

/**
 * A range's start in minutes after midnight. Without am/pm, 1:00–6:59 is read as afternoon
 * clinic time, so notes that write am/pm on some ranges and not on others still compare alike.
 */
function startOf(t: TimeExpr): number {
  const from = t.from ?? 0;
  return !t.fromMeridiem && from >= 60 && from < 7 * 60 ? from + 12 * 60 : from;
}

/** The clock ranges that give an entry its minutes (none when its time is a duration). */
export function entryClockSpans(note: NoteModel, e: Entry): ClockSpan[] {
  const r = e.minutesRange;
  if (!r || r.start.line !== r.end.line) return [];
  let s = note.lines.line(r.start.line).slice(r.start.character, r.end.character);
  if (s.includes('|')) {
    // Start and End table cells: the range between them.
    const cells = s.split('|').map((c) => c.trim()).filter((c) => c !== '');
    s = cells.length >= 2 ? `${cells[0]} - ${cells[cells.length - 1]}` : s;
  }
  const out: ClockSpan[] = [];
  for (const t of scanTimes(s)) {
    if (t.kind !== 'range') continue;
    const from = startOf(t);
    out.push({ from, to: from + t.minutes, text: s.slice(t.start, t.end) });
  }
  return out;
}

export function overlaps(a: ClockSpan, b: ClockSpan): boolean {
  return a.from < b.to && b.from < a.to;
}

// ---------------------------------------------------------------------------------------
// Body regions

export interface Region {
  part: string;
  side: 'L' | 'R' | 'B' | null;
}

/** Words and two-word phrases that name a body region, by canonical region. */
const PARTS: Record<string, string[]> = {
  cervical: ['cervical', 'c-spine', 'neck', 'trapezius', 'trap', 'traps', 'upper trap', 'upper trapezius', 'levator', 'levator scapulae', 'suboccipital', 'suboccipitals', 'scalene', 'scalenes'],
  thoracic: ['thoracic', 't-spine', 'mid back', 'upper back', 'rib', 'ribs', 'rhomboid', 'rhomboids'],
  lumbar: ['lumbar', 'l-spine', 'low back', 'lower back', 'lumbosacral', 'lumbopelvic', 'paraspinals', 'paraspinal', 'quadratus lumborum'],
  sacroiliac: ['sacroiliac', 'si joint', 'sij', 'sacrum', 'coccyx'],
  shoulder: ['shoulder', 'shoulders', 'glenohumeral', 'gh', 'rotator cuff', 'scapula', 'scapular', 'scapulothoracic', 'deltoid', 'ac joint', 'biceps tendon', 'pec', 'pecs', 'pectoralis'],
  elbow: ['elbow', 'elbows', 'lateral epicondyle', 'medial epicondyle', 'olecranon'],
  forearm: ['forearm', 'forearms'],
  wrist: ['wrist', 'wrists', 'carpal', 'carpal tunnel'],
  hand: ['hand', 'hands', 'finger', 'fingers', 'thumb', 'thumbs', 'digit', 'digits', 'palm', 'palmar', 'mcp', 'pip', 'dip', 'cmc', 'metacarpal'],
  hip: ['hip', 'hips', 'glute', 'glutes', 'gluteal', 'gluteus', 'piriformis', 'groin', 'hip flexor', 'hip flexors', 'it band', 'itb', 'tfl'],
  thigh: ['thigh', 'thighs', 'quad', 'quads', 'quadriceps', 'hamstring', 'hamstrings', 'adductor', 'adductors', 'femur'],
  knee: ['knee', 'knees', 'patella', 'patellar', 'tka', 'acl', 'mcl', 'meniscus'],
  'lower leg': ['calf', 'calves', 'gastroc', 'gastrocnemius', 'soleus', 'shin', 'tibialis', 'achilles', 'lower leg'],
  ankle: ['ankle', 'ankles', 'talocrural', 'subtalar'],
  foot: ['foot', 'feet', 'plantar fascia', 'plantar', 'toe', 'toes', 'heel', 'arch', 'metatarsal', 'metatarsals'],
  jaw: ['jaw', 'tmj', 'temporomandibular'],
};
const PART_OF = new Map<string, string>();
for (const [part, words] of Object.entries(PARTS)) for (const w of words) PART_OF.set(w, part);

const SIDES: Record<string, Region['side']> = {
  l: 'L', left: 'L', lt: 'L', r: 'R', right: 'R', rt: 'R', b: 'B', bil: 'B', bilat: 'B', bilateral: 'B', both: 'B',
};

/** The body regions a text names, with the side written just before (`R shoulder`, `left knee`). */
export function regionsIn(text: string): Region[] {
  const words: string[] = [];
  const re = /[a-z]+(?:-[a-z]+)?/gi;
  for (let m = re.exec(text); m; m = re.exec(text)) words.push(m[0].toLowerCase());
  const out: Region[] = [];
  for (let i = 0; i < words.length; i++) {
    const two = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
    const part = (two && PART_OF.get(two)) || PART_OF.get(words[i]);
    if (!part) continue;
    const side = SIDES[words[i - 1] ?? ''] ?? SIDES[words[i - 2] ?? ''] ?? null;
    out.push({ part, side });
    if (two && PART_OF.get(two)) i++;
  }
  return out;
}

/** Two lists of regions name no region in common (a region without a side matches either side). */
export function separateRegions(a: Region[], b: Region[]): boolean {
  if (a.length === 0 || b.length === 0) return false;
  return a.every((x) => b.every((y) => x.part !== y.part || (x.side !== null && y.side !== null && x.side !== 'B' && y.side !== 'B' && x.side !== y.side)));
}

// ---------------------------------------------------------------------------------------

/**
 * The part of an entry's first line that names its procedures: a table row's code or name
 * cell, else the line from the code or name up to the first colon that is not a clock's.
 */
function designatorText(note: NoteModel, e: Entry): string {
  const line = note.lines.line(e.firstLine);
  const at = e.designatorRange.start.line === e.firstLine ? e.designatorRange.start.character : 0;
  let a = at;
  let b = line.length;
  if (e.form === 'table') {
    while (a > 0 && line[a - 1] !== '|') a--;
    b = line.indexOf('|', at);
    if (b < 0) b = line.length;
  } else {
    for (let i = at; i < line.length; i++) {
      if (line[i] === ':' && !(/\d/.test(line[i - 1] ?? '') && /\d/.test(line[i + 1] ?? ''))) {
        b = i;
        break;
      }
    }
  }
  return line.slice(a, b);
}

/** Code-shaped tokens (five digits, or a capital letter and four digits), also when joined by `/` or `+`. */
function codesIn(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!isWordChar(s[i]) || (i > 0 && isWordChar(s[i - 1]))) continue;
    let j = i;
    while (j < s.length && isWordChar(s[j])) j++;
    const w = s.slice(i, j);
    if (/^(\d{5}|[A-Z]\d{4})$/.test(w)) out.push(w);
    i = j - 1;
  }
  return out;
}

/** The entries that document `code`: its own, and entries of other codes that also name it where they name their procedure (`97530/97140 — 30 min`). */
export function entriesNaming(note: NoteModel, code: string): { own: Entry[]; combined: Entry[] } {
  const own: Entry[] = [];
  const combined: Entry[] = [];
  for (const e of note.entries) {
    if (e.code === code) own.push(e);
    else {
      if (designatorCodes(note, e).includes(code)) combined.push(e);
    }
  }
  return { own, combined };
}

/** The codes an entry's designator names, read once per entry (asked again for every billed code). */
function designatorCodes(note: NoteModel, e: Entry): string[] {
  return perLint('designatorCodes', e, () => codesIn(designatorText(note, e)));
}
