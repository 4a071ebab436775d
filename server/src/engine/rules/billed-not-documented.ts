import { docsUrl, lineNo, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'billed-not-documented',
    docs: docsUrl('billed-not-documented'),
    severity: 'error',
    description: 'A billed code has no documented intervention in the note.',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, analysis, report }) {
    const evaluationNote = note.frontMatter?.noteType === 'evaluation' || note.frontMatter?.noteType === 're-evaluation';
    for (const f of analysis.codes.values()) {
      if (!f.info || f.entries.length > 0 || f.billed.length === 0) continue;
      // An evaluation note is itself the documentation of its evaluation code.
      if (f.info.evaluation && evaluationNote) continue;
      for (const b of f.billed) {
        report({
          message: `${b.code} is billed at line ${lineNo(b.range)}, but no intervention in Objective or Interventions documents it. Document what was done (task, minutes, goal) or remove the charge.`,
          range: b.range,
        });
      }
    }
  },
};
