/** The rule framework: metadata, context and reports (modelled on ESLint's rule objects). */
import type { Analysis } from './analysis';
import type { NoteModel } from './note';
import type { PayerProfile } from './payers';
import type { Settings } from './settings';
import type { LineIndex } from './text';
import type { Fix, Range, Severity } from './types';

export const DOCS_BASE = 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/';

export function docsUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}

export interface RuleMeta {
  id: string;
  /** Severity when on. */
  severity: Severity;
  /**
   * Off unless the note's payer profile turns it on in its `rules` (the Medicare-only
   * rules of the catalog), or the configuration's top-level `rules` does.
   */
  payerScoped?: boolean;
  /** One line: what the rule checks. */
  description: string;
  /** The rule's page (docs/rules/<id>.md). */
  docs: string;
  /** Has a safe fix that `--fix` applies. */
  fixable: boolean;
  /** Offers quick fixes that need a person to choose (placeholders, alternatives). */
  hasSuggestions: boolean;
}

export interface Report {
  message: string;
  range: Range;
  /** A lower severity for this finding than the rule's (never a higher one). */
  severity?: Severity;
  fix?: Fix;
  suggestions?: Fix[];
}

export interface RuleContext {
  note: NoteModel;
  lines: LineIndex;
  analysis: Analysis;
  settings: Settings;
  payer: PayerProfile;
  options: Record<string, unknown>;
  report(r: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  check(ctx: RuleContext): void;
}

/** 1-based line number for messages ("at line 14"). */
export function lineNo(range: Range): number {
  return range.start.line + 1;
}

/**
 * Note text quoted in a message: always inside one pair of double quotes, with any double
 * quote in it replaced by a single one, so that `--no-snippets` can drop every quoted span
 * and nothing of the note is left outside the quotes. Every message that quotes note text
 * uses this.
 */
export function quote(text: string): string {
  return `"${text.replace(/"/g, "'")}"`;
}
