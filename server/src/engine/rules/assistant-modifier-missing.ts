import { addModifierEdit, replaceModifierEdit } from '../edits';
import { ASSISTANT_MODIFIERS, DISCIPLINE_MODIFIERS, isTherapyLine } from '../modifiers';
import { noteProvider } from '../signature';
import { docsUrl, lineNo, type Rule } from '../rule';

/** CQ for physical therapist assistants, CO for occupational therapy assistants (MCPM Ch. 5 §20.1); none for SLPAs. */
const ASSISTANT_MODIFIER = { PT: { mod: 'CQ', pair: 'GP', who: 'physical therapist assistant' }, OT: { mod: 'CO', pair: 'GO', who: 'occupational therapy assistant' } } as const;

/** CQ/CO are required for dates of service from 2020-01-01 (billing-rules.md §5.3). */
const FIRST_DATE = '2020-01-01';

export const rule: Rule = {
  meta: {
    id: 'assistant-modifier-missing',
    docs: docsUrl('assistant-modifier-missing'),
    severity: 'warning',
    description: "The provider is a PTA or OTA and billing lines lack CQ or CO, which the payer profile requires (Medicare: MCPM Ch. 5 §20.1).",
    fixable: true,
    hasSuggestions: true,
  },
  check({ note, settings, payer, report }) {
    if (!payer.requiredModifiers.includes('assistant')) return;
    const { assistantCredential: assistant } = noteProvider(note);
    if (!assistant?.discipline || assistant.discipline === 'SLP') return; // CMS defines no modifier for SLP assistants
    const date = note.frontMatter?.date;
    if (date && date < FIRST_DATE) return;
    const { mod, pair, who: name } = ASSISTANT_MODIFIER[assistant.discipline];
    const who = `${/^[aeiou]/.test(name) ? 'an' : 'a'} ${name}`;
    for (const b of note.billing) {
      if (!isTherapyLine(b, settings.codes) || settings.codes.get(b.code)?.evaluation) continue;
      if (b.modifiers.some((m) => m.value === mod)) continue;
      const other = b.modifiers.find((m) => ASSISTANT_MODIFIERS.has(m.value));
      const edit = other ? replaceModifierEdit(other, mod) : addModifierEdit(note, b, mod, { after: [...DISCIPLINE_MODIFIERS] });
      const fix = { title: other ? `Replace ${other.value} with ${mod}` : `Add ${mod} to ${b.code}`, edits: [edit] };
      const has = other ? ` (it has ${other.value}, the modifier of the other discipline's assistants)` : '';
      report({
        message: `Billing line ${lineNo(b.range)} (${b.code}) has no ${mod}${has}, but the provider is ${who} (${assistant.value}). The \`${payer.name}\` payer profile requires ${mod}, paired with ${pair}, on services ${who} furnished in whole or in part (MCPM Ch. 5 §20.1). If the therapist furnished this service alone, leave it without ${mod} and disable this finding.`,
        range: other?.range ?? b.codeRange,
        fix,
        suggestions: [fix],
      });
    }
  },
};
