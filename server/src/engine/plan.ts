/**
 * The plan of care each note of an episode is under (note-format.md `poc_start`,
 * `poc_certified`, `poc_end`). A note's own keys win; a key it does not give is carried
 * from the latest earlier note of the same plan. A plan is known by its start date.
 * Certification dates are gathered from every note of the plan, earlier or later: a
 * certification recorded on a later note still certifies the plan (MBPM Ch. 15 §220.1.3
 * allows delayed certification).
 */
import { dayNumber } from './dates';
import type { EpisodeNote } from './episode';

export interface Certification {
  date: string;
  day: number;
  from: EpisodeNote;
}

export interface Plan {
  start: string;
  startDay: number;
  startFrom: EpisodeNote;
  end: string | null;
  endDay: number | null;
  endFrom: EpisodeNote | null;
  /** Distinct certification dates of the plan, in order (shared by all notes of the plan). */
  certifications: Certification[];
}

/** The plan of each dated note of an episode (notes in order); notes under no known plan are absent. */
export function planOf(notes: readonly EpisodeNote[]): Map<EpisodeNote, Plan> {
  const out = new Map<EpisodeNote, Plan>();
  const byStart = new Map<string, Plan>();
  let current: Plan | null = null;
  for (const n of notes) {
    if (n.day === null) continue;
    if (n.pocStart && (!current || current.start !== n.pocStart)) {
      current = byStart.get(n.pocStart) ?? { start: n.pocStart, startDay: dayNumber(n.pocStart), startFrom: n, end: null, endDay: null, endFrom: null, certifications: [] };
      byStart.set(n.pocStart, current);
    }
    if (!current) continue;
    if (n.pocEnd) {
      current.end = n.pocEnd;
      current.endDay = dayNumber(n.pocEnd);
      current.endFrom = n;
    }
    if (n.pocCertified && !current.certifications.some((c) => c.date === n.pocCertified)) {
      current.certifications.push({ date: n.pocCertified, day: dayNumber(n.pocCertified), from: n });
      current.certifications.sort((a, b) => a.day - b.day);
    }
    // The end as known at this note (carried forward only); certifications are the plan's own list.
    out.set(n, { ...current });
  }
  return out;
}
