/** `--format json`: version 1, lines and columns 1-based (as ESLint's). */
import type { FileReport, Summary } from '../report';

export function formatJson(files: FileReport[], summary: Summary): string {
  const out = {
    version: 1,
    files: files.map((f) => ({
      path: f.path,
      isNote: f.isNote,
      findings: f.findings.map((x) => ({
        ruleId: x.ruleId,
        severity: x.severity,
        line: x.range.start.line + 1,
        column: x.range.start.character + 1,
        endLine: x.range.end.line + 1,
        endColumn: x.range.end.character + 1,
        message: x.message,
        fixable: x.fix !== undefined,
      })),
      billing: f.billing,
      meta: f.meta ?? null,
    })),
    summary: {
      files: summary.files, notes: summary.notes, errors: summary.errors, warnings: summary.warnings, infos: summary.infos,
      ...(summary.episodes ? { episodes: summary.episodes } : {}),
      ...(summary.suppressed !== undefined ? { suppressed: summary.suppressed } : {}),
    },
  };
  return JSON.stringify(out, null, 2) + '\n';
}
