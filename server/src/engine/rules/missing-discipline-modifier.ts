import { addModifierEdit } from '../edits';
import { lineDiscipline, ASSISTANT_MODIFIERS, DISCIPLINE_MODIFIER, DISCIPLINE_MODIFIERS, disciplineName, isTherapyLine } from '../modifiers';
import { noteProvider } from '../signature';
import { docsUrl, lineNo, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'missing-discipline-modifier',
    docs: docsUrl('missing-discipline-modifier'),
    severity: 'error',
    description: "A billing line of a therapy code lacks GP, GO or GN, which the payer profile requires (Medicare: MCPM Ch. 5 §20.1).",
    fixable: true,
    hasSuggestions: true,
  },
  check({ note, settings, payer, report }) {
    if (!payer.requiredModifiers.includes('discipline')) return;
    const lines = note.billing.filter((b) => isTherapyLine(b, settings.codes) && !b.modifiers.some((m) => DISCIPLINE_MODIFIERS.has(m.value)));
    if (lines.length === 0) return;
    const { discipline, disciplineSource } = noteProvider(note);
    for (const b of lines) {
      const d = lineDiscipline(b.code, discipline);
      if (d === undefined) continue;
      const where = `Billing line ${lineNo(b.range)} (${b.code}) has no GP, GO or GN modifier.`;
      if (!d) {
        report({
          message: `${where} The \`${payer.name}\` payer profile requires the modifier of the plan of care on every therapy line: GP physical therapy, GO occupational therapy, GN speech-language pathology (MCPM Ch. 5 §20.1). Add the right one, or set \`discipline:\` in the front matter so the fix can add it.`,
          range: b.codeRange,
        });
        continue;
      }
      const mod = DISCIPLINE_MODIFIER[d];
      const why = discipline
        ? `the note's discipline is ${discipline} (${disciplineSource === 'front matter' ? 'front matter `discipline`' : "the provider's credentials"})`
        : `${b.code} is ${d === 'OT' ? 'an' : 'a'} ${d} evaluation`;
      const fix = { title: `Add ${mod} to ${b.code}`, edits: [addModifierEdit(note, b, mod, { before: [...ASSISTANT_MODIFIERS] })] };
      report({
        message: `${where} Add ${mod}: ${why}, and the \`${payer.name}\` payer profile requires the modifier of the plan of care on every therapy line (${mod}: ${disciplineName(d)}; MCPM Ch. 5 §20.1).`,
        range: b.codeRange,
        fix,
        suggestions: [fix],
      });
    }
  },
};
