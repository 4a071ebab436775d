/**
 * `--no-snippets`: no note text in any output. Rules put note text in a message only inside
 * double quotes (`quote()` in engine/rule.ts, which also keeps double quotes out of the
 * quoted text), so every double-quoted span is replaced by "…". A quote left open hides the
 * rest of the message. Fixed example text in quotes ("Ana Ruiz, DPT") is dropped too: the
 * rule's page shows it. What stays: codes, numbers, line numbers, modifiers, rule ids, and
 * the file's metadata (patient id, date, provider name and credentials).
 */
import type { Finding } from '../engine/types';
import type { FileReport } from './report';

export const REDACTED = '"…"';

/** The message with every double-quoted span replaced by "…" (linear). */
export function redactMessage(message: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = message.indexOf('"', i);
    if (open < 0) return out + message.slice(i);
    out += message.slice(i, open) + REDACTED;
    const close = message.indexOf('"', open + 1);
    if (close < 0) return out;
    i = close + 1;
  }
}

/**
 * The reports without note text: messages redacted, fixes and suggestions kept only as
 * "there is one" (their edits hold note text), and no source text.
 */
export function redactReports(files: FileReport[]): FileReport[] {
  return files.map((f) => ({ ...f, source: null, findings: f.findings.map(redactFinding) }));
}

function redactFinding(x: Finding): Finding {
  const out: Finding = { ruleId: x.ruleId, severity: x.severity, message: redactMessage(x.message), range: x.range };
  if (x.fix) out.fix = { title: '', edits: [] };
  return out;
}
