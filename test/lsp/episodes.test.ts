/**
 * Episode findings in the editor: the server indexes the workspace's notes (files on disk,
 * open documents, the file watcher), so an open note shows its patient's episode findings
 * and they update when another note of the patient changes, in the editor or on disk.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  DidChangeTextDocumentNotification, DidChangeWatchedFilesNotification, DidCloseTextDocumentNotification, DocumentDiagnosticRequest, FileChangeType,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { Client, capabilities, uriOf } from './harness';

function note(visit: number, type = 'daily', patient = 'P-1'): string {
  const date = new Date(Date.UTC(2026, 2, 1 + visit)).toISOString().slice(0, 10);
  return `---\npatient: ${patient}\ndate: ${date}\nvisit: ${visit}\nnote_type: ${type}\nprovider: Ana Ruiz, DPT\n---\n`;
}
const name = (v: number) => `v${String(v).padStart(2, '0')}.note.md`;

async function pull(c: Client, uri: string): Promise<Diagnostic[]> {
  return ((await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] }).items;
}
/** Pulls until `check` holds, waiting for the server's next refresh request between pulls. */
async function pullUntil(c: Client, uri: string, check: (codes: unknown[]) => boolean): Promise<unknown[]> {
  for (;;) {
    const next = c.nextRefresh();
    const codes = (await pull(c, uri)).map((d) => d.code).filter((x) => x === 'progress-note-due' || x === 'duplicate-visit');
    if (check(codes)) return codes;
    await next;
  }
}

describe('language server: episode findings across the workspace', function () {
  this.timeout(30000);
  let root: string;
  let c: Client;
  before(async () => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'tnl-episodes-')));
    for (let v = 1; v <= 11; v++) writeFileSync(join(root, name(v)), note(v, v === 1 ? 'evaluation' : 'daily'));
    writeFileSync(join(root, 'other-patient.note.md'), note(11, 'daily', 'P-2'));
    c = new Client();
    await c.initialize(capabilities({ pull: true }), [root]);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('an open note shows the finding that needs the patient\'s other notes on disk', async () => {
    const uri = await c.open(join(root, name(11)));
    assert.deepEqual(await pullUntil(c, uri, (x) => x.length > 0), ['progress-note-due']);
    const d = (await pull(c, uri)).find((x) => x.code === 'progress-note-due')!;
    assert.deepEqual(d.range, { start: { line: 2, character: 6 }, end: { line: 2, character: 16 } });
    assert.equal(String(d.message).slice(0, 72), 'Treatment day 11 since the evaluation on 2026-03-02 (v01.note.md) with n');
    // The other patient's note is in no episode with these.
    const other = await c.open(join(root, 'other-patient.note.md'));
    assert.deepEqual(await pullUntil(c, other, () => true), []);
  });

  it('updates when another open note of the patient changes, and when it is closed again', async () => {
    const v11 = uriOf(join(root, name(11)));
    const v05 = await c.open(join(root, name(5)));
    const refreshed = c.nextRefresh();
    await c.conn.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: v05, version: 2 },
      contentChanges: [{ text: note(5, 'progress') }],
    });
    await pull(c, v05); // the server reads the new version
    await refreshed;
    assert.deepEqual(await pullUntil(c, v11, (x) => x.length === 0), []);
    await c.conn.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: v05 } });
    assert.deepEqual(await pullUntil(c, v11, (x) => x.length > 0), ['progress-note-due']);
  });

  it('updates when a note changes on disk (file watcher), or a new one appears', async () => {
    const v11 = uriOf(join(root, name(11)));
    writeFileSync(join(root, name(8)), note(8, 'progress'));
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(root, name(8))), type: FileChangeType.Changed }] });
    assert.deepEqual(await pullUntil(c, v11, (x) => x.length === 0), []);
    writeFileSync(join(root, 'v11-copy.note.md'), note(11));
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(root, 'v11-copy.note.md')), type: FileChangeType.Created }] });
    assert.deepEqual(await pullUntil(c, v11, (x) => x.length > 0), ['duplicate-visit']);
    rmSync(join(root, 'v11-copy.note.md'));
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(root, 'v11-copy.note.md')), type: FileChangeType.Deleted }] });
    assert.deepEqual(await pullUntil(c, v11, (x) => x.length === 0), []);
  });
});
