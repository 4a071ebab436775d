import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { open, statusBarFor } from './helpers';

describe('client features', () => {
  it('status bar: the active note\'s units, hidden for other files, updated as the note changes', async () => {
    const visit = 'notes/visit.note.md';
    const any = () => true;
    assert.equal(await statusBarFor(visit, any, () => open(visit)), 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗');
    assert.equal(await statusBarFor('README.md', any, () => open('README.md')), undefined);
    const editor = await open(visit);
    // After an edit, the first update may still be the one the editor change asked for.
    const edited = statusBarFor(visit, (t) => t !== 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗');
    await editor.edit((b) => b.replace(new vscode.Range(37, 9, 37, 10), '2'));
    assert.equal(await edited, 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 3 ✓');
    await statusBarFor(visit, (t) => t === 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗',
      () => vscode.commands.executeCommand('workbench.action.files.revert'));
  });

  it('"Insert Note Template" inserts a SOAP note as a snippet', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    await vscode.window.showTextDocument(doc);
    const inserted = await vscode.commands.executeCommand<vscode.TextDocument>('therapyNoteLint.insertTemplate', 'PT daily note (SOAP)');
    assert.equal(inserted, doc);
    const now = new Date();
    const date = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
    assert.equal(doc.getText(), [
      '---',
      'patient: ID',
      `date: ${date}`,
      'discipline: PT',
      'payer: medicare',
      'provider: Name, PT, DPT',
      'note_type: daily',
      'visit: 1',
      '---',
      '',
      '# PT Daily Note',
      '',
      '## Goals',
      '- LTG1: Patient will … within … weeks.',
      '- STG1: Patient will … within … weeks.',
      '',
      '## Subjective',
      'Patient reports …',
      '',
      '## Objective',
      '',
      '### 97110 Therapeutic exercise — 15 min',
      'Task and parameters (reps, load, distance) (STG1). Cues and assist level.',
      '',
      'Total timed minutes: 15',
      'Total treatment time: 15 min',
      '',
      '## Assessment',
      'Patient demonstrated …',
      '',
      '## Plan',
      'Continue …',
      '',
      '## Billing',
      '- 97110 x1 GP',
      '',
      'Signed: Name, PT, DPT',
      '',
    ].join('\n'));
    // The first placeholder (the patient id) is selected, ready to type over.
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.getText(editor.selection), 'ID');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
