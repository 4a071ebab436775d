import { documentedService, entryText, rangeIn } from '../entry-text';
import { docsUrl, lineNo, quote, type Rule } from '../rule';
import { PhraseSet } from '../vocab';

/** Words that describe group or concurrent treatment (billing-rules.md §7). */
const GROUP = new PhraseSet([
  'group', 'groups', 'group therapy', 'group session', 'group class', 'circuit class', 'concurrent therapy',
  'concurrent treatment', 'concurrent session', 'concurrently with', 'treated concurrently', 'seen concurrently',
  'concurrent with another', '# patients', '# pts', '# other patients', 'two patients', 'three patients',
  'four patients', 'another patient', 'other patients', 'simultaneously with',
]);
/** "muscle groups", "support group", "age group" are not group treatment. */
const NOT_BEFORE = new Set(['muscle', 'muscles', 'support', 'age', 'peer', 'major', 'large', 'small', 'blood', 'food']);

export const rule: Rule = {
  meta: {
    id: 'group-under-individual-code',
    docs: docsUrl('group-under-individual-code'),
    severity: 'error',
    description: 'A one-on-one timed code is documented as group or concurrent treatment; that time is billed as 97150 (group therapy).',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, settings, report }) {
    for (const e of note.entries) {
      if (!e.timed || !documentedService(e, settings.codes)) continue;
      const t = entryText(note, e, settings.codes);
      for (const h of GROUP.findAll(t.tokens)) {
        const first = t.tokens[h.first].w;
        if ((first === 'group' || first === 'groups') && h.first > 0 && NOT_BEFORE.has(t.tokens[h.first - 1].w)) continue;
        if ((first === 'group' || first === 'groups') && t.tokens[h.last + 1]?.w === 'of' && t.tokens[h.last + 2]?.w.startsWith('muscle')) continue;
        const phrase = t.text.slice(h.start, h.end);
        report({
          message: `${e.code} entry at line ${lineNo(e.designatorRange)} describes group or concurrent treatment (${quote(phrase)}). ${e.code} is a one-on-one code; treating two or more patients at the same time is billed as 97150 (group therapy), one unit per session.`,
          range: rangeIn(note, t, h.start, h.end),
        });
        break;
      }
    }
  },
};
