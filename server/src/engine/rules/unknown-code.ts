import { docsUrl, lineNo, type Rule } from '../rule';
import type { Range } from '../types';

export const rule: Rule = {
  meta: {
    id: 'unknown-code',
    docs: docsUrl('unknown-code'),
    severity: 'warning',
    description: 'A code in an intervention or billing position is not in the code table (a typo such as 9753).',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, settings, report }) {
    const flag = (code: string, range: Range, where: string) => {
      const near = settings.codes.nearest(code);
      const hint = near.length > 0 ? ` Did you mean ${near.length === 1 ? near[0] : near.slice(0, -1).join(', ') + ' or ' + near[near.length - 1]}?` : '';
      report({
        message: `${code} ${where} at line ${lineNo(range)} is not a known CPT/HCPCS code.${hint} A code your clinic uses can be added under \`codes\` in .therapy-note-lint.json.`,
        range,
        suggestions: near.map((c) => ({ title: `Change to ${c} (${settings.codes.get(c)!.label})`, edits: [{ range, newText: c }] })),
      });
    };
    for (const e of note.entries) if (e.unknownCode) flag(e.unknownCode.code, e.unknownCode.range, 'in the entry');
    for (const b of note.billing) if (!b.known) flag(b.code, b.codeRange, 'on the billing line');
  },
};
