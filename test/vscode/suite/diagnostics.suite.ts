import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { api, diagnosticsFor, DOCS_BASE, open, plain, workspaceUri } from './helpers';

const TOTAL_MESSAGE = 'Total timed minutes at line 28 says 40, but the timed entries add up to 38 (97530 23 + 97110 15).';
const UNITS_MESSAGE = '97530 is billed ×3 at line 38, but its 23 min support ×2. CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.';

describe('diagnostics', () => {
  it('a note gets its findings: rule id, rule page, severity, exact range and message', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const diags = await diagnosticsFor(uri, (d) => d.length >= 2);
    assert.deepEqual(diags.map(plain), [
      { code: 'total-time-mismatch', href: `${DOCS_BASE}total-time-mismatch.md`, severity: 'Error', range: [27, 0, 27, 23] },
      { code: 'units-mismatch', href: `${DOCS_BASE}units-mismatch.md`, severity: 'Error', range: [37, 9, 37, 10] },
    ]);
    assert.deepEqual(diags.map((d) => d.message), [TOTAL_MESSAGE, UNITS_MESSAGE]);
  });

  it('a clean note and a Markdown file that is not a note get none', async () => {
    const { client } = await api();
    for (const file of ['notes/clean.note.md', 'README.md']) {
      const uri = workspaceUri(file);
      await open(file);
      // Pull diagnostics: ask the server directly, then check what VS Code holds.
      const report = await client.sendRequest('textDocument/diagnostic', { textDocument: { uri: uri.toString() } }) as { kind: string; items: unknown[] };
      assert.deepEqual([report.kind, report.items], ['full', []], file);
      assert.deepEqual(vscode.languages.getDiagnostics(uri), [], file);
    }
  });

  it('edits are linted as you type', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    const editor = await open('notes/visit.note.md');
    await diagnosticsFor(uri, (d) => d.length === 2);
    // "Total timed minutes: 40" → "Total timed minutes: 38": one finding goes.
    await editor.edit((b) => b.replace(new vscode.Range(27, 21, 27, 23), '38'));
    const after = await diagnosticsFor(uri, (d) => d.length === 1);
    assert.deepEqual(after.map(plain), [
      { code: 'units-mismatch', href: `${DOCS_BASE}units-mismatch.md`, severity: 'Error', range: [37, 9, 37, 10] },
    ]);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await diagnosticsFor(uri, (d) => d.length === 2);
  });

  it('"Lint All Notes in the Workspace" puts unopened notes in Problems, once each', async () => {
    const uri = workspaceUri('notes/unopened.note.md');
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the note is not open');
    await vscode.commands.executeCommand('therapyNoteLint.lintWorkspace');
    const diags = await diagnosticsFor(uri, (d) => d.length >= 2);
    assert.deepEqual(diags.map((d) => d.code && typeof d.code === 'object' ? d.code.value : d.code), ['total-time-mismatch', 'units-mismatch']);
    // Opening it hands the note to pull diagnostics: the pushed ones are withdrawn and the
    // pulled ones are the same two, not duplicates.
    const { client } = await api();
    const pushed = () => client.diagnostics?.get(uri) ?? [];
    assert.equal(pushed().length, 2, 'pushed by lintWorkspace');
    await open('notes/unopened.note.md');
    const opened = await diagnosticsFor(uri, (d) => d.length === 2 && pushed().length === 0);
    assert.deepEqual(opened.map((d) => d.code && typeof d.code === 'object' ? d.code.value : d.code), ['total-time-mismatch', 'units-mismatch']);
  });
});
