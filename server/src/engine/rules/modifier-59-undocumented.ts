import { entriesNaming, entryClockSpans, overlaps, regionsIn, separateRegions } from '../distinct';
import { pairEdits, ptpDate } from '../ncci';
import type { Entry, NoteModel } from '../note';
import { docsUrl, lineNo, type Rule } from '../rule';

/**
 * The modifiers whose criteria one note's entries can show: 59, XE (a separate encounter:
 * separate times), XS (a separate structure: another body region), XU (non-overlapping
 * services). XP (another practitioner) is not something the note's entries show.
 */
const CHECKED = new Set(['59', 'XE', 'XS', 'XU']);
const HOW = 'Write each code in its own entry with its own minutes or clock times (NCCI Ch. 11 §P: "performed in different timed intervals"), or name the separate body region each treated; the record must support the modifier (NCCI Ch. 1 §E).';

interface Docs {
  own: Entry[];
  combined: Entry[];
}

export const rule: Rule = {
  meta: {
    id: 'modifier-59-undocumented',
    docs: docsUrl('modifier-59-undocumented'),
    severity: 'warning',
    description: 'A 59, XE, XS or XU modifier is billed, but the entries do not show separate time or a separate body region for the two services.',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, settings, report }) {
    const timed = (code: string) => !!settings.codes.get(code)?.timed;
    const billedTimed = [...new Set(note.billing.filter((b) => timed(b.code)).map((b) => b.code))];
    const docs = new Map<string, Docs>(billedTimed.map((c) => [c, entriesNaming(note, c)]));
    const documented = (c: string) => docs.get(c)!.own.length + docs.get(c)!.combined.length > 0;
    const date = ptpDate(note.frontMatter?.date);
    const reported = new Set<string>();
    for (const b of note.billing) {
      const m = b.modifiers.find((x) => CHECKED.has(x.value));
      if (!m || !timed(b.code) || !documented(b.code) || reported.has(b.code)) continue;
      const others = billedTimed.filter((d) => d !== b.code && documented(d));
      const paired = others.filter((d) => pairEdits(b.code, d, settings.codes, settings.ncci, date).length > 0);
      const partners = paired.length > 0 ? paired : others;
      for (const d of partners) {
        const problem = distinctProblem(note, b.code, docs.get(b.code)!, d, docs.get(d)!);
        if (!problem) continue;
        reported.add(b.code);
        report({
          message: `Billing line ${lineNo(b.range)} bills ${b.code} with ${m.value}, but ${problem} ${HOW}`,
          range: m.range,
        });
        break;
      }
    }
  },
};

/** Why the entries of `c` and `d` do not show distinct services, or null when they do. */
function distinctProblem(note: NoteModel, c: string, cd: Docs, d: string, dd: Docs): string | null {
  const shared = cd.combined.find((e) => e.code === d) ?? dd.combined.find((e) => e.code === c) ?? cd.combined.find((e) => dd.combined.includes(e));
  if (shared) return `${c} and ${d} are documented in one entry (line ${shared.firstLine + 1}), so the note does not show them as separate services.`;
  if (separateRegions(cd.own.flatMap((e) => regionsIn(e.text)), dd.own.flatMap((e) => regionsIn(e.text)))) return null;
  for (const x of cd.own) {
    for (const y of dd.own) {
      const sx = entryClockSpans(note, x);
      const sy = entryClockSpans(note, y);
      const hit = sx.find((a) => sy.some((b) => overlaps(a, b)));
      if (hit) {
        const other = sy.find((b) => overlaps(hit, b))!;
        return `the ${c} entry (line ${x.firstLine + 1}, ${hit.text}) and the ${d} entry (line ${y.firstLine + 1}, ${other.text}) overlap in time, and they name no separate body region.`;
      }
    }
  }
  const timedOwn = (docs: Docs) => docs.own.some((e) => e.minutes !== null);
  if (timedOwn(cd) && timedOwn(dd)) return null;
  const missing = timedOwn(cd) ? d : c;
  return `no ${missing} entry has minutes or clock times of its own, and the ${c} and ${d} entries name no separate body region.`;
}
