/**
 * One-line billing summaries, shared by the CLI's stylish output and (later) code lenses:
 * "Timed 38 min → 3 units: 97530 ×2, 97110 ×1 (CMS) · billed 3 ✓".
 */
import type { Analysis } from './analysis';
import { checkAllocation, formatMinutes, unitsForMinutes } from './billing';

export interface BillingStatus {
  /** Timed units billed (null when nothing timed is billed). */
  billed: number | null;
  /** Whether the billed timed units are acceptable; null when it cannot be told. */
  ok: boolean | null;
}

export function billingStatus(a: Analysis): BillingStatus {
  const timedBilled = [...a.codes.values()].filter((f) => f.timed && f.billedUnits !== null);
  const billed = timedBilled.length > 0 ? timedBilled.reduce((s, f) => s + f.billedUnits!, 0) : null;
  if (billed === null) return { billed, ok: null };
  if (timedBilled.some((f) => f.entries.length === 0)) return { billed, ok: false };
  if (a.units) {
    const map = new Map(timedBilled.map((f) => [f.code, f.billedUnits!]));
    return { billed, ok: checkAllocation(a.units, map).ok };
  }
  if (a.payer.method === 'cms' && a.timedTotal) return { billed, ok: billed === unitsForMinutes(a.timedTotal.value) };
  return { billed, ok: null };
}

const METHOD_LABEL = { cms: 'CMS', ama: 'AMA per code' } as const;

const fmt = formatMinutes;

export function summaryLine(a: Analysis): string {
  const s = a.summary;
  const timed = a.timedCodes;
  const plural = (n: number) => (n === 1 ? 'unit' : 'units');
  let head: string;
  if (timed.length === 0) head = 'No timed codes';
  else {
    const minutes = s.totalTimedMinutes === null ? '?' : fmt(s.totalTimedMinutes);
    const units = s.totalUnits === null ? '? units' : `${s.totalUnits} ${plural(s.totalUnits)}`;
    const per = timed
      .map((f) => (f.allocation ? `${f.code} ×${f.allocation.units}` : `${f.code} ${f.minutes === null ? '?' : fmt(f.minutes)} min`))
      .join(', ');
    head = `Timed ${minutes} min → ${units}: ${per}`;
  }
  const untimed = [...a.codes.values()].filter((f) => f.info && !f.timed && f.entries.length > 0).map((f) => `${f.code} ×1`);
  if (untimed.length > 0) head += ` · untimed ${untimed.join(', ')}`;
  head += ` (${s.payer}, ${METHOD_LABEL[s.method]})`;
  const st = billingStatus(a);
  if (st.billed !== null) head += ` · billed ${st.billed}${st.ok === true ? ' ✓' : st.ok === false ? ' ✗' : ''}`;
  return head;
}
