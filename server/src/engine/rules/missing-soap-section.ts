import type { Soap } from '../note';
import { docsUrl, type Rule } from '../rule';
import { insertSection, SOAP_NAMES } from '../soap-insert';

const ORDER: Soap[] = ['S', 'O', 'A', 'P'];

export const rule: Rule = {
  meta: {
    id: 'missing-soap-section',
    docs: docsUrl('missing-soap-section'),
    severity: 'warning',
    description: 'A daily or progress note lacks one of the Subjective, Objective, Assessment and Plan sections.',
    fixable: true,
    hasSuggestions: false,
  },
  check({ note, report }) {
    const type = note.frontMatter?.noteType;
    // Evaluations, re-evaluations and discharge summaries have their own structure.
    if (type !== undefined && type !== 'daily' && type !== 'progress') return;
    const kind = type === 'progress' ? 'Progress note' : 'Daily note';
    for (const soap of ORDER) {
      if (note.soapKinds.has(soap)) continue;
      const ins = insertSection(note, soap);
      report({
        message: `${kind} has no ${SOAP_NAMES[soap]} (${soap}) section: a daily or progress note documents Subjective, Objective, Assessment and Plan.`,
        range: ins.anchor,
        ...(ins.edit ? { fix: { title: `Add the ${SOAP_NAMES[soap]} section`, edits: [ins.edit] } } : {}),
      });
    }
  },
};
