import { isoOfDay } from '../dates';
import type { EpisodeRule } from '../episode';
import { spanEdit, spanRange } from '../span';
import { planOf } from '../plan';
import { docsUrl } from '../rule';

export const rule: EpisodeRule = {
  meta: {
    id: 'poc-expired',
    docs: docsUrl('poc-expired'),
    severity: 'error',
    description: 'The note is dated after `poc_end`, or more than 90 days after the plan was certified with no recertification.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ episodes, options, report }) {
    for (const ep of episodes) {
      const plans = planOf(ep.notes);
      for (const n of ep.notes) {
        const plan = plans.get(n);
        if (!plan || n.day === null) continue;
        if (plan.endDay !== null && n.day > plan.endDay) {
          report(n, {
            message: `This note is dated ${n.date}, after the plan of care ended (poc_end ${plan.end}${plan.endFrom === n ? '' : `, in ${plan.endFrom!.label}`}). Services after the plan's end need a new or recertified plan (MBPM Ch. 15 §220.1.3); record the new plan's dates.`,
            range: spanRange(n.ranges.pocEnd ?? n.ranges.date ?? n.ranges.top),
          });
          continue;
        }
        const limit = Number(options(n).recertifyDays ?? 90);
        const last = plan.certifications.filter((c) => c.day <= n.day!).pop();
        if (!last || n.day - last.day <= limit) continue;
        report(n, {
          message: `This note is ${n.day - last.day} days after the plan of care was certified (poc_certified ${last.date}${last.from === n ? '' : `, in ${last.from.label}`}) and no recertification is recorded. A certification covers at most ${limit} days (MBPM Ch. 15 §220.1.3: recertify at least every 90 days); it lapsed after ${isoOfDay(last.day + limit)}. Record the recertification date.`,
          range: spanRange(n.ranges.pocCertified ?? n.ranges.date ?? n.ranges.top),
          suggestions: [{ title: 'Set `poc_certified:` to the recertification date', edits: [spanEdit(n.setPocCertified)] }],
        });
      }
    }
  },
};
