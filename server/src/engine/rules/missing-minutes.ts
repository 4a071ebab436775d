import { docsUrl, lineNo, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'missing-minutes',
    docs: docsUrl('missing-minutes'),
    severity: 'error',
    description: 'A timed-code intervention has no minutes written next to its code or name.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, report }) {
    for (const e of note.entries) {
      if (!e.timed || e.minutes !== null) continue;
      report({
        message: `${e.code} entry at line ${lineNo(e.designatorRange)} has no minutes. ${e.code} is a timed code: write its time next to the code or name, such as "${e.code} — 23 min" or "10:05–10:28".`,
        range: e.designatorRange,
        suggestions: [
          {
            title: `Add the minutes of this ${e.code} entry`,
            edits: [{ range: { start: e.designatorRange.end, end: e.designatorRange.end }, newText: ' ({{minutes}} min)' }],
          },
        ],
      });
    }
  },
};
