import assert from 'node:assert/strict';
import { BUILTIN_CODES, CodeTable, normalizeName } from '../../server/src/engine/codes';

/** billing-rules.md §3: every code with its timed/untimed classification. */
const TIMED = ['97110', '97112', '97113', '97116', '97124', '97129', '97130', '97140', '97530', '97533', '97535', '97537', '97542', '97750', '97755', '97760', '97761', '97763', '97032', '97033', '97034', '97035', '97036', 'G0237', 'G0238', 'S8948'];
const UNTIMED = ['97150', '97010', '97012', '97014', 'G0283', '97016', '97018', '97022', '97024', '97026', '97028', '97161', '97162', '97163', '97164', '97165', '97166', '97167', '97168', '97169', '97170', '97171', '97172', '92507', '92508', '92521', '92522', '92523', '92524', '97597', '97598', '97605', '97606'];

describe('code table (billing-rules.md §3)', () => {
  const table = new CodeTable();
  it('has every timed code as timed and every untimed code as untimed, and nothing else', () => {
    for (const c of TIMED) assert.equal(table.get(c)?.timed, true, c);
    for (const c of UNTIMED) assert.equal(table.get(c)?.timed, false, c);
    assert.deepEqual(BUILTIN_CODES.map((c) => c.code).sort(), [...TIMED, ...UNTIMED].sort());
  });
  it('gives every code our own short label and a source', () => {
    for (const c of BUILTIN_CODES) {
      assert.ok(c.label.length > 3 && c.label.length <= 90, c.code);
      assert.ok(c.source.length > 0, c.code);
    }
  });
  it('maps the names of note-format.md to their codes', () => {
    const names: [string, string][] = [
      ['therapeutic activities', '97530'], ['ther act', '97530'], ['therapeutic exercise', '97110'], ['ther ex', '97110'],
      ['neuromuscular re-education', '97112'], ['nmr', '97112'], ['neuro re-ed', '97112'], ['manual therapy', '97140'],
      ['gait training', '97116'], ['self-care/home management', '97535'], ['adl training', '97535'], ['group therapy', '97150'],
    ];
    for (const [name, code] of names) assert.equal(table.names.find((n) => n.key === name)?.code, code, name);
    assert.equal(normalizeName('Neuro re\u2012ed'), 'neuro re-ed');
  });
  it('suggests the nearest known codes for a typo', () => {
    assert.deepEqual(table.nearest('9753'), ['97530', '97533', '97535']);
    assert.deepEqual(table.nearest('97350').slice(0, 1), ['97530']);
    assert.deepEqual(table.nearest('12345'), []);
  });
});
