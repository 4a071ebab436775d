import { addModifierEdit } from '../edits';
import { DISTINCT_MODIFIERS } from '../modifiers';
import { pairEdits, ptpDate, type PairEdit } from '../ncci';
import type { BilledLine } from '../note';
import { docsUrl, lineNo, type Rule } from '../rule';
import type { Fix } from '../types';

const DISTINCT = 'a distinct-service modifier (59, XE, XS, XP or XU)';

export const rule: Rule = {
  meta: {
    id: 'ncci-pair-modifier',
    docs: docsUrl('ncci-pair-modifier'),
    severity: 'error',
    description: 'Both codes of an NCCI procedure-to-procedure pair are billed, and the column-2 code carries no 59, XE, XS, XP or XU (or the pair cannot be bypassed at all).',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, settings, report }) {
    // The first billing line of each known code, in billing order.
    const first = new Map<string, BilledLine>();
    for (const b of note.billing) if (b.known && !first.has(b.code)) first.set(b.code, b);
    if (first.size < 2) return;
    const withModifier = new Set(note.billing.filter((b) => b.modifiers.some((m) => DISTINCT_MODIFIERS.has(m.value))).map((b) => b.code));
    const distinct = (code: string) => withModifier.has(code);
    const date = ptpDate(note.frontMatter?.date);
    const codes = [...first.keys()];
    for (let i = 0; i < codes.length; i++) {
      for (let j = i + 1; j < codes.length; j++) {
        for (const e of pairEdits(codes[i], codes[j], settings.codes, settings.ncci, date)) {
          const c1 = first.get(e.column1)!;
          const c2 = first.get(e.column2)!;
          const target = first.get(e.fixOn)!;
          const both = `${e.column1} (line ${lineNo(c1.range)}) and ${e.column2} (line ${lineNo(c2.range)})`;
          if (e.indicator === 0) {
            report({
              message: `${both} are an NCCI procedure-to-procedure pair with modifier indicator 0 in ${e.source}: no modifier can bypass it, so ${e.column2} (column 2) is not payable with ${e.column1} (column 1) for the same patient, provider and day. Bill one of them, or check the current PTP file.`,
              range: c2.codeRange,
            });
            continue;
          }
          if (e.orderKnown ? distinct(e.column2) : distinct(e.column1) || distinct(e.column2)) continue;
          report({ message: messageFor(e, both, distinct(e.column1)), range: target.codeRange, suggestions: fixes(note, target) });
        }
      }
    }
  },
};

function messageFor(e: PairEdit, both: string, col1HasOne: boolean): string {
  const when = 'Append 59 or XU only if the documentation shows the two were distinct services (NCCI Ch. 11 §P: "performed in different timed intervals"); otherwise bill one of them.';
  switch (e.kind) {
    case 'ptp-97530-97140':
      return `${both} are billed together without ${DISTINCT} on either. Payers edit this NCCI pair, and sources dispute which code is column 2, so a modifier on either code satisfies this check (${e.source}). ${when}`;
    case 'reeval':
      return e.orderKnown
        ? `${both} are billed together, and ${e.column2} carries no 59 or X modifier. NCCI edits pair therapy codes (column 1) with the re-evaluation ${e.column2} (column 2): report the re-evaluation with 59 or XU only when the patient's status has changed (${e.source}).${col1HasOne ? ` The modifier on ${e.column1} does not count: it belongs on the column-2 code.` : ''}`
        : `${both} are billed together without ${DISTINCT} on either. ${e.column1} is not separately reportable with the re-evaluation ${e.column2} by the same practitioner; NCCI does not state the column order, so a modifier on either code satisfies this check (${e.source}). A modifier applies only when the services were distinct (for example, a different specialty performed one).`;
    case 'test-with-eval':
      return `${both} are billed together without ${DISTINCT} on either. ${e.column2} is not separately reportable with an evaluation (${e.column1}) on the same date by the same practitioner or specialty; with different specialties (PT and OT) a modifier applies. NCCI does not state the column order, so a modifier on either code satisfies this check (${e.source}).`;
    default:
      return `${both} are an NCCI procedure-to-procedure pair with modifier indicator 1 in ${e.source}, and ${e.column2} (column 2) carries no 59 or X modifier, so it will be denied.${col1HasOne ? ` The modifier on ${e.column1} does not count: it belongs on the column-2 code.` : ''} ${when}`;
  }
}

/** Quick fixes only: whether the services were distinct is the clinician's attestation, and 59 vs XU their choice. */
function fixes(note: Parameters<typeof addModifierEdit>[0], b: BilledLine): Fix[] {
  return ['59', 'XU'].map((m) => ({ title: `Append ${m} to ${b.code} (line ${lineNo(b.range)})`, edits: [addModifierEdit(note, b, m)] }));
}
