import { REPORT_NOTE_TYPES } from '../frontmatter';
import type { EpisodeNote, EpisodeRule } from '../episode';
import { spanRange } from '../span';
import { docsUrl } from '../rule';


/** A progress-report period starts here: an evaluation, or a report by a therapist (MBPM Ch. 15 §220.3 D). */
export function startsPeriod(n: EpisodeNote): boolean {
  return n.noteType === 'evaluation' || (n.noteType !== null && REPORT_NOTE_TYPES[n.noteType] !== undefined && !n.assistantOnly);
}

export const rule: EpisodeRule = {
  meta: {
    id: 'progress-note-due',
    docs: docsUrl('progress-note-due'),
    severity: 'warning',
    payerScoped: true,
    description: 'The note is the 11th or later treatment day of a progress-report period with no progress report (Medicare: at least one every 10 treatment days).',
    fixable: false,
    hasSuggestions: false,
  },
  check({ episodes, options, report }) {
    for (const ep of episodes) {
      // Treatment days are the distinct dates with a note; the first is day 1 of the first period.
      let periodStart: EpisodeNote | null = null;
      let dayInPeriod = 0;
      let lastDay: number | null = null;
      const dated = ep.notes.filter((n) => n.day !== null);
      for (let i = 0; i < dated.length; ) {
        const day = dated[i].day!;
        let j = i;
        while (j < dated.length && dated[j].day === day) j++;
        const today = dated.slice(i, j);
        i = j;
        if (day === lastDay) continue;
        lastDay = day;
        const starter = today.find(startsPeriod);
        if (starter || periodStart === null) {
          periodStart = starter ?? today[0];
          dayInPeriod = 1;
          continue;
        }
        dayInPeriod++;
        for (const n of today) {
          const limit = Number(options(n).treatmentDays ?? 10);
          if (dayInPeriod <= limit) continue;
          const since = startsPeriod(periodStart)
            ? `the ${periodStart.noteType === 'evaluation' ? 'evaluation' : `${periodStart.noteType} note`} on ${periodStart.date} (${periodStart.label})`
            : `the first note of the episode on ${periodStart.date} (${periodStart.label})`;
          report(n, {
            message: `Treatment day ${dayInPeriod} since ${since} with no progress report. Medicare requires a progress report by the therapist at least once every ${limit} treatment days (MBPM Ch. 15 §220.3 D); a progress, re-evaluation or discharge note written by the therapist starts a new period.`,
            range: spanRange(n.ranges.date ?? n.ranges.top),
          });
        }
      }
    }
  },
};
