import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { DOCS_BASE, open, workspaceUri } from './helpers';

function markdownOf(hover: vscode.Hover): string {
  return hover.contents.map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('code lenses and hovers', () => {
  it('code lenses: units per intervention and the billing summary, which opens the breakdown', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri, 10);
    assert.deepEqual(lenses.map((l) => [l.range.start.line, l.command?.title]), [
      [21, '97530 · 23 min → 2 units (CMS)'],
      [24, '97110 · 15 min → 1 unit (CMS)'],
      [36, 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗'],
    ]);
    const summary = lenses[2].command!;
    assert.equal(summary.command, 'therapyNoteLint.showBillingSummary');
    const shown = await vscode.commands.executeCommand<vscode.Uri>(summary.command, ...(summary.arguments ?? []));
    assert.ok(shown, 'the command returns the summary document');
    assert.equal(shown.scheme, 'therapy-note-lint-billing');
    const doc = await vscode.workspace.openTextDocument(shown);
    assert.equal(doc.getText(), SUMMARY);
    assert.equal(doc.languageId, 'markdown');
  });

  it('hover on a CPT code: label, timed, minutes and units with the arithmetic', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(21, 6));
    const ours = hovers.filter((h) => markdownOf(h).includes('97530'));
    assert.equal(ours.length, 1, JSON.stringify(hovers.map(markdownOf)));
    assert.deepEqual([ours[0].range?.start.line, ours[0].range?.start.character, ours[0].range?.end.character], [21, 4, 9]);
    assert.equal(markdownOf(ours[0]), HOVER_97530);
  });

  it('hover on a finding: the rule\'s why and its bad and good example', async () => {
    const uri = workspaceUri('notes/visit.note.md');
    await open('notes/visit.note.md');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(27, 3));
    const ours = hovers.map(markdownOf).filter((m) => m.startsWith('**total-time-mismatch** · '));
    assert.equal(ours.length, 1, JSON.stringify(hovers.map(markdownOf)));
    const md = ours[0];
    assert.ok(md.includes('**Why.** '), md);
    assert.ok(md.includes('**Bad example.** The entries add up to 42 minutes, but the total says 40.'), md);
    assert.ok(md.includes('**Good example.**'), md);
    assert.ok(md.endsWith(`[Rule page](${DOCS_BASE}total-time-mismatch.md)`), md);
  });
});

const ARITHMETIC = 'CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.';

const HOVER_97530 = [
  '**97530** · Dynamic functional task training, one-on-one',
  '',
  'Timed code: billed in 15-minute units from the minutes documented.',
  '',
  'This note (payer `medicare`, CMS total-time method): 23 min → 2 units.',
  '',
  ARITHMETIC,
  '',
  'Billed: ×3 GP.',
].join('\n');

const SUMMARY = [
  '**Billing** · payer `medicare`, CMS total-time method',
  '',
  'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗',
  '',
  '| Code | Procedure | Timed | Minutes | Units | Billed |',
  '|---|---|---|---:|---:|---:|',
  '| 97530 | Dynamic functional task training, one-on-one | timed | 23 | 2 | 3 GP |',
  '| 97110 | Exercise for strength, endurance, range of motion or flexibility | timed | 15 | 1 | 1 GP |',
  '',
  ARITHMETIC,
  '',
].join('\n');
