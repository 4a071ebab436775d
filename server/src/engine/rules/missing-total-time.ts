import type { Entry } from '../note';
import { insertParagraphAfter } from '../edits';
import { docsUrl, type Rule } from '../rule';

export const rule: Rule = {
  meta: {
    id: 'missing-total-time',
    docs: docsUrl('missing-total-time'),
    severity: 'warning',
    description: 'Timed codes are documented but the total timed minutes or the total treatment time is not.',
    fixable: true,
    hasSuggestions: true,
  },
  check({ note, analysis, report }) {
    const timedEntries = note.entries.filter((e) => e.timed);
    if (timedEntries.length === 0) return;
    const last: Entry = timedEntries[timedEntries.length - 1];
    const at = last.section.titleRange;
    const insert = (text: string) => insertParagraphAfter(note, last.firstLine, last.form, last.endLine, last.section, text);
    if (!analysis.timedTotal) {
      const n = analysis.timedComplete ? analysis.timedSum : null;
      const edit = insert(`Total timed minutes: ${n ?? '{{minutes}}'}`);
      const fix = n !== null ? { title: `Add "Total timed minutes: ${n}"`, edits: [edit] } : undefined;
      report({
        message: `Timed codes are documented but the note has no total timed minutes. CMS requires them on every Medicare treatment note (MBPM Ch. 15 §220.3 E)${n !== null ? `; the entries add up to ${n}` : ''}.`,
        range: at,
        fix,
        suggestions: [fix ?? { title: 'Add a "Total timed minutes" line', edits: [edit] }],
      });
    }
    if (!analysis.treatmentTotal) {
      const n = analysis.timedComplete && analysis.untimedComplete ? analysis.timedSum + analysis.untimedSum : null;
      report({
        message: `The note has no total treatment time. Document it: timed plus untimed minutes, without rest periods (MBPM Ch. 15 §220.3 E)${n !== null ? `; the entries add up to ${n}` : ''}.`,
        range: at,
        suggestions: [{ title: 'Add a "Total treatment time" line', edits: [insert(`Total treatment time: ${n ?? '{{minutes}}'} min`)] }],
      });
    }
  },
};
