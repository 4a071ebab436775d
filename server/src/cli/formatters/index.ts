/** Picks the formatter for `--format`. */
import type { Format } from '../args';
import type { FileReport, Summary } from '../report';
import { formatCsv } from './csv';
import { formatHtml } from './html';
import { formatJson } from './json';
import { formatSarif } from './sarif';
import { formatStylish, stylishChunks, type Colors } from './stylish';

export interface FormatOptions {
  colors: Colors;
  quiet: boolean;
  noSnippets: boolean;
  /** The `--baseline` or `--write-baseline` file, when there is one. */
  baseline?: string;
}

/**
 * What a format shows beyond findings, so a run keeps only that for each of thousands of
 * notes: the billing summary (JSON, HTML), code labels (HTML), note metadata (JSON,
 * HTML, CSV) and the units line (stylish).
 */
export function formatNeeds(format: Format): { billing: boolean; codeLabels: boolean; meta: boolean; unitsLine: boolean } {
  return {
    billing: format === 'json' || format === 'html', codeLabels: format === 'html', meta: format === 'json' || format === 'html' || format === 'csv',
    unitsLine: format === 'stylish',
  };
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

/** The report in pieces to write one after another (stylish: a file at a time; the others: whole). */
export function reportChunks(format: Format, files: FileReport[], summary: Summary, opts: FormatOptions): Iterable<string> {
  return format === 'stylish' ? stylishChunks(files, summary, opts.colors, { quiet: opts.quiet }) : [formatReport(format, files, summary, opts)];
}
