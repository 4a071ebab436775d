import { removeModifierEdit, replaceModifierEdit } from '../edits';
import { lineDiscipline, DISCIPLINE_MODIFIER, disciplineName, isTherapyLine, MODIFIER_DISCIPLINE } from '../modifiers';
import { noteProvider } from '../signature';
import { docsUrl, lineNo, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'discipline-modifier-mismatch',
    docs: docsUrl('discipline-modifier-mismatch'),
    severity: 'error',
    description: "A billing line's GP, GO or GN modifier contradicts the note's discipline (GO on a physical therapy note).",
    fixable: true,
    hasSuggestions: true,
  },
  check({ note, settings, report }) {
    const lines = note.billing.filter((b) => isTherapyLine(b, settings.codes) && b.modifiers.some((m) => MODIFIER_DISCIPLINE[m.value]));
    if (lines.length === 0) return;
    const { discipline, disciplineSource } = noteProvider(note);
    for (const b of lines) {
      const d = lineDiscipline(b.code, discipline);
      if (d === undefined) continue;
      if (!d) continue;
      const want = DISCIPLINE_MODIFIER[d];
      const why = discipline
        ? `the note's discipline is ${discipline} (${disciplineSource === 'front matter' ? 'front matter `discipline`' : "the provider's credentials"})`
        : `${b.code} is ${d === 'OT' ? 'an' : 'a'} ${d} evaluation`;
      let hasWanted = b.modifiers.some((m) => m.value === want);
      for (const m of b.modifiers) {
        const md = MODIFIER_DISCIPLINE[m.value];
        if (!md || md === d) continue;
        const where = `Billing line ${lineNo(b.range)} (${b.code}) has ${m.value} (${disciplineName(md)})`;
        if (hasWanted) {
          const fix = { title: `Remove ${m.value} from ${b.code}`, edits: [removeModifierEdit(note, m)] };
          report({
            message: `${where} as well as ${want}, but ${why}. A line takes one of GP, GO and GN, for the plan of care the service is under (MCPM Ch. 5 §20.1): remove ${m.value}.`,
            range: m.range,
            fix,
            suggestions: [fix],
          });
        } else {
          const fix = { title: `Replace ${m.value} with ${want}`, edits: [replaceModifierEdit(m, want)] };
          report({
            message: `${where}, but ${why}: ${disciplineName(d)} services take ${want} (MCPM Ch. 5 §20.1). Replace ${m.value} with ${want}.`,
            range: m.range,
            fix,
            suggestions: [fix],
          });
          hasWanted = true; // a second wrong modifier on the line is then removed
        }
      }
    }
  },
};
