import { setTotalEdit } from '../edits';
import { docsUrl, lineNo, type Rule } from '../rule';
import { untimedCountedInTotal } from './untimed-code-units';

export const rule: Rule = {
  meta: {
    id: 'total-time-mismatch',
    docs: docsUrl('total-time-mismatch'),
    severity: 'error',
    description: 'The documented total timed minutes differ from the sum of the timed entries, or the total treatment time is less than the timed minutes.',
    fixable: true,
    hasSuggestions: true,
  },
  check({ analysis, report }) {
    const { timedTotal, treatmentTotal, timedSum, timedComplete } = analysis;
    const parts = analysis.timedCodes.filter((f) => f.minutes !== null).map((f) => `${f.code} ${f.minutes}`).join(' + ');
    if (timedTotal && analysis.timedCodes.length > 0 && !untimedCountedInTotal(analysis)) {
      if (timedComplete && timedSum !== timedTotal.value) {
        const fix = { title: `Set total timed minutes to ${timedSum}`, edits: [setTotalEdit(timedTotal, timedSum)] };
        report({
          message: `Total timed minutes at line ${lineNo(timedTotal.range)} says ${timedTotal.value}, but the timed entries add up to ${timedSum} (${parts}).`,
          range: timedTotal.range,
          fix,
          suggestions: [fix],
        });
      } else if (!timedComplete && timedSum > timedTotal.value) {
        report({
          message: `Total timed minutes at line ${lineNo(timedTotal.range)} says ${timedTotal.value}, but the timed entries with minutes already add up to ${timedSum} (${parts}).`,
          range: timedTotal.range,
        });
      }
    }
    if (treatmentTotal) {
      // The timed minutes: the entries' when all have minutes (a wrong written total is
      // reported above), else the written total.
      const timed = timedComplete ? timedSum : Math.max(timedSum, timedTotal?.value ?? 0);
      const floor = timed + (analysis.untimedComplete ? analysis.untimedSum : 0);
      if (treatmentTotal.value < floor) {
        const untimed = analysis.untimedComplete && analysis.untimedSum > 0 ? ` plus ${analysis.untimedSum} untimed` : '';
        report({
          message: `Total treatment time at line ${lineNo(treatmentTotal.range)} says ${treatmentTotal.value} min, less than the ${timed} timed minutes${untimed} it must include.`,
          range: treatmentTotal.range,
          suggestions: [{ title: `Set total treatment time to ${floor}`, edits: [setTotalEdit(treatmentTotal, floor)] }],
        });
      }
    }
  },
};
