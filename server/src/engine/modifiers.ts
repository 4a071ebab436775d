/**
 * Modifier facts shared by the modifier rules (billing-rules.md §5): the discipline
 * modifiers GP/GO/GN (MCPM Ch. 5 §20.1), the assistant modifiers CQ/CO (§5.3), the
 * distinct-service modifiers 59/XE/XS/XP/XU (NCCI Ch. 1 §E). Who provided a note's service
 * (its discipline, an assistant) is `noteProvider` in signature.ts.
 */
import type { CodeTable } from './codes';
import type { BilledLine } from './note';
import type { Discipline } from './types';

export const DISCIPLINE_MODIFIER: Readonly<Record<Discipline, string>> = { PT: 'GP', OT: 'GO', SLP: 'GN' };
export const MODIFIER_DISCIPLINE: Readonly<Record<string, Discipline>> = { GP: 'PT', GO: 'OT', GN: 'SLP' };
export const DISCIPLINE_MODIFIERS: ReadonlySet<string> = new Set(['GP', 'GO', 'GN']);
export const ASSISTANT_MODIFIERS: ReadonlySet<string> = new Set(['CQ', 'CO']);
/** NCCI PTP-associated modifiers that mark a distinct service (NCCI Ch. 1 §E; Ch. 11 §P names 59 and XU). */
export const DISTINCT_MODIFIERS: ReadonlySet<string> = new Set(['59', 'XE', 'XS', 'XP', 'XU']);

const DISCIPLINE_NAME: Readonly<Record<Discipline, string>> = { PT: 'physical therapy', OT: 'occupational therapy', SLP: 'speech-language pathology' };
export function disciplineName(d: Discipline): string {
  return DISCIPLINE_NAME[d];
}

/**
 * Codes that carry a discipline of their own: the PT and OT evaluations. A line billing
 * another discipline's evaluation has a wrong code, not a wrong modifier, so the
 * discipline-modifier rules leave it alone.
 */
export function codeDiscipline(code: string): Discipline | null {
  const n = Number(code);
  if (n >= 97161 && n <= 97164) return 'PT';
  if (n >= 97165 && n <= 97168) return 'OT';
  return null;
}

/**
 * The discipline a billing line's GP/GO/GN must match: the code's own (an evaluation), else
 * the note's; `undefined` for another discipline's evaluation (the code is the problem, not
 * the modifier), `null` when neither is known.
 */
export function lineDiscipline(code: string, noteDiscipline: Discipline | null): Discipline | null | undefined {
  const own = codeDiscipline(code);
  if (own && noteDiscipline && own !== noteDiscipline) return undefined;
  return own ?? noteDiscipline;
}

/**
 * A billed line of a code on the therapy list, which takes GP, GO or GN: every known code
 * of the code table (and every code the configuration adds), except athletic-trainer
 * evaluations (97169–97172, not PT/OT/SLP services) and HCPCS S codes (not Medicare codes).
 */
export function isTherapyLine(b: BilledLine, codes: CodeTable): boolean {
  if (!codes.get(b.code)) return false;
  if (b.code.startsWith('S')) return false;
  const n = Number(b.code);
  return !(n >= 97169 && n <= 97172);
}
