import { entryGoalRefs } from '../entry-text';
import { docsUrl, lineNo, type Rule } from '../rule';
import { shortGoal } from './missing-goal-link';

export const rule: Rule = {
  meta: {
    id: 'unknown-goal-reference',
    docs: docsUrl('unknown-goal-reference'),
    severity: 'warning',
    description: 'An intervention refers to a goal id that the note\'s Goals section does not define.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, lines, report }) {
    // Without a Goals section the goals live in the plan of care: nothing to check against.
    if (note.goals.length === 0) return;
    const ids = note.goals.map((g) => g.id);
    for (const e of note.entries) {
      const base = lines.offsetAt(e.range.start);
      for (const ref of entryGoalRefs(e)) {
        if (ids.some((id) => sameGoal(ref.id, id))) continue;
        const range = lines.range(base + ref.start, base + ref.end);
        report({
          message: `${e.code} entry at line ${lineNo(e.designatorRange)} refers to ${e.text.slice(ref.start, ref.end)}, which the Goals section does not define (it defines ${note.goals.map((g) => g.id).join(', ')}).`,
          range,
          suggestions: note.goals.map((g) => ({ title: `Refer to ${g.id}: ${shortGoal(g.text)}`, edits: [{ range, newText: g.id }] })),
        });
      }
    }
  },
};

/** The number of a goal id and its prefix: `LTG12` → ["LTG", "12"]. */
function split(id: string): [string, string] {
  let i = 0;
  while (i < id.length && !(id[i] >= '0' && id[i] <= '9')) i++;
  return [id.slice(0, i), id.slice(i)];
}

/**
 * A reference names a goal when the ids are equal, or when the numbers are equal and one
 * side is the generic "Goal N"/"GN" (goals written as a numbered list under "Long-term
 * goals" are referred to as LTG1 as often as Goal 1).
 */
export function sameGoal(ref: string, goal: string): boolean {
  if (ref === goal) return true;
  const [rp, rn] = split(ref);
  const [gp, gn] = split(goal);
  return rn === gn && (rp === 'G' || gp === 'G');
}
