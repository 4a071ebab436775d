/** Shared shapes of the engine. Positions are 0-based (line, UTF-16 character). */

export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

/**
 * A change the engine proposes. `newText` may contain placeholders such as `{{minutes}}`
 * (see `placeholderText` in `editor.ts`), which an editor turns into snippet tab stops.
 */
export interface Fix {
  title: string;
  edits: TextEdit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  range: Range;
  /** A safe fix: one right answer, applied by `--fix` and fix-all. */
  fix?: Fix;
  /** Alternatives for the user to choose from (quick fixes only, never applied automatically). */
  suggestions?: Fix[];
}

export type Discipline = 'PT' | 'OT' | 'SLP';
export type NoteType = 'daily' | 'evaluation' | 're-evaluation' | 'progress' | 'discharge';
export type CountingMethod = 'cms' | 'ama';
