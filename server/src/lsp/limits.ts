/**
 * What the language server lints as you type. A note is a few kilobytes; a document of many
 * megabytes is something else (an export, a log), and linting it on every keystroke would
 * hold the server for seconds each time (about 5 s for 10 MB), delaying every other request.
 * Such a document gets one information diagnostic instead, and is linted again as soon as an
 * edit brings it under the limit. The command line has no limit.
 */
import type { LintResult } from '../engine/lint';

/** 2 MiB of text (UTF-16 code units): twice the 1 MB note of the latency benchmark. */
export const MAX_LIVE_CHARS = 2 * 1024 * 1024;
export const TOO_LARGE = 'document-too-large';

export function tooLargeResult(chars: number, bom: boolean): LintResult {
  const mb = (chars / (1024 * 1024)).toFixed(1);
  return {
    isNote: true, excluded: false, bom, billing: null, note: null, analysis: null, unparsable: true, failures: [],
    findings: [{
      ruleId: TOO_LARGE,
      severity: 'info',
      message: `This document has ${mb} MB of text, more than the ${MAX_LIVE_CHARS / (1024 * 1024)} MB that Therapy Note Lint checks as you type (a note is a few KB), so it is not linted in the editor. Run therapy-note-lint on the file to lint it.`,
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    }],
  };
}
