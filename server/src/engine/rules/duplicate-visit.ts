import type { EpisodeNote, EpisodeRule } from '../episode';
import { spanRange } from '../span';
import { groupBy } from '../episode-group';
import { docsUrl } from '../rule';

export const rule: EpisodeRule = {
  meta: {
    id: 'duplicate-visit',
    docs: docsUrl('duplicate-visit'),
    severity: 'warning',
    description: "Two notes of one patient (and discipline) share a date or a visit number.",
    fixable: false,
    hasSuggestions: false,
  },
  check({ episodes, report }) {
    for (const ep of episodes) {
      const who = `${ep.patient}${ep.discipline ? ` (${ep.discipline})` : ''}`;
      const byDate = groupBy(ep.notes, (n) => n.date);
      // Visit numbers count the treatment days of an episode of care: they start again at
      // each evaluation (a new episode, e.g. after a discharge and a new referral).
      const segment = new Map<EpisodeNote, number>();
      let seg = 0;
      ep.notes.forEach((n, i) => {
        if (n.noteType === 'evaluation' && i > 0) seg++;
        segment.set(n, seg);
      });
      const byVisit = groupBy(ep.notes, (n) => (n.visit === null ? null : `${segment.get(n)}|${n.visit}`));
      for (const n of ep.notes) {
        const sameDate = n.date === null ? [] : byDate.get(n.date)!.filter((o) => o !== n);
        if (sameDate.length > 0) {
          report(n, {
            message: `Another note of ${who} has the same date, ${n.date}: ${names(sameDate)}. A treatment day has one note per discipline; a second one counts the visit twice (for progress reports) and may bill the day twice. Merge the notes or correct the date.`,
            range: spanRange(n.ranges.date ?? n.ranges.top),
          });
        }
        const sameVisit = n.visit === null ? [] : byVisit.get(`${segment.get(n)}|${n.visit}`)!.filter((o) => o !== n && !sameDate.includes(o));
        if (sameVisit.length > 0) {
          report(n, {
            message: `Another note of ${who} has the same visit number, ${n.visit}: ${names(sameVisit)}. Each treatment day of an episode has its own visit number; correct the number or remove the duplicate note.`,
            range: spanRange(n.ranges.visit ?? n.ranges.top),
          });
        }
      }
    }
  },
};

function names(notes: EpisodeNote[]): string {
  return notes.map((n) => n.label).join(', ');
}
