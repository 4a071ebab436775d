/**
 * `--format csv`: one row per finding, for spreadsheets. RFC 4180: a header row, CRLF line
 * ends, fields with a comma, a double quote or a line break in double quotes (a double quote
 * doubled). UTF-8 without a byte-order mark.
 *
 * Formula injection: a spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or
 * a carriage return as a formula. Text cells (messages, ids, names, paths) that start with
 * one of them get a leading `'`, which spreadsheets show as text (OWASP's advice). Number
 * cells are written as numbers.
 */
import { docsUrl } from '../../engine/rule';
import type { FileReport } from '../report';

export const CSV_COLUMNS = [
  'file', 'line', 'column', 'end_line', 'end_column', 'severity', 'rule', 'message', 'fixable',
  'patient', 'date', 'visit', 'discipline', 'note_type', 'payer', 'provider', 'rule_page',
] as const;

/** A text cell: defused against formulas, then quoted when needed. */
export function csvText(value: string | null | undefined): string {
  if (value === null || value === undefined) return '';
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csvNumber(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

export function formatCsv(files: FileReport[]): string {
  const rows: string[] = [CSV_COLUMNS.join(',')];
  for (const f of files) {
    const m = f.meta ?? null;
    for (const x of f.findings) {
      rows.push(
        [
          csvText(f.path),
          csvNumber(x.range.start.line + 1),
          csvNumber(x.range.start.character + 1),
          csvNumber(x.range.end.line + 1),
          csvNumber(x.range.end.character + 1),
          csvText(x.severity),
          csvText(x.ruleId),
          csvText(x.message),
          x.fix !== undefined ? 'true' : 'false',
          csvText(m?.patient),
          csvText(m?.date),
          csvNumber(m?.visit),
          csvText(m?.discipline),
          csvText(m?.noteType),
          csvText(m?.payer),
          csvText(m?.provider),
          csvText(docsUrl(x.ruleId)),
        ].join(','),
      );
    }
  }
  return rows.join('\r\n') + '\r\n';
}
