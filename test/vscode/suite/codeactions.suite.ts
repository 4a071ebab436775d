import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { diagnosticsFor, diskText, open, plain, workspaceUri } from './helpers';

/** Applies a code action as VS Code's light bulb does: its edit, then its command. */
async function apply(action: vscode.CodeAction): Promise<void> {
  if (action.edit) assert.ok(await vscode.workspace.applyEdit(action.edit), `edit of "${action.title}" applied`);
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('code actions', () => {
  it('offers the quick fixes for a finding, and applying one changes exactly the billed units', async () => {
    const file = 'notes/quickfix.note.md';
    const uri = workspaceUri(file);
    const editor = await open(file);
    const before = editor.document.getText();
    const diags = await diagnosticsFor(uri, (d) => d.length === 2);
    const units = diags.find((d) => plain(d).code === 'units-mismatch')!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, units.range, vscode.CodeActionKind.QuickFix.value);
    const ours = actions.filter((a) => a.title.includes('97530') || a.title.includes('units-mismatch'));
    assert.ok(ours.length > 0, `actions: ${JSON.stringify(actions.map((a) => [a.title, a.kind?.value, a.diagnostics?.map((d) => d.code)]))}`);
    assert.deepEqual(ours.map((a) => [a.title, a.kind?.value, a.isPreferred ?? false]), [
      ['Bill 97530 ×2', 'quickfix', true],
      ['Disable units-mismatch for this line', 'quickfix', false],
      ['Disable units-mismatch for this file', 'quickfix', false],
    ]);
    await apply(ours[0]);
    assert.equal(editor.document.getText(), before.replace('- 97530 x3 GP', '- 97530 x2 GP'));
    const after = await diagnosticsFor(uri, (d) => d.length === 1);
    assert.deepEqual(after.map((d) => plain(d).code), ['total-time-mismatch']);
  });

  it('"Disable … for this line" adds the disable comment and the finding goes', async () => {
    const file = 'notes/quickfix.note.md';
    const uri = workspaceUri(file);
    const editor = await open(file);
    const before = editor.document.getText();
    const [total] = await diagnosticsFor(uri, (d) => d.length === 1);
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, total.range, vscode.CodeActionKind.QuickFix.value);
    const disable = actions.find((a) => a.title === 'Disable total-time-mismatch for this line');
    assert.ok(disable, `found ${JSON.stringify(actions.map((a) => a.title))}`);
    await apply(disable);
    assert.equal(editor.document.getText(), before.replace('Total timed minutes: 40\n', '<!-- therapy-note-lint-disable-next-line total-time-mismatch -->\nTotal timed minutes: 40\n'));
    await diagnosticsFor(uri, (d) => d.length === 0);
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('fix-all on save (editor.codeActionsOnSave: source.fixAll.therapy-note-lint) applies the safe fixes', async () => {
    const file = 'notes/save.note.md';
    const uri = workspaceUri(file);
    const editor = await open(file);
    const before = editor.document.getText();
    await diagnosticsFor(uri, (d) => d.length === 2);
    // Make the document dirty the way a user would, then save it as Ctrl+S does.
    await editor.edit((b) => b.insert(new vscode.Position(17, editor.document.lineAt(17).text.length), ' Slept well.'));
    const expected = before
      .replace('(3/10, was 5/10).\n', '(3/10, was 5/10). Slept well.\n')
      .replace('Total timed minutes: 40\n', 'Total timed minutes: 38\n')
      .replace('- 97530 x3 GP', '- 97530 x2 GP');
    const saved = new Promise<void>((resolve) => {
      const sub = vscode.workspace.onDidSaveTextDocument((d) => { if (d === editor.document) { sub.dispose(); resolve(); } });
    });
    await vscode.commands.executeCommand('workbench.action.files.save');
    await saved;
    assert.equal(editor.document.getText(), expected);
    assert.equal(editor.document.isDirty, false);
    assert.equal(diskText(file), expected);
    await diagnosticsFor(uri, (d) => d.length === 0);
  });
});
