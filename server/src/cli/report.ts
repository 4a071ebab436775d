/** What the CLI collects for each file, handed to a formatter. */
import type { BillingSummary } from '../engine/analysis';
import type { EpisodeSummary } from '../engine/episode';
import type { Finding } from '../engine/types';
import type { FileMeta } from './meta';

export interface FileReport {
  path: string;
  isNote: boolean;
  findings: Finding[];
  billing: BillingSummary | null;
  /** Our short label of each code on the note (for the HTML report); not the analysis, which holds the note's model. */
  codeLabels?: Record<string, string>;
  /** Who, when, which payer (null for a file that is not a note). */
  meta?: FileMeta | null;
  /** The text the findings' ranges refer to (without a byte-order mark), for the baseline. */
  source?: string | null;
  /**
   * The note's units line (`summaryLine` of its analysis), made when the file is linted: the
   * analysis itself is not kept, as it holds the note's model (800 MB for 10,000 notes).
   */
  unitsLine?: string | null;
}

export interface Summary {
  files: number;
  notes: number;
  errors: number;
  warnings: number;
  infos: number;
  fixableErrors: number;
  fixableWarnings: number;
  /** What the episode rules covered (CLI runs). */
  episodes?: EpisodeSummary;
  /** Findings left out because the `--baseline` file has them (set only with `--baseline`). */
  suppressed?: number;
}

export function summarize(files: FileReport[]): Summary {
  const s: Summary = { files: files.length, notes: 0, errors: 0, warnings: 0, infos: 0, fixableErrors: 0, fixableWarnings: 0 };
  for (const f of files) {
    if (f.isNote) s.notes++;
    for (const x of f.findings) {
      if (x.severity === 'error') {
        s.errors++;
        if (x.fix) s.fixableErrors++;
      } else if (x.severity === 'warning') {
        s.warnings++;
        if (x.fix) s.fixableWarnings++;
      } else s.infos++;
    }
  }
  return s;
}
