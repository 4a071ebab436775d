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
