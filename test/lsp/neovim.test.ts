/**
 * Neovim 0.7 (headless) as an independent LSP client: push diagnostics and code lenses
 * arrive from dist/server.js (build first). Fails, never skips, when nvim is missing:
 * `scripts/setup-editors.sh` installs it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { FIXTURES, onlyRules } from './harness';

describe('Neovim 0.7 headless client (test/neovim/check.lua)', function () {
  it('receives the exact diagnostics (codes, ranges, severities) and code lens titles', () => {
    const run = spawnSync('timeout', ['60', 'nvim', '--headless', '-n', '-u', 'NONE', '-i', 'NONE', '-c', 'luafile test/neovim/check.lua'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        TNL_FILE: resolve(FIXTURES, 'ws/clinic/visit.note.md'),
        TNL_ROOT: resolve(FIXTURES, 'ws'),
        TNL_SETTINGS: JSON.stringify({ therapyNoteLint: { rules: onlyRules('total-time-mismatch', 'units-mismatch') } }),
      },
    });
    assert.equal(run.status, 0, `nvim exited with ${run.status} (127: nvim is not installed; run scripts/setup-editors.sh): ${run.stderr}`);
    const out = JSON.parse(run.stdout.trim().split('\n').pop()!);
    assert.deepEqual(out, {
      diagnostics: [
        { code: 'total-time-mismatch', source: 'therapy-note-lint', severity: 1, lnum: 19, col: 0, end_lnum: 19, end_col: 23 },
        { code: 'units-mismatch', source: 'therapy-note-lint', severity: 1, lnum: 29, col: 9, end_lnum: 29, end_col: 10 },
      ],
      lenses: [
        { line: 16, title: '97530 · 23 min → 2 units (CMS)', command: '' },
        { line: 17, title: '97110 · 15 min → 1 unit (CMS)', command: '' },
        { line: 28, title: 'Timed 38 min → 3 units: 97530 ×2, 97110 ×1 · billed 4 ✗', command: 'therapyNoteLint.showBillingSummary' },
      ],
    });
  });
});
