/**
 * Time expressions (note-format.md, "Minutes of an entry"): durations such as `23 min`,
 * `x 23 min`, `23'`, `1 hr 15 min`, and clock ranges such as `10:05-10:28`,
 * `10:05 to 10:28`, `1:55pm-2:10pm`. A hand-written scanner: one pass, no backtracking.
 */

import { isDash, isDigit, isLetter, skipSpaces } from './chars';

export interface TimeExpr {
  /** Offsets within the scanned string. */
  start: number;
  end: number;
  minutes: number;
  kind: 'duration' | 'range';
  /** Ranges: the start, in minutes after midnight as written (a 12-hour clock without am/pm reads as is). */
  from?: number;
  /** Ranges: the start's am/pm is known (written, or shared with the end's: "1:55-2:10pm"). */
  fromMeridiem?: boolean;
}

/** Reads a run of digits with an optional decimal part; returns [value, end] or null. */
function readNumber(s: string, i: number): [number, number] | null {
  const start = i;
  while (isDigit(s[i]) && i - start < 5) i++;
  if (i === start || i - start > 4) return null;
  if (s[i] === '.' && isDigit(s[i + 1])) {
    i++;
    while (isDigit(s[i])) i++;
  }
  return [Number(s.slice(start, i)), i];
}

const MINUTE_WORDS = ['minutes', 'minute', 'mins', 'min'];
const HOUR_WORDS = ['hours', 'hour', 'hrs', 'hr', 'h'];

/** Matches one of `words` (case-insensitive) at `i`, not followed by a letter. */
function readWord(s: string, i: number, words: string[]): number {
  for (const w of words) {
    if (s.length - i >= w.length && s.slice(i, i + w.length).toLowerCase() === w && !isLetter(s[i + w.length])) {
      let end = i + w.length;
      if (w === 'min' && s[end] === '.' && !isDigit(s[end + 1])) end++;
      return end;
    }
  }
  return -1;
}

/** A duration starting exactly at `i` (after an optional `x`/`×`). */
function readDuration(s: string, i: number): TimeExpr | null {
  const start = i;
  if ((s[i] === 'x' || s[i] === 'X' || s[i] === '\u00d7') && !isLetter(s[i + 1])) i = skipSpaces(s, i + 1);
  const num = readNumber(s, i);
  if (!num) return null;
  let [value, j] = num;
  const k = skipSpaces(s, j);
  if (s[j] === "'" || s[j] === '\u2032') return { start, end: j + 1, minutes: value, kind: 'duration' };
  const minEnd = readWord(s, k, MINUTE_WORDS);
  if (minEnd >= 0) return { start, end: minEnd, minutes: value, kind: 'duration' };
  const hourEnd = readWord(s, k, HOUR_WORDS);
  if (hourEnd >= 0) {
    let minutes = value * 60;
    let end = hourEnd;
    // "1 hr 15 min"
    const m = skipSpaces(s, hourEnd);
    const more = readNumber(s, m);
    if (more) {
      // "1 hr 15 min", "1h 15m" (an "m" after hours is minutes)
      const w = readWord(s, skipSpaces(s, more[1]), [...MINUTE_WORDS, 'm']);
      if (w >= 0) {
        minutes += more[0];
        end = w;
      }
    }
    return { start, end, minutes, kind: 'duration' };
  }
  return null;
}

interface Clock {
  minutes: number;
  end: number;
  meridiem: 'am' | 'pm' | null;
  hour: number;
}

function readClock(s: string, i: number): Clock | null {
  const h = readNumber(s, i);
  if (!h || h[1] - i > 2 || s[h[1]] !== ':') return null;
  const mStart = h[1] + 1;
  if (!isDigit(s[mStart]) || !isDigit(s[mStart + 1]) || isDigit(s[mStart + 2])) return null;
  const hour = h[0];
  const minute = Number(s.slice(mStart, mStart + 2));
  if (hour > 23 || minute > 59 || !Number.isInteger(hour)) return null;
  let end = mStart + 2;
  let meridiem: Clock['meridiem'] = null;
  const k = skipSpaces(s, end);
  const lower = s.slice(k, k + 4).toLowerCase();
  for (const [text, value] of [['a.m.', 'am'], ['p.m.', 'pm'], ['am', 'am'], ['pm', 'pm'], ['a', 'am'], ['p', 'pm']] as const) {
    if (lower.startsWith(text) && !isLetter(s[k + text.length])) {
      meridiem = value;
      end = k + text.length;
      break;
    }
  }
  if (meridiem && hour > 12) return null;
  let h24 = hour;
  if (meridiem === 'pm' && hour < 12) h24 += 12;
  if (meridiem === 'am' && hour === 12) h24 = 0;
  return { minutes: h24 * 60 + minute, end, meridiem, hour };
}

function readRange(s: string, i: number): TimeExpr | null {
  const a = readClock(s, i);
  if (!a) return null;
  let j = skipSpaces(s, a.end);
  if (isDash(s[j])) j++;
  else if (s.slice(j, j + 2).toLowerCase() === 'to' && !isLetter(s[j + 2])) j += 2;
  else return null;
  j = skipSpaces(s, j);
  const b = readClock(s, j);
  if (!b) return null;
  let startMin = a.minutes;
  let fromMeridiem = a.meridiem !== null;
  // "1:55-2:10pm": the first time shares the second's meridiem when it has none.
  if (!a.meridiem && b.meridiem && a.hour <= 12) {
    const h = a.hour === 12 ? 0 : a.hour;
    const asPm = (h + (b.meridiem === 'pm' ? 12 : 0)) * 60 + (a.minutes % 60);
    if (asPm <= b.minutes) {
      startMin = asPm;
      fromMeridiem = true;
    }
  }
  let diff = b.minutes - startMin;
  // A 12-hour clock without am/pm: 12:50-1:05 is 15 minutes.
  if (diff <= 0 && !a.meridiem && !b.meridiem) diff += 12 * 60;
  if (diff <= 0 || diff >= 12 * 60) return null;
  return { start: i, end: b.end, minutes: diff, kind: 'range', from: startMin, fromMeridiem };
}

/** The time expression starting exactly at `i`, if any. */
export function timeAt(s: string, i: number): TimeExpr | null {
  if (i > 0 && (isDigit(s[i - 1]) || isLetter(s[i - 1]) || s[i - 1] === ':' || s[i - 1] === '.')) {
    // Inside a larger token ("3x10", "a23 min"): not a time of its own, unless this is the `x`.
    if (!(s[i] === 'x' || s[i] === 'X' || s[i] === '\u00d7') || isLetter(s[i - 1])) return null;
  }
  return readRange(s, i) ?? readDuration(s, i);
}

/** Every time expression in `s[from, to)`, left to right, not overlapping. */
export function scanTimes(s: string, from = 0, to = s.length): TimeExpr[] {
  const out: TimeExpr[] = [];
  const sub = s.slice(0, to);
  for (let i = from; i < to; i++) {
    const c = sub[i];
    if (!isDigit(c) && c !== 'x' && c !== 'X' && c !== '\u00d7') continue;
    const t = timeAt(sub, i);
    if (t) {
      out.push(t);
      i = t.end - 1;
    } else if (isDigit(c)) {
      while (isDigit(sub[i + 1])) i++;
    }
  }
  return out;
}

/** Parses a table cell or a total's value: a bare number means minutes. */
export function parseMinutesValue(s: string): number | null {
  const text = s.trim();
  if (!text) return null;
  const num = readNumber(text, 0);
  if (num && skipSpaces(text, num[1]) === text.length) return num[0];
  const times = scanTimes(text);
  if (times.length === 0) return null;
  if (times[0].kind === 'range') return times.filter((t) => t.kind === 'range').reduce((a, t) => a + t.minutes, 0);
  return times[0].minutes;
}
