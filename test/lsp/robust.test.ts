/**
 * The server under faults, over stdio: a rule that throws (logged once, with the file and
 * rule id only; an internal-error diagnostic; the other rules' diagnostics still there) and
 * a 10 MB document (answered at once with one information diagnostic, its edits all kept).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CodeLensRequest, DidChangeTextDocumentNotification, ExecuteCommandRequest, DocumentDiagnosticRequest, HoverRequest,
  type Diagnostic, type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { lint } from '../../server/src/engine/lint';
import { md } from '../helpers';
import { MAX_LIVE_CHARS } from '../../server/src/lsp/limits';
import { THROW_MARKER, THROWING_RULE } from '../throwing-rule';
import { Client, capabilities, FIXTURES, uriOf } from './harness';

const WS = `${FIXTURES}/ws`;
const CANARY = 'CANARY-PATIENT-Wq7Zx3';
const NOTE = md(
  '---', 'patient: T-1', 'date: 2026-04-07', 'discipline: PT', 'payer: medicare', 'note_type: daily', '---', '',
  '## Subjective', `Reports less pain. ${THROW_MARKER} ${CANARY}`, '',
  '## Objective', '- 97530 Ther act 23 min: lifting a 10 lb box x10 (LTG1), VC for a hip hinge', '- 97110 Ther ex 15 min: bridges 2x12 (LTG1), progressed to single leg', '',
  'Total timed minutes: 38', 'Total treatment time: 45 min', '',
  '## Assessment', 'Demonstrated a safe hinge.', '', '## Plan', 'Continue.', '',
  '## Goals', '- LTG1: Lift 20 lb floor to waist independently in 6 weeks.', '',
  '## Billing', '- 97530 x3 GP', '- 97110 x1 GP', '', 'Signed: Jordan Avery, PT, DPT',
);

const BILL_LINE = NOTE.split('\n').indexOf('- 97530 x3 GP');

const diagnostics = async (c: Client, uri: string) => ((await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] }).items;

async function change(c: Client, uri: string, version: number, changes: TextDocumentContentChangeEvent[]): Promise<void> {
  const doc = c.docs.get(uri)!;
  c.docs.set(uri, TextDocument.update(doc, changes, version));
  await c.conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
}

describe('language server: a rule that throws', function () {
  this.timeout(60000);
  let c: Client;
  const path = `${WS}/clinic/throws.note.md`;
  before(async () => {
    c = new Client(['--require', require.resolve('tsx/cjs'), resolve('test/lsp/throwing-server.ts'), '--stdio']);
    await c.initialize(capabilities({ pull: true }), [WS]);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
  });

  it('gives an internal-error diagnostic naming the rule, and every other rule’s diagnostics', async () => {
    const uri = await c.open(path, NOTE);
    const items = await diagnostics(c, uri);
    assert.deepEqual(items.map((d) => [d.code, d.range.start.line]), [['internal-error', 0], ['units-mismatch', BILL_LINE]]);
    assert.equal(items[0].message, `Rule ${THROWING_RULE} failed on this note (TypeError); its findings are missing. Please report this.`);
    assert.equal(items[0].severity, 1);
    // The other rules report exactly what they report without the failing rule.
    const others = lint(NOTE, { filePath: path }).findings.filter((f) => f.ruleId !== THROWING_RULE);
    assert.deepEqual(items.slice(1).map((d) => [d.code, d.message]), others.map((f) => [f.ruleId, f.message]));
  });

  it('logs it once per document and rule, with the file and rule id and never the note’s text', async () => {
    const uri = uriOf(path);
    await change(c, uri, 2, [{ range: { start: { line: BILL_LINE, character: 9 }, end: { line: BILL_LINE, character: 10 } }, text: '2' }]);
    const after = await diagnostics(c, uri);
    assert.deepEqual(after.map((d) => d.code), ['internal-error']);
    await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } });
    await c.conn.sendRequest(HoverRequest.type, { textDocument: { uri }, position: { line: 12, character: 3 } });
    assert.deepEqual(c.logs.filter((l) => l.includes('failed')), [`lint failed for ${resolve(path)} (rule ${THROWING_RULE}): TypeError`]);
    for (const l of c.logs) assert.ok(!l.includes(CANARY) && !l.includes('Reports less pain'), l);
    assert.ok(!c.stderr.includes(CANARY));
  });
});

describe('language server: a 10 MB document', function () {
  this.timeout(120000);
  let c: Client;
  before(async () => {
    c = new Client();
    await c.initialize(capabilities({ pull: true }), [WS]);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    assert.equal(c.stderr, '');
  });

  it('is answered with one information diagnostic instead of a lint; a note beside it is linted as usual; no edit is lost', async () => {
    // A note followed by 10 MB of flowsheet rows.
    const filler = '| 97110 | Ther ex | 8 | bridges 2x12, VC for pelvic control, tolerated well |\n'.repeat(Math.ceil(10_000_000 / 75));
    const big = NOTE.replace(THROW_MARKER, '') + '\n| Code | Intervention | Min | Details |\n|---|---|---|---|\n' + filler;
    assert.ok(big.length > 10_000_000 && big.length > MAX_LIVE_CHARS);
    const bigUri = await c.open(`${WS}/clinic/export.md`, big);
    const small = await c.open(`${WS}/clinic/visit.note.md`);

    assert.deepEqual(await diagnostics(c, bigUri), [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: 3, code: 'document-too-large', source: 'therapy-note-lint',
      codeDescription: { href: 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/document-too-large.md' },
      message: `This document has ${(big.length / 2 ** 20).toFixed(1)} MB of text, more than the 2 MB that Therapy Note Lint checks as you type (a note is a few KB), so it is not linted in the editor. Run therapy-note-lint on the file to lint it.`,
    }]);
    assert.deepEqual(await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri: bigUri } }), []);

    // 30 edits to the big document, each answered, with requests on the small note between them.
    const smallExpected = lint(c.docs.get(small)!.getText(), { filePath: resolve(`${WS}/clinic/visit.note.md`) }).findings.map((f) => f.ruleId);
    for (let i = 0; i < 30; i++) {
      // Each edit rewrites the units of the 97530 billing line: 3 → 4 → … → 2.
      const units = i === 29 ? '2' : String(3 + ((i + 1) % 5));
      await change(c, bigUri, 2 + i, [{ range: { start: { line: BILL_LINE, character: 9 }, end: { line: BILL_LINE, character: 10 } }, text: units }]);
      if (i % 10 === 0) assert.deepEqual((await diagnostics(c, small)).map((d) => d.code), smallExpected);
    }
    // Cut the filler: the note is small again and is linted, with every edit applied.
    const doc = c.docs.get(bigUri)!;
    const cut = doc.positionAt(doc.getText().indexOf('\n| Code | Intervention'));
    await change(c, bigUri, 40, [{ range: { start: cut, end: doc.positionAt(doc.getText().length) }, text: '\n' }]);
    const text = c.docs.get(bigUri)!.getText();
    assert.ok(text.includes('- 97530 x2 GP') && text.length < 2000);
    const items = await diagnostics(c, bigUri);
    assert.deepEqual(items.map((d) => [d.code, d.message]), lint(text, { filePath: resolve(`${WS}/clinic/export.md`) }).findings.map((f) => [f.ruleId, f.message]));
    assert.ok(!items.some((d) => d.code === 'units-mismatch'), 'the last edit (x2) is what was linted');
  });
});

describe('language server: lintWorkspace and a file over 2 MB', function () {
  this.timeout(60000);
  let c: Client;
  let root: string;
  let big: string;
  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'tnl-large-'));
    const filler = '| 97110 | Ther ex | 8 | bridges 2x12, VC for pelvic control, tolerated well |\n'.repeat(Math.ceil(3_000_000 / 75));
    big = NOTE.replace(THROW_MARKER, '') + '\n| Code | Intervention | Min | Details |\n|---|---|---|---|\n' + filler;
    writeFileSync(join(root, 'export.md'), big);
    writeFileSync(join(root, 'visit.note.md'), NOTE.replace(THROW_MARKER, ''));
    c = new Client();
    await c.initialize(capabilities({ pull: true }), [root]);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('pushes the one information diagnostic for the large closed file, as for an open one, and lints the note beside it', async () => {
    const result = await c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'therapyNoteLint.lintWorkspace', arguments: [] });
    assert.deepEqual(result, { files: 2, notes: 2, findings: 2 });
    const items = c.published.get(uriOf(join(root, 'export.md')))!.diagnostics;
    assert.deepEqual(items.map((d) => [d.code, d.severity, d.range.start.line]), [['document-too-large', 3, 0]]);
    assert.ok(big.length > MAX_LIVE_CHARS);
    assert.equal(items[0].message, `This document has ${(big.length / 2 ** 20).toFixed(1)} MB of text, more than the 2 MB that Therapy Note Lint checks as you type (a note is a few KB), so it is not linted in the editor. Run therapy-note-lint on the file to lint it.`);
    assert.deepEqual(c.published.get(uriOf(join(root, 'visit.note.md')))!.diagnostics.map((d) => d.code), ['units-mismatch']);
  });
});
