import { planOf } from '../plan';
import type { EpisodeRule } from '../episode';
import { spanEdit, spanRange } from '../span';
import { docsUrl } from '../rule';

export const rule: EpisodeRule = {
  meta: {
    id: 'poc-not-certified',
    docs: docsUrl('poc-not-certified'),
    severity: 'warning',
    payerScoped: true,
    description: 'The note is dated more than 30 days after `poc_start` and the plan of care has no `poc_certified` date.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ episodes, options, report }) {
    for (const ep of episodes) {
      const plans = planOf(ep.notes);
      for (const n of ep.notes) {
        const plan = plans.get(n);
        if (!plan || n.day === null || plan.certifications.length > 0) continue;
        const days = Number(options(n).days ?? 30);
        const after = n.day - plan.startDay;
        if (after <= days) continue;
        report(n, {
          message: `This note is ${after} days after the plan of care started (poc_start ${plan.start}${plan.startFrom === n ? '' : `, in ${plan.startFrom.label}`}) and no note of this plan gives a certification date (poc_certified). Medicare requires the physician's or NPP's certification within ${days} days of the first treatment (MBPM Ch. 15 §220.1.3); record the date it was signed.`,
          range: spanRange(n.ranges.pocStart ?? n.ranges.date ?? n.ranges.top),
          suggestions: [{ title: 'Add `poc_certified:` to the front matter', edits: [spanEdit(n.setPocCertified)] }],
        });
      }
    }
  },
};
