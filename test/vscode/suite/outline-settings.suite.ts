import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFor, open, plain, workspaceUri } from './helpers';

type Outline = [string, string, number, number, Outline[]];
function outline(s: vscode.DocumentSymbol): Outline {
  return [s.name, vscode.SymbolKind[s.kind], s.range.start.line, s.range.end.line, s.children.map(outline)];
}

const codes = (d: vscode.Diagnostic[]) => d.map((x) => [plain(x).code, plain(x).severity]);

describe('outline, completion and settings', () => {
  it('document symbols: the SOAP outline with goals, interventions and billing lines', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', uri);
    // VS Code merges every provider's symbols; the built-in Markdown one gives the headings
    // as written ("## Goals"), ours the SOAP outline.
    const ours = symbols.filter((s) => !s.name.startsWith('#'));
    assert.deepEqual(ours.map(outline), EXPECTED_OUTLINE);
  });

  it('completion: modifiers after a code on a billing line', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    // "- 97530 x3 GP": after "GP" (line 38, character 13).
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(37, 13));
    const modifiers = list.items.filter((i) => i.kind === vscode.CompletionItemKind.EnumMember)
      .map((i) => (typeof i.label === 'string' ? i.label : i.label.label)).sort();
    assert.deepEqual(modifiers, ['59', 'CO', 'CQ', 'GN', 'GO', 'GP', 'KX', 'XE', 'XP', 'XS', 'XU']);
    const gp = list.items.find((i) => i.label === 'GP')!;
    assert.equal(gp.detail, 'Services under a physical therapy plan of care');
  });

  it('completion in Objective: the goal ids the note defines', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, new vscode.Position(22, 0));
    const goals = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(goals, ['LTG1', 'STG1']);
  });

  it('settings: therapyNoteLint.rules changes a severity; a .therapy-note-lint.json overrides it', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const config = () => vscode.workspace.getConfiguration('therapyNoteLint', uri);
    await diagnosticsFor(uri, (d) => d.length === 2);
    try {
      await config().update('rules', { 'units-mismatch': 'warning', 'total-time-mismatch': 'off' }, vscode.ConfigurationTarget.Workspace);
      const warned = await diagnosticsFor(uri, (d) => d.length === 1);
      assert.deepEqual(codes(warned), [['units-mismatch', 'Warning']]);

      const file = workspaceUri('notes/.therapy-note-lint.json');
      await vscode.workspace.fs.writeFile(file, Buffer.from('{ "rules": { "units-mismatch": "info" } }\n'));
      try {
        const info = await diagnosticsFor(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Information);
        assert.deepEqual(codes(info), [['units-mismatch', 'Information']]);
      } finally {
        await vscode.workspace.fs.delete(file);
      }
      await diagnosticsFor(uri, (d) => d.length === 1 && d[0].severity === vscode.DiagnosticSeverity.Warning);
    } finally {
      await config().update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    assert.deepEqual(codes(await diagnosticsFor(uri, (d) => d.length === 2)), [['total-time-mismatch', 'Error'], ['units-mismatch', 'Error']]);
  });

  it('settings: therapyNoteLint.codeLens.enable false hides the code lenses', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const lenses = () => vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.equal((await lenses()).length, 3);
    const config = vscode.workspace.getConfiguration('therapyNoteLint', uri);
    await diagnosticsFor(uri, (d) => d.length === 2);
    // The server learns of each change (workspace/didChangeConfiguration), compares the
    // settings with those it used and, as they differ, asks VS Code for diagnostics and
    // lenses again. Hiding lenses changes no diagnostic, so a second change that does
    // (units-mismatch as a warning) tells when the server has taken both in: settings
    // notifications are handled in order.
    await config.update('codeLens.enable', false, vscode.ConfigurationTarget.Workspace);
    try {
      await config.update('rules', { 'units-mismatch': 'warning' }, vscode.ConfigurationTarget.Workspace);
      await diagnosticsFor(uri, (d) => d.some((x) => x.code && typeof x.code === 'object' && x.code.value === 'units-mismatch' && x.severity === vscode.DiagnosticSeverity.Warning));
      assert.deepEqual(await lenses(), []);
    } finally {
      await config.update('codeLens.enable', undefined, vscode.ConfigurationTarget.Workspace);
      await config.update('rules', undefined, vscode.ConfigurationTarget.Workspace);
    }
    await diagnosticsFor(uri, (d) => d.length === 2 && d.every((x) => x.severity === vscode.DiagnosticSeverity.Error));
    assert.equal((await lenses()).length, 3);
  });
});

const EXPECTED_OUTLINE: Outline[] = [
  ['Goals', 'Namespace', 12, 14, [['LTG1', 'Constant', 13, 13, []], ['STG1', 'Constant', 14, 14, []]]],
  ['Subjective', 'Namespace', 16, 17, []],
  ['Objective', 'Namespace', 19, 28, [['97530 · 23 min', 'Event', 21, 22, []], ['97110 · 15 min', 'Event', 24, 25, []]]],
  ['Assessment', 'Namespace', 30, 31, []],
  ['Plan', 'Namespace', 33, 34, []],
  ['Billing', 'Namespace', 36, 40, [['97530 ×3 GP', 'Number', 37, 37, []], ['97110 ×1 GP', 'Number', 38, 38, []]]],
];
