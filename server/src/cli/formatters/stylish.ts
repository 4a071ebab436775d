/** `--format stylish`: findings grouped by file, like ESLint's, plus each note's units. */
import type { FileReport, Summary } from '../report';

export interface Colors {
  red(s: string): string;
  yellow(s: string): string;
  blue(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
  underline(s: string): string;
  green(s: string): string;
}

const code = (open: number, close: number) => (s: string) => `\u001b[${open}m${s}\u001b[${close}m`;
export const ANSI: Colors = {
  red: code(31, 39), yellow: code(33, 39), blue: code(34, 39), green: code(32, 39), dim: code(2, 22), bold: code(1, 22), underline: code(4, 24),
};
const id = (s: string) => s;
export const PLAIN: Colors = { red: id, yellow: id, blue: id, green: id, dim: id, bold: id, underline: id };

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function formatStylish(files: FileReport[], summary: Summary, c: Colors, opts: { quiet: boolean }): string {
  return [...stylishChunks(files, summary, c, opts)].join('');
}

/**
 * The stylish report a file at a time, so the command line can write it as it goes: a
 * report of 10,000 notes is a 15 MB string, on top of the findings it is made from.
 */
export function* stylishChunks(files: FileReport[], summary: Summary, c: Colors, opts: { quiet: boolean }): Generator<string> {
  let first = true;
  for (const f of files) {
    if (!f.isNote) continue;
    if (opts.quiet && f.findings.length === 0) continue;
    let out = `${first ? '' : '\n'}${c.underline(f.path)}\n`;
    first = false;
    const rows = f.findings.map((x) => {
      const sev = x.severity === 'error' ? c.red('error') : x.severity === 'warning' ? c.yellow('warning') : c.blue('info');
      return [`${x.range.start.line + 1}:${x.range.start.character + 1}`, sev, x.severity.length, x.message, x.ruleId] as const;
    });
    const w0 = Math.max(0, ...rows.map((r) => r[0].length));
    const w1 = Math.max(0, ...rows.map((r) => r[2]));
    for (const [pos, sev, sevLen, msg, rule] of rows) {
      out += `  ${c.dim(pos.padEnd(w0))}  ${sev}${' '.repeat(w1 - sevLen)}  ${msg}  ${c.dim(rule)}\n`;
    }
    if (f.unitsLine && !opts.quiet) out += `  ${c.dim('units')}  ${f.unitsLine}\n`;
    yield out;
  }
  let out = first ? '' : '\n';
  const problems = summary.errors + summary.warnings + summary.infos;
  if (problems > 0) {
    const line = `✖ ${plural(problems, 'problem')} (${plural(summary.errors, 'error')}, ${plural(summary.warnings, 'warning')}, ${plural(summary.infos, 'info')})`;
    out += `${summary.errors > 0 ? c.red(c.bold(line)) : c.yellow(c.bold(line))}\n`;
    if (summary.fixableErrors + summary.fixableWarnings > 0) {
      out += c.dim(`  ${plural(summary.fixableErrors, 'error')} and ${plural(summary.fixableWarnings, 'warning')} fixable with the \`--fix\` option.`) + '\n';
    }
  } else {
    out += `${c.green(`✔ ${plural(summary.notes, 'note')} checked, no problems`)}${summary.files > summary.notes ? c.dim(` (${plural(summary.files - summary.notes, 'other Markdown file')} skipped)`) : ''}\n`;
  }
  if (summary.suppressed) out += c.dim(`  ${plural(summary.suppressed, 'finding')} suppressed by the baseline.`) + '\n';
  yield out;
}
