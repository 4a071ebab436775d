/**
 * Billing facts of one note, computed once and shared by the billing rules, the summary
 * (CLI output, code lenses) and hovers: per code its entries, minutes, billed lines and
 * units under the payer's counting method.
 */
import { computeUnits, type CodeAllocation, type UnitsResult } from './billing';
import type { CodeInfo } from './codes';
import type { BilledLine, Entry, NoteModel, Total } from './note';
import type { PayerProfile } from './payers';
import type { Settings } from './settings';
import type { CountingMethod } from './types';

export interface CodeFacts {
  code: string;
  info: CodeInfo | undefined;
  timed: boolean;
  entries: Entry[];
  billed: BilledLine[];
  /** Sum of the entries' minutes; null when there is no entry or one has no time. */
  minutes: number | null;
  /** Sum of billed units; null when the code is not billed. */
  billedUnits: number | null;
  modifiers: string[];
  /** The code's place in the units computation, when the minutes allow one. */
  allocation?: CodeAllocation;
}

export interface Analysis {
  payer: PayerProfile;
  codes: Map<string, CodeFacts>;
  /** Known timed codes with at least one entry. */
  timedCodes: CodeFacts[];
  /** Every timed entry has its minutes. */
  timedComplete: boolean;
  /** Sum of the timed entries' minutes that are written. */
  timedSum: number;
  /** Sum of the untimed entries' minutes that are written, and whether all have one. */
  untimedSum: number;
  untimedComplete: boolean;
  timedTotal?: Total;
  treatmentTotal?: Total;
  /** Units from the entries' minutes (when complete). */
  units: UnitsResult | null;
  hasBillingSection: boolean;
  summary: BillingSummary;
}

export interface BillingSummary {
  payer: string;
  method: CountingMethod;
  totalTimedMinutes: number | null;
  totalUnits: number | null;
  codes: { code: string; minutes: number | null; units: number | null; billedUnits: number | null; modifiers: string[] }[];
}

export function analyze(note: NoteModel, settings: Settings, payer: PayerProfile): Analysis {
  const codes = new Map<string, CodeFacts>();
  const facts = (code: string): CodeFacts => {
    let f = codes.get(code);
    if (!f) {
      const info = settings.codes.get(code);
      f = { code, info, timed: !!info?.timed, entries: [], billed: [], minutes: null, billedUnits: null, modifiers: [] };
      codes.set(code, f);
    }
    return f;
  };
  for (const e of note.entries) facts(e.code).entries.push(e);
  for (const b of note.billing) {
    const f = facts(b.code);
    f.billed.push(b);
    f.billedUnits = (f.billedUnits ?? 0) + b.units;
    for (const m of b.modifiers) if (!f.modifiers.includes(m.value)) f.modifiers.push(m.value);
  }
  let timedSum = 0;
  let untimedSum = 0;
  let timedComplete = true;
  let untimedComplete = true;
  for (const f of codes.values()) {
    if (f.entries.length === 0) continue;
    const all = f.entries.every((e) => e.minutes !== null);
    const known = f.entries.reduce((a, e) => a + (e.minutes ?? 0), 0);
    f.minutes = all ? known : null;
    if (!f.info) continue; // an unknown code: neither timed nor untimed
    if (f.timed) {
      timedSum += known;
      timedComplete &&= all;
    } else {
      untimedSum += known;
      untimedComplete &&= all;
    }
  }
  // An entry whose code is unknown may be timed: its minutes cannot be placed, so the
  // timed minutes are not complete (no computed total may replace a written one).
  if ([...codes.values()].some((f) => !f.info && f.entries.length > 0)) timedComplete = false;
  const timedCodes = [...codes.values()].filter((f) => f.timed && f.entries.length > 0);
  const units = timedComplete && timedCodes.length > 0 ? computeUnits(payer.method, timedCodes.map((f) => ({ code: f.code, minutes: f.minutes! }))) : null;
  if (units) for (const a of units.codes) codes.get(a.code)!.allocation = a;

  const timedTotal = note.totals.find((t) => t.kind === 'timed');
  const treatmentTotal = note.totals.find((t) => t.kind === 'treatment');

  // The summary: units from the entries when all have minutes; else, under CMS, the day's
  // total units from a documented total timed minutes (codes then stay unknown).
  let totalTimedMinutes: number | null = null;
  let totalUnits: number | null = null;
  if (units) {
    totalTimedMinutes = units.totalMinutes;
    totalUnits = units.totalUnits;
  } else if (timedCodes.length === 0) {
    totalTimedMinutes = 0;
    totalUnits = 0;
  } else if (timedTotal && payer.method === 'cms') {
    totalTimedMinutes = timedTotal.value;
    totalUnits = computeUnits('cms', [{ code: '', minutes: timedTotal.value }]).totalUnits;
  }
  const summary: BillingSummary = {
    payer: payer.name,
    method: payer.method,
    totalTimedMinutes,
    totalUnits,
    codes: [...codes.values()].map((f) => ({
      code: f.code,
      minutes: f.minutes,
      units: unitsOf(f, units !== null || timedCodes.length === 0),
      billedUnits: f.billedUnits,
      modifiers: f.modifiers,
    })),
  };
  return {
    payer, codes, timedCodes, timedComplete, timedSum, untimedSum, untimedComplete, timedTotal, treatmentTotal, units,
    hasBillingSection: note.sections.some((s) => s.kind === 'billing'), summary,
  };
}

function unitsOf(f: CodeFacts, computable: boolean): number | null {
  if (!f.info) return null;
  if (!f.timed) return f.entries.length > 0 ? 1 : 0;
  if (f.entries.length === 0) return 0;
  return computable && f.allocation ? f.allocation.units : null;
}
