/**
 * Billing math (billing-rules.md §1–2): the CMS total-time method ("8-minute rule",
 * MCPM Pub. 100-04 Ch. 5 §20.2) and the AMA per-code method. Pure arithmetic on minutes.
 */
import type { CountingMethod } from './types';

/** Units for a number of minutes: 0 below 8, else floor((T + 7) / 15) (MCPM §20.2 C table). */
export function unitsForMinutes(minutes: number): number {
  return minutes < 8 ? 0 : Math.floor((minutes + 7) / 15);
}

/** The minute range that earns `units` units: [8, 22] for 1, [23, 37] for 2, … */
export function minuteRangeForUnits(units: number): [number, number] {
  return units === 0 ? [0, 7] : [15 * units - 7, 15 * units + 7];
}

export interface CodeMinutes {
  code: string;
  minutes: number;
}

export interface CodeAllocation {
  code: string;
  minutes: number;
  /** CMS: whole 15-minute units, and the minutes left over. */
  full: number;
  remainder: number;
  /** Units in the canonical allocation (ties: larger remainder, then more minutes, then order written). */
  units: number;
  /** Fewest and most units an acceptable allocation may give this code. */
  min: number;
  max: number;
}

export interface UnitsResult {
  method: CountingMethod;
  totalMinutes: number;
  totalUnits: number;
  codes: CodeAllocation[];
  /** CMS: units left after full units, given out by largest remainder. */
  remainderUnits: number;
  /** CMS: codes tied at the cut-off, any of which may take the remaining unit(s). */
  tied: string[];
}

/**
 * Units per code for the timed codes of one day. `items` are per code (minutes already
 * summed per code), in the order the note first mentions them.
 */
export function computeUnits(method: CountingMethod, items: CodeMinutes[]): UnitsResult {
  const totalMinutes = items.reduce((a, c) => a + c.minutes, 0);
  if (method === 'ama') {
    const codes = items.map((c) => {
      const units = unitsForMinutes(c.minutes);
      return { code: c.code, minutes: c.minutes, full: Math.floor(c.minutes / 15), remainder: c.minutes % 15, units, min: units, max: units };
    });
    return { method, totalMinutes, totalUnits: codes.reduce((a, c) => a + c.units, 0), codes, remainderUnits: 0, tied: [] };
  }
  const totalUnits = unitsForMinutes(totalMinutes);
  const codes: CodeAllocation[] = items.map((c) => {
    const full = Math.floor(c.minutes / 15);
    return { code: c.code, minutes: c.minutes, full, remainder: c.minutes - full * 15, units: full, min: full, max: full };
  });
  const remainderUnits = totalUnits - codes.reduce((a, c) => a + c.full, 0);
  let tied: string[] = [];
  if (remainderUnits > 0) {
    const order = codes
      .map((c, i) => ({ c, i }))
      .filter((x) => x.c.remainder > 0)
      .sort((a, b) => b.c.remainder - a.c.remainder || b.c.minutes - a.c.minutes || a.i - b.i);
    const cutoff = order[Math.min(remainderUnits, order.length) - 1].c.remainder;
    const above = order.filter((x) => x.c.remainder > cutoff);
    const at = order.filter((x) => x.c.remainder === cutoff);
    const slots = remainderUnits - above.length;
    for (const x of above) x.c.min = x.c.max = x.c.full + 1;
    for (const x of at) {
      x.c.max = x.c.full + 1;
      x.c.min = slots === at.length ? x.c.full + 1 : x.c.full;
    }
    if (slots < at.length) tied = at.map((x) => x.c.code);
    for (const x of order.slice(0, remainderUnits)) x.c.units = x.c.full + 1;
  }
  return { method, totalMinutes, totalUnits, codes, remainderUnits, tied };
}

export interface AllocationCheck {
  ok: boolean;
  /** Codes billed outside the units their minutes allow. */
  outOfRange: { code: string; billed: number; min: number; max: number }[];
  billedTotal: number;
  expectedTotal: number;
}

/**
 * Whether billed units per code are acceptable for the documented minutes: under CMS,
 * any allocation consistent with the remainder ranking, with ties left to the clinician
 * (Examples 2 and 5); under AMA, exactly each code's own units.
 */
export function checkAllocation(result: UnitsResult, billed: ReadonlyMap<string, number>): AllocationCheck {
  const outOfRange: AllocationCheck['outOfRange'] = [];
  let billedTotal = 0;
  for (const c of result.codes) {
    const b = billed.get(c.code) ?? 0;
    billedTotal += b;
    if (b < c.min || b > c.max) outOfRange.push({ code: c.code, billed: b, min: c.min, max: c.max });
  }
  for (const [code, b] of billed) if (!result.codes.some((c) => c.code === code)) billedTotal += b;
  return { ok: outOfRange.length === 0 && billedTotal === result.totalUnits, outOfRange, billedTotal, expectedTotal: result.totalUnits };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "38 min → 3 units (38–52 min = 3)" */
export function explainTotal(minutes: number): string {
  const units = unitsForMinutes(minutes);
  if (units === 0) return `${fmt(minutes)} min → 0 units (under 8 min)`;
  const [lo, hi] = minuteRangeForUnits(units);
  return `${fmt(minutes)} min → ${plural(units, 'unit')} (${lo}–${hi} min = ${units})`;
}

/** Minutes for messages: whole numbers as they are, fractions to one decimal. */
export function formatMinutes(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
const fmt = formatMinutes;

/** The arithmetic behind a result, in one or two sentences. */
export function explain(result: UnitsResult): string {
  if (result.method === 'ama') {
    return 'AMA per-code method: ' + result.codes.map((c) => `${c.code} ${explainTotal(c.minutes)}`).join('; ') + '.';
  }
  const parts = [`CMS total-time method: ${result.codes.length > 1 ? 'timed codes together ' : ''}${explainTotal(result.totalMinutes)}`];
  if (result.codes.length > 1 && result.totalUnits > 0) {
    parts.push(`full 15-min units ${result.codes.map((c) => `${c.code} ${c.full}`).join(', ')}`);
    if (result.remainderUnits > 0) {
      const rem = [...result.codes].filter((c) => c.remainder > 0).sort((a, b) => b.remainder - a.remainder);
      const who = result.tied.length > 0
        ? `${list(result.tied)} tie, so ${result.tied.length === 2 ? 'either' : 'any one'} may take it`
        : rem.filter((c) => c.units > c.full).map((c) => c.code).join(' and ');
      parts.push(
        `${plural(result.remainderUnits, 'remaining unit')} to the largest leftover minutes (${rem.map((c) => `${c.code} ${fmt(c.remainder)}`).join(', ')}): ${who}`,
      );
    }
    parts.push(`→ ${result.codes.map((c) => `${c.code} ×${c.units}`).join(', ')}`);
  }
  return parts.join('; ') + '.';
}

function list(items: string[]): string {
  return items.length <= 2 ? items.join(' and ') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/**
 * The allocation of CMS Example 4's wording read literally ("bill the procedures you spent
 * the most time providing"): full units, then the remaining units by total minutes. It
 * matters only where the remaining unit would go to a code whose minutes are an exact
 * multiple of 15 (no leftover minutes), a case no CMS example shows (billing-rules.md §1.5);
 * billing-rules.md advises flagging it, if at all, at low severity. Null when it gives the
 * same answer as the remainder method or falls outside that case.
 */
export function totalMinutesReading(result: UnitsResult): Map<string, number> | null {
  if (result.method !== 'cms' || result.remainderUnits <= 0) return null;
  const order = result.codes
    .map((c, i) => ({ c, i }))
    .sort((a, b) => b.c.minutes - a.c.minutes || a.i - b.i)
    .slice(0, result.remainderUnits);
  if (!order.some((x) => x.c.remainder === 0 && x.c.minutes > 0)) return null;
  const alloc = new Map(result.codes.map((c) => [c.code, c.full]));
  for (const x of order) alloc.set(x.c.code, x.c.full + 1);
  return alloc;
}
