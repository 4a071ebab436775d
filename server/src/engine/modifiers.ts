/**
 * Modifier facts shared by the modifier rules (billing-rules.md §5): the discipline
 * modifiers GP/GO/GN (MCPM Ch. 5 §20.1), the assistant modifiers CQ/CO (§5.3), the
 * distinct-service modifiers 59/XE/XS/XP/XU (NCCI Ch. 1 §E), and who provided a note's
 * service (its discipline and whether the provider is an assistant).
 */
import type { CodeTable } from './codes';
import type { BilledLine, NoteModel } from './note';
import { noteProvider, parseCredentials, type Credential } from './signature';
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

export function modifierValues(b: BilledLine): string[] {
  return b.modifiers.map((m) => m.value);
}

// ---------------------------------------------------------------------------------------
// Who provided the service (signature.ts): the note's discipline, and whether an assistant did.

export interface ServiceProvider {
  /** Front matter `discipline`, else the provider's credentials, else the signer's. */
  discipline: Discipline | null;
  /** Where the discipline comes from, for messages. */
  disciplineSource: 'front matter' | 'credentials' | null;
  /** The assistant credential (PTA, COTA, …) when the treating provider is an assistant. */
  assistant: Credential | null;
}

export function serviceProvider(note: NoteModel): ServiceProvider {
  const fm = note.frontMatter;
  const fmCreds = fm?.provider ? parseCredentials(fm.provider) : [];
  // Without a `provider`, the treating signature: the last signature line that is not a
  // co-signature and carries credentials.
  const signer = fmCreds.length > 0 ? null : [...noteProvider(note).signers].reverse().find((x) => !x.cosign && x.credentials.length > 0);
  const creds = fmCreds.length > 0 ? fmCreds : signer ? signer.credentials : [];
  const discipline = fm?.discipline ?? creds.find((c) => c.discipline)?.discipline ?? null;
  return {
    discipline,
    disciplineSource: fm?.discipline ? 'front matter' : discipline ? 'credentials' : null,
    assistant: creds.some((c) => c.assistant) ? creds.find((c) => c.assistant)! : null,
  };
}
