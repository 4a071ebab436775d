/** `--format sarif`: SARIF 2.1.0, one reporting descriptor per rule with its docs page. */
import { ALL_RULES } from '../../engine/rules';
import { docsUrl } from '../../engine/rule';
import { INTERNAL_ERROR } from '../../engine/lint';
import type { Severity } from '../../engine/types';
import type { FileReport } from '../report';
import { VERSION } from '../version';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function artifactUri(path: string): string {
  const p = path.replace(/\\/g, '/');
  if (p.startsWith('/')) return 'file://' + encodeURI(p);
  return encodeURI(p.replace(/^\.\//, ''));
}

export interface SarifOptions {
  /** `--no-snippets`: no fixes (their inserted text could hold note text). */
  noSnippets?: boolean;
  /** Findings the baseline left out, as the run's property `suppressedByBaseline`. */
  suppressed?: number;
}

export function formatSarif(files: FileReport[], opts: SarifOptions = {}): string {
  const rules = [
    ...ALL_RULES.map((r) => ({
      id: r.meta.id,
      shortDescription: { text: r.meta.description },
      helpUri: r.meta.docs,
      defaultConfiguration: { level: r.meta.payerScoped ? 'none' : LEVEL[r.meta.severity] },
      properties: { fixable: r.meta.fixable },
    })),
    {
      id: INTERNAL_ERROR,
      shortDescription: { text: 'A rule failed on this note; its findings are missing.' },
      helpUri: docsUrl(INTERNAL_ERROR),
      defaultConfiguration: { level: 'error' },
      properties: { fixable: false },
    },
  ];
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results = files.flatMap((f) =>
    f.findings.map((x) => {
      const region = {
        startLine: x.range.start.line + 1,
        startColumn: x.range.start.character + 1,
        endLine: x.range.end.line + 1,
        endColumn: x.range.end.character + 1,
      };
      const result: Record<string, unknown> = {
        ruleId: x.ruleId,
        ruleIndex: index.get(x.ruleId) ?? -1,
        level: LEVEL[x.severity],
        message: { text: x.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(f.path) }, region } }],
      };
      if (x.fix && x.fix.edits.length > 0 && !opts.noSnippets) {
        result.fixes = [
          {
            description: { text: x.fix.title },
            artifactChanges: [
              {
                artifactLocation: { uri: artifactUri(f.path) },
                replacements: x.fix.edits.map((e) => ({
                  deletedRegion: {
                    startLine: e.range.start.line + 1,
                    startColumn: e.range.start.character + 1,
                    endLine: e.range.end.line + 1,
                    endColumn: e.range.end.character + 1,
                  },
                  insertedContent: { text: e.newText },
                })),
              },
            ],
          },
        ];
      }
      return result;
    }),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'therapy-note-lint',
            version: VERSION,
            informationUri: 'https://github.com/therapy-note-lint/therapy-note-lint',
            rules,
          },
        },
        results,
        ...(opts.suppressed !== undefined ? { properties: { suppressedByBaseline: opts.suppressed } } : {}),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
