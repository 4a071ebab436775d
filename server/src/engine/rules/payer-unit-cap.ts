import { docsUrl, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'payer-unit-cap',
    docs: docsUrl('payer-unit-cap'),
    severity: 'warning',
    description: "The billed timed units of the day exceed the payer profile's daily unit cap (the built-in `commercial` profile: 4).",
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, settings, payer, report }) {
    const cap = payer.unitCap;
    if (cap === null) return;
    const timed = note.billing.filter((b) => settings.codes.get(b.code)?.timed);
    const total = timed.reduce((a, b) => a + b.units, 0);
    if (total <= cap) return;
    const section = note.sections.find((s) => s.kind === 'billing' && timed.some((b) => b.section === s));
    const codes = [...new Set(timed.map((b) => b.code))].map((c) => `${c} ×${timed.filter((b) => b.code === c).reduce((a, b) => a + b.units, 0)}`).join(', ');
    report({
      message: `Billed timed units total ${total} (${codes}), over the daily cap of ${cap} in the \`${payer.name}\` payer profile. The cap is a payer setting (\`payers.${payer.name}.unitCap\` in .therapy-note-lint.json), not a CMS rule: check this payer's policy. Units over a payer's cap may be denied as not medically necessary.`,
      range: section?.titleRange ?? timed[0].range,
    });
  },
};
