import { appendToEntry, documentedService, entryGoalRefs, entryText } from '../entry-text';
import { docsUrl, lineNo, type Rule } from '../rule';
import { phraseOption, PhraseSet, PURPOSE_PHRASES } from '../vocab';

/** At most this many characters of a goal's text in a fix title. */
const TITLE_TEXT = 60;

export function shortGoal(text: string): string {
  const t = text.trim();
  if (t.length <= TITLE_TEXT) return t;
  const cut = t.lastIndexOf(' ', TITLE_TEXT - 1);
  return `${t.slice(0, cut > TITLE_TEXT / 2 ? cut : TITLE_TEXT - 1).trimEnd()}…`;
}

export const rule: Rule = {
  meta: {
    id: 'missing-goal-link',
    docs: docsUrl('missing-goal-link'),
    severity: 'warning',
    description: 'An intervention names neither a goal (LTG1, STG 2, Goal 3) nor the functional purpose it serves ("to improve … for safe …").',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, settings, options, report }) {
    const purposes = PhraseSet.of(phraseOption(options, 'purposePhrases', 'addPurposePhrases', PURPOSE_PHRASES));
    for (const e of note.entries) {
      if (!documentedService(e, settings.codes)) continue;
      if (entryGoalRefs(e).length > 0) continue;
      const t = entryText(note, e, settings.codes);
      const hits = purposes.findAll(t.tokens);
      // A purpose clause counts when a task follows it.
      if (hits.some((h) => h.last + 1 < t.tokens.length)) continue;
      const suggestions = note.goals.map((g) => ({
        title: `Link to ${g.id}: ${shortGoal(g.text)}`,
        edits: [appendToEntry(note, e, ` (${g.id})`)],
      }));
      if (suggestions.length === 0) suggestions.push({ title: 'Add the goal this serves', edits: [appendToEntry(note, e, ' ({{goal}})')] });
      report({
        message: `${e.code} entry at line ${lineNo(e.designatorRange)} names no goal: add the goal id it works toward (such as "(LTG1)") or its functional purpose ("to improve … for safe …").`,
        range: e.designatorRange,
        suggestions,
      });
    }
  },
};
