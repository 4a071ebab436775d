import { addBillingLineEdit } from '../edits';
import { docsUrl, lineNo, type Rule } from '../rule';

const NOTE_LEVEL = ['GP', 'GO', 'GN', 'CQ', 'CO'];
const DISCIPLINE_MODIFIER = { PT: 'GP', OT: 'GO', SLP: 'GN' } as const;

export const rule: Rule = {
  meta: {
    id: 'documented-not-billed',
    docs: docsUrl('documented-not-billed'),
    severity: 'info',
    description: 'A documented timed intervention is not on the billing lines although the note has a Billing section.',
    // Adding a charge is the clinician's call (a service may be deliberately unbilled), so
    // it is a quick fix to choose, never applied by --fix.
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, analysis, payer, report }) {
    const section = note.sections.find((s) => s.kind === 'billing');
    if (!section) return;
    const billedKnown = note.billing.filter((b) => b.known);
    // Modifiers every existing line carries (GP, CQ, …) go on the new line too.
    let mods = NOTE_LEVEL.filter((m) => billedKnown.length > 0 && billedKnown.every((b) => b.modifiers.some((x) => x.value === m)));
    if (billedKnown.length === 0 && payer.requiredModifiers.includes('discipline') && note.frontMatter?.discipline) {
      mods = [DISCIPLINE_MODIFIER[note.frontMatter.discipline]];
    }
    for (const f of analysis.codes.values()) {
      if (!f.timed || f.entries.length === 0 || f.billed.length > 0) continue;
      const a = f.allocation;
      if (a && a.min === 0) continue; // its minutes earn no unit it must bill (CMS Example 4)
      const e = f.entries[0];
      const units = a ? a.min : null;
      const edit = addBillingLineEdit(note, section, f.code, units ?? 1, mods);
      if (units === null) edit.newText = edit.newText.replace(/ x1\b/, ' x{{units}}');
      const title = a && a.min === a.max ? `Bill ${f.code} ×${units}` : `Add a billing line for ${f.code}`;
      report({
        message: `${f.code} entry at line ${lineNo(e.range)} is documented but not billed${units ? `; its minutes earn ×${units}` : ''}. Add it to the billing lines, or say why it is not billed.`,
        range: e.designatorRange,
        suggestions: [{ title, edits: [edit] }],
      });
    }
  },
};
