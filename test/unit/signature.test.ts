/** Credentials, signature lines and the note's provider (note-format.md, "Front matter"). */
import assert from 'node:assert/strict';
import { findSignatures, noteProvider, parseCredentials } from '../../server/src/engine/signature';
import { md, model } from '../helpers';

describe('credentials and signatures', () => {
  it('parses credentials written in capitals, with dots and slashes', () => {
    assert.deepEqual(parseCredentials('Ana Ruiz, PT, DPT').map((c) => [c.value, c.discipline, c.assistant]), [['PT', 'PT', false], ['DPT', 'PT', false]]);
    assert.deepEqual(parseCredentials('Jo Park, OTR/L; Sam Lee, P.T.A.').map((c) => c.value), ['OTR/L', 'PTA']);
    assert.deepEqual(parseCredentials('Lena Ortiz, MS, CCC-SLP').map((c) => [c.value, c.discipline]), [['CCC-SLP', 'SLP']]);
    assert.deepEqual(parseCredentials('COTA/L').map((c) => c.assistant), [true]);
  });
  it('"pt" in lower case is the word patient, not a credential', () => {
    assert.deepEqual(parseCredentials('pt entered 3 appointments, pt tolerated'), []);
  });
  it('finds signature lines in their common forms, and co-signatures', () => {
    const m = model(md('## S', 'ok', '## P', 'Continue.', '', '**Signed:** Sam Lee, PTA', 'Electronically signed by Ana Ruiz, DPT on 2026-04-07', 'Co-signed by: Ana Ruiz, DPT', '— Jo Park, OTR/L'));
    assert.deepEqual(findSignatures(m).map((s) => [s.line, s.text, s.cosign]), [
      [5, 'Sam Lee, PTA', false],
      [6, 'Ana Ruiz, DPT on 2026-04-07', false],
      [7, 'Ana Ruiz, DPT', true],
      [8, 'Jo Park, OTR/L', false],
    ]);
  });
  it('an entry line with a comma and "pt" is not a signature', () => {
    const m = model(md('## S', 'ok', '## O', '- 92507 Speech treatment — 30 min: memory notebook, pt entered 3 appointments, 5 trials.', '## P', 'Continue.'));
    assert.deepEqual(findSignatures(m), []);
  });
  it('a bare "Name, CRED" line counts only among the last lines', () => {
    const early = model(md('## S', 'Ana Ruiz, DPT', '## O', 'a', 'b', 'c', 'd', 'e', 'f', '## P', 'Continue.'));
    assert.deepEqual(findSignatures(early), []);
    const last = model(md('## S', 'ok', '## P', 'Continue.', '', 'Ana Ruiz, PT, DPT'));
    assert.deepEqual(findSignatures(last).map((s) => s.text), ['Ana Ruiz, PT, DPT']);
  });
  it('the provider: front matter first, then the treating signer; assistants', () => {
    const signedByPta = model(md('## S', 'ok', '## P', 'Continue.', '', 'Signed: Sam Lee, PTA', 'Co-signed: Ana Ruiz, DPT'));
    assert.deepEqual([noteProvider(signedByPta).discipline, noteProvider(signedByPta).assistant], ['PT', true]);
    const fm = model(md('---', 'provider: Jo Park, COTA/L', '---', '## S', 'ok', '## P', 'Continue.'));
    assert.deepEqual([noteProvider(fm).discipline, noteProvider(fm).assistant], ['OT', true]);
    const none = model(md('## S', 'ok', '## P', 'Continue.'));
    assert.deepEqual([noteProvider(none).discipline, noteProvider(none).assistant], [null, null]);
  });
});
