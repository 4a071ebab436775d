import type { EpisodeNote, EpisodeRule, KxBucket } from '../episode';
import { spanEdit, spanRange } from '../span';
import { docsUrl } from '../rule';

const BUCKET_NAME: Record<KxBucket, string> = { ptSlp: 'physical therapy and speech-language pathology (combined)', ot: 'occupational therapy' };

export const rule: EpisodeRule = {
  meta: {
    id: 'kx-threshold',
    docs: docsUrl('kx-threshold'),
    severity: 'warning',
    payerScoped: true,
    description: "The patient's year-to-date estimated allowed amount passes the payer's KX threshold and a billing line lacks KX (needs a fee schedule; silent without one).",
    fixable: false,
    hasSuggestions: true,
  },
  check({ notes, report }) {
    // Per calendar year and threshold bucket, in date order, over the notes of payers that
    // list a threshold for that year. The patient's notes of every discipline count.
    const totals = new Map<string, number>();
    for (const n of notes) {
      if (n.day === null || !n.hasFees) continue;
      const year = n.date!.slice(0, 4);
      const threshold = n.kxThresholds[year];
      if (!threshold) continue;
      for (const bucket of ['ptSlp', 'ot'] as KxBucket[]) {
        const lines = n.billing.filter((b) => b.bucket === bucket);
        if (lines.length === 0) continue;
        const key = `${n.payer}|${year}|${bucket}`;
        const before = totals.get(key) ?? 0;
        const amount = lines.reduce((a, b) => a + (b.amount ?? 0), 0);
        const after = Math.round((before + amount) * 100) / 100;
        totals.set(key, after);
        if (after <= threshold[bucket]) continue;
        reportLines(n, lines, { year, bucket, threshold: threshold[bucket], after }, report);
      }
    }
  },
};

function reportLines(
  n: EpisodeNote,
  lines: EpisodeNote['billing'],
  t: { year: string; bucket: KxBucket; threshold: number; after: number },
  report: Parameters<EpisodeRule['check']>[0]['report'],
): void {
  const missing = lines.filter((b) => !b.hasKx);
  const noFee = [...new Set(lines.filter((b) => b.amount === null).map((b) => b.code))];
  for (const b of missing) {
    report(n, {
      message: `${b.code} needs KX: with this note the patient's estimated allowed amount for ${BUCKET_NAME[t.bucket]} in ${t.year} reaches ${dollars(t.after)}, over the ${t.year} KX threshold of ${dollars(t.threshold)} in the \`${n.payer}\` profile. Above the threshold each claim line needs KX, which confirms the services are medically necessary and documented as such (MCPM Ch. 5 §10.3). The estimate counts only the notes linted together${noFee.length > 0 ? ` and has no fee for ${noFee.join(', ')}` : ''}.`,
      range: spanRange(b.range),
      suggestions: [{ title: `Add KX to ${b.code}`, edits: [spanEdit(b.addKx)] }],
    });
  }
}

/** "$2,480.00". */
export function dollars(n: number): string {
  return '$' + n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}
