import type { Analysis } from '../analysis';
import { setTotalEdit, setUnitsEdit } from '../edits';
import { docsUrl, lineNo, type Rule } from '../rule';

/** The documented total timed minutes equal the timed entries plus the untimed ones. */
export function untimedCountedInTotal(a: Analysis): boolean {
  return !!a.timedTotal && a.timedComplete && a.untimedSum > 0 && a.timedTotal.value !== a.timedSum && a.timedTotal.value === a.timedSum + a.untimedSum;
}

export const rule: Rule = {
  meta: {
    id: 'untimed-code-units',
    docs: docsUrl('untimed-code-units'),
    severity: 'error',
    description: 'An untimed (service-based) code is billed with more than one unit, or its minutes are counted in the total timed minutes.',
    fixable: true,
    hasSuggestions: true,
  },
  check({ analysis, report }) {
    for (const f of analysis.codes.values()) {
      if (!f.info || f.timed || f.info.perArea || f.billed.length === 0) continue;
      if (f.billed.length === 1 && f.billed[0].units > 1) {
        const b = f.billed[0];
        const e = setUnitsEdit(b, 1);
        const fix = e ? { title: `Bill ${f.code} ×1`, edits: [e] } : undefined;
        report({
          message: `${f.code} (${f.info.label}) is an untimed code, billed once a day whatever its length, but line ${lineNo(b.range)} bills ×${b.units} (MCPM Ch. 5 §20.2 B).`,
          range: b.unitsRange ?? b.range,
          fix,
          suggestions: fix ? [fix] : [],
        });
      } else if (f.billed.length > 1) {
        for (const b of f.billed.slice(1)) {
          report({
            message: `${f.code} (${f.info.label}) is an untimed code, billed once a day, but line ${lineNo(b.range)} bills it again (MCPM Ch. 5 §20.2 B).`,
            range: b.range,
          });
        }
      }
    }
    if (untimedCountedInTotal(analysis)) {
      const t = analysis.timedTotal!;
      const untimed = [...analysis.codes.values()].filter((f) => !f.timed && f.info && f.minutes).map((f) => `${f.code} ${f.minutes}`).join(', ');
      const fix = { title: `Set total timed minutes to ${analysis.timedSum}`, edits: [setTotalEdit(t, analysis.timedSum)] };
      report({
        message: `Total timed minutes at line ${lineNo(t.range)} (${t.value}) counts the minutes of untimed codes (${untimed}); only timed codes count, so it should be ${analysis.timedSum}. Untimed minutes belong in the total treatment time (MCPM Ch. 5 §20.2 C).`,
        range: t.range,
        fix,
        suggestions: [fix],
      });
    }
  },
};
