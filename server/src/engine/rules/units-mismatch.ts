import type { CodeFacts } from '../analysis';
import { explain, explainTotal, formatMinutes, totalMinutesReading, unitsForMinutes } from '../billing';
import { setUnitsEdit } from '../edits';
import type { NoteModel } from '../note';
import { docsUrl, lineNo, type Report, type Rule } from '../rule';
import type { Fix, TextEdit } from '../types';

export const rule: Rule = {
  meta: {
    id: 'units-mismatch',
    docs: docsUrl('units-mismatch'),
    severity: 'error',
    description: "Billed units for a code differ from the units its minutes earn under the payer's counting method (CMS 8-minute rule or AMA per code).",
    fixable: true,
    hasSuggestions: true,
  },
  check({ note, analysis, report }) {
    const { units, payer } = analysis;
    // Billed timed codes that are documented; undocumented ones are billed-not-documented's.
    const billedTimed = [...analysis.codes.values()].filter((f) => f.timed && f.billed.length > 0 && f.entries.length > 0);
    if (billedTimed.length === 0) return;
    const billingSection = note.sections.find((s) => s.kind === 'billing');
    const dayRange = billingSection?.titleRange ?? billedTimed[0].billed[0].range;

    if (units) {
      // billing-rules.md §1.5: billed by total minutes where a code with no leftover minutes
      // takes the remaining unit. No CMS example shows this case: a warning, never a fix.
      const alt = totalMinutesReading(units);
      if (alt && units.codes.every((c) => (analysis.codes.get(c.code)?.billedUnits ?? 0) === alt.get(c.code))) {
        const edits = billedTimed
          .filter((f) => f.billed.length === 1 && f.billedUnits !== f.allocation!.units && f.allocation!.units > 0)
          .map((f) => setUnitsEdit(f.billed[0], f.allocation!.units))
          .filter((e): e is TextEdit => e !== null);
        report({
          message: `The billed units give the remaining unit to the code with the most total minutes (${units.codes.filter((c) => alt.get(c.code)! > c.full).map((c) => c.code).join(', ')}), the literal wording of CMS Example 4. CMS's worked examples give it to the largest leftover minutes instead (Example 3). No CMS example covers a code with no leftover minutes; check with the payer. ${explain(units)}`,
          range: dayRange,
          severity: 'warning',
          suggestions: edits.length > 0 ? [{ title: 'Bill by the largest leftover minutes', edits }] : [],
        });
        return;
      }
      let perCode = 0;
      for (const f of billedTimed) {
        const a = f.allocation!;
        if (f.billedUnits! >= a.min && f.billedUnits! <= a.max) continue;
        perCode++;
        const detail = payer.method === 'ama' ? `AMA per-code method: ${f.code} ${explainTotal(a.minutes)}.` : explain(units);
        report(codeReport(note, f, a.min, a.max, a.minutes, detail));
      }
      if (perCode > 0) return;
      const billedTotal = billedTimed.reduce((s, f) => s + f.billedUnits!, 0);
      const unbilled = [...analysis.codes.values()].some((f) => f.timed && f.entries.length > 0 && f.billed.length === 0 && (f.allocation?.min ?? 0) > 0);
      if (billedTotal === units.totalUnits || unbilled) return; // documented-not-billed explains a shortfall
      report({ message: `Billed timed units total ${billedTotal}, but the documented timed minutes support ${units.totalUnits}. ${explain(units)}`, range: dayRange });
      return;
    }

    // Minutes are missing on some entries. Per code, each code with its minutes stands alone.
    if (payer.method === 'ama') {
      for (const f of billedTimed) {
        if (f.minutes === null) continue;
        const want = unitsForMinutes(f.minutes);
        if (f.billedUnits !== want) report(codeReport(note, f, want, want, f.minutes, `AMA per-code method: ${f.code} ${explainTotal(f.minutes)}.`));
      }
      return;
    }
    // Under CMS the day's documented total still bounds the units. Codes billed without any
    // entry are billed-not-documented's; they are left out here.
    if (!analysis.timedTotal) return;
    const total = analysis.timedTotal.value;
    const expected = unitsForMinutes(total);
    const billedTotal = billedTimed.reduce((s, f) => s + f.billedUnits!, 0);
    if (billedTotal === expected) return;
    report({
      message: `Billed timed units total ${billedTotal}, but the documented total timed minutes support ${expected}: CMS total-time method: ${explainTotal(total)}.`,
      range: dayRange,
    });
  },
};

/** A code billed outside the units [min, max] its minutes allow: the message, the fix (one right answer) and the choices. */
function codeReport(note: NoteModel, f: CodeFacts, min: number, max: number, minutes: number, detail: string): Report {
  const last = f.billed[f.billed.length - 1];
  const one = f.billed.length === 1 ? f.billed[0] : null;
  const fixFor = (n: number): Fix | undefined => {
    const e = one && n > 0 ? setUnitsEdit(one, n) : null;
    return e ? { title: `Bill ${f.code} ×${n}`, edits: [e] } : undefined;
  };
  const suggestions = (min === max ? [min] : [min, max]).map(fixFor).filter((x): x is Fix => !!x);
  if (one && max === 0) suggestions.push({ title: `Remove the ${f.code} billing line (its minutes earn no unit)`, edits: [removeLine(note, one.line)] });
  return {
    message: `${f.code} is billed ×${f.billedUnits} at line ${lineNo(last.range)}, but its ${formatMinutes(minutes)} min support ${min === max ? `×${min}` : `×${min} or ×${max}`}. ${detail}`,
    range: one?.unitsRange ?? last.range,
    fix: min === max ? fixFor(min) : undefined,
    suggestions,
  };
}

/** Deletes line `n` with its line break. */
function removeLine(note: NoteModel, n: number): TextEdit {
  const { lines } = note;
  const last = n + 1 >= lines.lineCount;
  const start = last && n > 0 ? { line: n - 1, character: lines.ends[n - 1] - lines.starts[n - 1] } : { line: n, character: 0 };
  const end = last ? { line: n, character: lines.ends[n] - lines.starts[n] } : { line: n + 1, character: 0 };
  return { range: { start, end }, newText: '' };
}
