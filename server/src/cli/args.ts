/** Command-line arguments. */
import { parseArgs } from 'node:util';

export type Format = 'stylish' | 'json' | 'sarif' | 'html' | 'csv';
export const FORMATS: Format[] = ['stylish', 'json', 'sarif', 'html', 'csv'];

export interface CliOptions {
  inputs: string[];
  format: Format;
  config?: string;
  payer?: string;
  fix: boolean;
  quiet: boolean;
  maxWarnings: number | null;
  color: boolean | null;
  outputFile?: string;
  /** `--no-snippets`: no note text in the output. */
  noSnippets: boolean;
  /** `--baseline FILE`: leave out the findings recorded there. */
  baseline?: string;
  /** `--write-baseline FILE`: record this run's findings there. */
  writeBaseline?: string;
  help: boolean;
  version: boolean;
}

export class UsageError extends Error {}

export const HELP = `Usage: therapy-note-lint [options] <files|dirs|globs...>

Lints Markdown therapy notes (SOAP) for documentation and billing compliance.
Directories are searched for *.md files (node_modules and .git are skipped).

Options:
  -f, --format <name>     Output format: stylish (default), json, sarif, html (a
                          self-contained page for reviewers) or csv (a row per finding)
  -c, --config <file>     Use this configuration file for every note instead of the
                          nearest .therapy-note-lint.json
      --payer <name>      Payer profile for every note (overrides front matter):
                          medicare, medicaid, commercial or one from the configuration
      --fix               Apply safe fixes to the files (written atomically; line
                          endings, byte-order mark and all other text are kept)
  -q, --quiet             Report errors only
      --max-warnings <n>  Exit with 1 when there are more than n warnings
  -o, --output-file <f>   Write the report to a file instead of standard output
      --no-snippets       No note text in the output, in any format: quoted note text
                          in messages becomes "…" and SARIF carries no fixes; paths,
                          patient ids, provider names, rule ids, lines and numbers stay
      --write-baseline <f>
                          Record this run's findings in file f (hashes, no note text);
                          they are then not reported, and the exit status is 0
      --baseline <f>      Report only findings not recorded in file f; the exit status
                          and the counts cover the reported ones only
      --color, --no-color Force colour on or off (default: on for a terminal)
  -h, --help              Show this help
  -v, --version           Show the version

Exit status: 0 no errors; 1 an error-severity finding, or more warnings than
--max-warnings; 2 a usage, configuration, file or baseline file error.`;

export function parseCliArgs(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        payer: { type: 'string' },
        fix: { type: 'boolean' },
        quiet: { type: 'boolean', short: 'q' },
        'max-warnings': { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        'output-file': { type: 'string', short: 'o' },
        'no-snippets': { type: 'boolean' },
        baseline: { type: 'string' },
        'write-baseline': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message.replace(/\. To specify a positional argument.*$/s, '.'));
  }
  const v = parsed.values;
  const format = (v.format ?? 'stylish') as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${v.format}".`);
  let maxWarnings: number | null = null;
  if (v['max-warnings'] !== undefined) {
    if (!/^\d+$/.test(v['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number; got "${v['max-warnings']}".`);
    maxWarnings = Number(v['max-warnings']);
  }
  const opts: CliOptions = {
    inputs: parsed.positionals,
    format,
    config: v.config,
    payer: v.payer,
    fix: v.fix ?? false,
    quiet: v.quiet ?? false,
    maxWarnings,
    color: v['no-color'] ? false : v.color ? true : null,
    outputFile: v['output-file'],
    noSnippets: v['no-snippets'] ?? false,
    baseline: v.baseline,
    writeBaseline: v['write-baseline'],
    help: v.help ?? false,
    version: v.version ?? false,
  };
  if (opts.baseline !== undefined && opts.writeBaseline !== undefined) throw new UsageError('--baseline and --write-baseline cannot be used together: --write-baseline alone records every current finding.');
  if (opts.baseline === '' || opts.writeBaseline === '') throw new UsageError(`--${opts.baseline === '' ? 'baseline' : 'write-baseline'} needs a file name.`);
  if (!opts.help && !opts.version && opts.inputs.length === 0) throw new UsageError('no files given. Name note files, folders or globs, e.g. `therapy-note-lint notes/`.');
  return opts;
}
