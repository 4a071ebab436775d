import { explain, explainTotal, totalMinutesReading, unitsForMinutes } from '../billing';
import { setUnitsEdit } from '../edits';
import { docsUrl, lineNo, type Rule } from '../rule';
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
          range: billingSection?.titleRange ?? billedTimed[0].billed[0].range,
          severity: 'warning',
          suggestions: edits.length > 0 ? [{ title: 'Bill by the largest leftover minutes', edits }] : [],
        });
        return;
      }
      let perCode = 0;
      for (const f of billedTimed) {
        const a = f.allocation!;
        const billed = f.billedUnits!;
        if (billed >= a.min && billed <= a.max) continue;
        perCode++;
        const last = f.billed[f.billed.length - 1];
        const want = a.min === a.max ? `×${a.min}` : `×${a.min} or ×${a.max}`;
        const detail = payer.method === 'ama' ? `AMA per-code method: ${f.code} ${explainTotal(a.minutes)}.` : explain(units);
        const one = f.billed.length === 1 ? f.billed[0] : null;
        const edit = (n: number): TextEdit | null => (one && n > 0 ? setUnitsEdit(one, n) : null);
        const fixFor = (n: number): Fix | undefined => {
          const e = edit(n);
          return e ? { title: `Bill ${f.code} ×${n}`, edits: [e] } : undefined;
        };
        const options = a.min === a.max ? [a.min] : [a.min, a.max];
        const suggestions = options.map(fixFor).filter((x): x is Fix => !!x);
        if (one && a.max === 0) suggestions.push({ title: `Remove the ${f.code} billing line (its minutes earn no unit)`, edits: [removeLine(note, one.line)] });
        report({
          message: `${f.code} is billed ×${billed} at line ${lineNo(last.range)}, but its ${fmt(a.minutes)} min support ${want}. ${detail}`,
          range: one?.unitsRange ?? last.range,
          fix: a.min === a.max ? fixFor(a.min) : undefined,
          suggestions,
        });
      }
      if (perCode > 0) return;
      const billedTotal = billedTimed.reduce((s, f) => s + f.billedUnits!, 0);
      const unbilled = [...analysis.codes.values()].some((f) => f.timed && f.entries.length > 0 && f.billed.length === 0 && (f.allocation?.min ?? 0) > 0);
      if (billedTotal === units.totalUnits || unbilled) return; // documented-not-billed explains a shortfall
      report({
        message: `Billed timed units total ${billedTotal}, but the documented timed minutes support ${units.totalUnits}. ${explain(units)}`,
        range: billingSection?.titleRange ?? billedTimed[0].billed[0].range,
      });
      return;
    }

    // Minutes are missing on some entries. Per code, each code with its minutes stands alone.
    if (payer.method === 'ama') {
      for (const f of billedTimed) {
        if (f.minutes === null) continue;
        const want = unitsForMinutes(f.minutes);
        if (f.billedUnits === want) continue;
        const one = f.billed.length === 1 ? f.billed[0] : null;
        const e = one && want > 0 ? setUnitsEdit(one, want) : null;
        const fix = e ? { title: `Bill ${f.code} ×${want}`, edits: [e] } : undefined;
        report({
          message: `${f.code} is billed ×${f.billedUnits} at line ${lineNo(f.billed[f.billed.length - 1].range)}, but its ${fmt(f.minutes)} min support ×${want}. AMA per-code method: ${f.code} ${explainTotal(f.minutes)}.`,
          range: one?.unitsRange ?? f.billed[f.billed.length - 1].range,
          fix,
          suggestions: fix ? [fix] : [],
        });
      }
      return;
    }
    // Under CMS the day's documented total still bounds the units.
    if (!analysis.timedTotal) return;
    const total = analysis.timedTotal.value;
    const expected = unitsForMinutes(total);
    // Codes billed without any entry are billed-not-documented's; they are left out here.
    const billedTotal = billedTimed.reduce((s, f) => s + f.billedUnits!, 0);
    if (billedTotal === expected) return;
    report({
      message: `Billed timed units total ${billedTotal}, but the documented total timed minutes support ${expected}: CMS total-time method: ${explainTotal(total)}.`,
      range: billingSection?.titleRange ?? billedTimed[0].billed[0].range,
    });
  },
};

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function removeLine(note: import('../note').NoteModel, line: number): TextEdit {
  const next = line + 1 < note.lines.lineCount ? { line: line + 1, character: 0 } : { line, character: note.lines.ends[line] - note.lines.starts[line] };
  const start = line + 1 < note.lines.lineCount || line === 0 ? { line, character: 0 } : { line: line - 1, character: note.lines.ends[line - 1] - note.lines.starts[line - 1] };
  return { range: { start, end: next }, newText: '' };
}
