/** Picks the formatter for `--format`. */
import type { Format } from '../args';
import type { FileReport, Summary } from '../report';
import { formatCsv } from './csv';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish, type Colors } from './stylish';

export interface FormatOptions {
  colors: Colors;
  quiet: boolean;
  noSnippets: boolean;
  /** The `--baseline` or `--write-baseline` file, when there is one. */
  baseline?: string;
}

/**
 * What a format shows beyond findings, so a run keeps only that for each of thousands of
 * notes: the billing summary (JSON, HTML), code labels (HTML) and note metadata (JSON,
 * HTML, CSV).
 */
export function formatNeeds(format: Format): { billing: boolean; codeLabels: boolean; meta: boolean } {
  return { billing: format === 'json' || format === 'html', codeLabels: format === 'html', meta: format === 'json' || format === 'html' || format === 'csv' };
}

export function formatReport(format: Format, files: FileReport[], summary: Summary, opts: FormatOptions): string {
  switch (format) {
    case 'json':
      return formatJson(files, summary);
    case 'sarif':
      return formatSarif(files, { noSnippets: opts.noSnippets, suppressed: summary.suppressed });
    case 'html':
      return formatHtml(files, summary, { noSnippets: opts.noSnippets, baseline: opts.baseline });
    case 'csv':
      return formatCsv(files);
    default:
      return formatStylish(files, summary, opts.colors, { quiet: opts.quiet });
  }
}
