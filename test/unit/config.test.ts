import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ConfigError, parseConfig } from '../../server/src/engine/config';
import { MEDICARE_KX_THRESHOLDS } from '../../server/src/engine/payers';
import { lint } from '../../server/src/engine/lint';
import { ALL_RULES as RULES } from '../../server/src/engine/rules';
import { FRONT, md } from '../helpers';

const F = '/clinic/.therapy-note-lint.json';
function error(text: string): string {
  try {
    parseConfig(text, F, '/clinic');
  } catch (err) {
    assert.ok(err instanceof ConfigError, String(err));
    return err.message;
  }
  assert.fail('expected a ConfigError');
}

describe('configuration (.therapy-note-lint.json)', () => {
  it('reads JSON with comments and trailing commas', () => {
    const s = parseConfig('{\n  // quiet this one\n  "rules": { "documented-not-billed": "off", "unknown-code": { "severity": "error" }, },\n  /* block */ "defaultPayer": "commercial",\n}', F, '/clinic');
    assert.deepEqual(s.rules['documented-not-billed'], { severity: 'off' });
    assert.deepEqual(s.rules['unknown-code'], { severity: 'error', options: {} });
    assert.equal(s.defaultPayer, 'commercial');
  });
  it('accepts "warn" for "warning", as ESLint users write it', () => {
    assert.deepEqual(parseConfig('{ "rules": { "units-mismatch": "warn" } }', F, '/c').rules['units-mismatch'], { severity: 'warning' });
  });
  it('defines payer profiles: extends, method, cap, modifiers, rules', () => {
    const s = parseConfig('{ "payers": { "bcbs-nd": { "extends": "commercial", "unitCap": 4 }, "uhc": { "extends": "medicare", "requiredModifiers": ["discipline"], "rules": { "missing-total-time": "warning" } }, "medicare": { "unitCap": 8 } } }', F, '/c');
    assert.deepEqual(s.payers['bcbs-nd'], { name: 'bcbs-nd', method: 'ama', unitCap: 4, requiredModifiers: [], rules: {}, kxThresholds: {} });
    assert.deepEqual(s.payers.uhc, {
      name: 'uhc', method: 'cms', unitCap: 8, requiredModifiers: ['discipline'],
      rules: { 'missing-total-time': 'warning', 'progress-note-due': 'warning', 'poc-not-certified': 'warning', 'kx-threshold': 'warning', 'assistant-progress-report': 'error' },
      kxThresholds: MEDICARE_KX_THRESHOLDS,
    });
  });
  it('sets KX thresholds per payer and year over the built-in ones, and names a fee schedule', () => {
    const s = parseConfig('{ "feeSchedule": "fees.csv", "payers": { "medicare": { "kxThresholds": { "2026": { "ptSlp": 2500, "ot": 2400 }, "2027": { "ptSlp": 2600, "ot": 2600 } } } } }', F, '/c');
    assert.equal(s.feeSchedule, 'fees.csv');
    assert.deepEqual(s.payers.medicare.kxThresholds['2025'], { ptSlp: 2410, ot: 2410 });
    assert.deepEqual(s.payers.medicare.kxThresholds['2026'], { ptSlp: 2500, ot: 2400 });
    assert.deepEqual(s.payers.medicare.kxThresholds['2027'], { ptSlp: 2600, ot: 2600 });
    assert.throws(() => parseConfig('{ "payers": { "medicare": { "kxThresholds": { "26": { "ptSlp": 1, "ot": 1 } } } } }', F, '/c'), /"payers.medicare.kxThresholds"/);
    assert.throws(() => parseConfig('{ "payers": { "medicare": { "kxThresholds": { "2026": { "ptSlp": 2480 } } } } }', F, '/c'), /needs "ot"/);
  });
  it('adds codes to the code table', () => {
    const s = parseConfig('{ "codes": { "92526": { "label": "Swallowing treatment", "timed": false, "names": ["dysphagia treatment"] } } }', F, '/c');
    assert.deepEqual(s.codes.get('92526'), { code: '92526', label: 'Swallowing treatment', timed: false, names: ['dysphagia treatment'], source: 'configuration (codes)', evaluation: undefined });
  });
  it('rule severities from the config, the payer profile and the default, in that order', () => {
    const text = md(...FRONT, '## Objective', '- 97530 Ther act 23 min: lifting', '', '## Billing', '- 97530 x2 GP');
    const sev = (cfg: string) => lint(text, { filePath: 'a.note.md', settings: parseConfig(cfg, F, '/c') }).findings.filter((f) => f.ruleId === 'missing-total-time').map((f) => f.severity);
    assert.deepEqual(sev('{}'), ['error', 'error']); // medicare profile
    assert.deepEqual(sev('{ "payers": { "medicare": { "rules": { "missing-total-time": "warning" } } } }'), ['warning', 'warning']);
    assert.deepEqual(sev('{ "rules": { "missing-total-time": "info" } }'), ['info', 'info']);
    assert.deepEqual(sev('{ "rules": { "missing-total-time": "off" } }'), []);
  });

  describe('bad configuration: one clear message naming the file, the place, the key and what was expected', () => {
    const cases: [string, string, string][] = [
      ['invalid JSON', '{\n  "rules": {\n    "units-mismatch": "error"\n  \n}', `${F}:5:2: not valid JSON: expected a closing brace }.`],
      ['not an object', '[1]', `${F}:1:1: expected an object such as { "rules": { … } }.`],
      ['unknown top-level key', '{\n  "rule": {}\n}', `${F}:2:3: unknown key "rule" (did you mean "rules"?); expected one of "rules", "defaultPayer", "payers", "include", "exclude", "ncciPtpFiles", "feeSchedule", "codes".`],
      ['unknown rule id', '{ "rules": { "unit-mismatch": "error" } }', `${F}:1:14: unknown key "rules.unit-mismatch" (did you mean "units-mismatch"?); expected one of ${RULES.map((r) => `"${r.meta.id}"`).join(', ')}.`],
      ['bad severity', '{ "rules": { "units-mismatch": "loud" } }', `${F}:1:32: "rules.units-mismatch" must be a severity ("error", "warning", "info", "off") or an object such as { "severity": "warning" }; found "loud".`],
      ['bad method', '{ "payers": { "x": { "method": "per-code" } } }', `${F}:1:32: "payers.x.method" must be one of "cms", "ama"; found "per-code".`],
      ['bad unit cap', '{ "payers": { "x": { "unitCap": "four" } } }', `${F}:1:33: "payers.x.unitCap" must be a whole number or null; found "four".`],
      ['unknown extends', '{ "payers": { "x": { "extends": "aetna" } } }', `${F}:1:33: payers.x.extends: unknown payer profile "aetna"; known: medicare, medicaid, commercial, x`],
      ['extends loop', '{ "payers": { "a": { "extends": "b" }, "b": { "extends": "a" } } }', `${F}:1:58: payers.b.extends: payer profiles extend each other in a loop (a → b → a)`],
      ['unknown default payer', '{ "defaultPayer": "aetna" }', `${F}:1:19: "defaultPayer" names an unknown payer profile "aetna"; known: medicare, medicaid, commercial.`],
      ['include not a list', '{ "include": "*.md" }', `${F}:1:14: "include" must be a list; found "*.md".`],
      ['a code that is not a code', '{ "codes": { "9752x": { "timed": true } } }', `${F}:1:14: "9752x" under "codes" is not a CPT (five digits) or HCPCS (a letter and four digits) code.`],
      ['a code without timed', '{ "codes": { "92526": { "label": "x" } } }', `${F}:1:23: "codes.92526" needs "timed".`],
    ];
    for (const [name, text, message] of cases) it(name, () => assert.equal(error(text), message));
  });

  it('the JSON schema lists exactly the registered rules', () => {
    const schema = JSON.parse(readFileSync('schemas/therapy-note-lint.schema.json', 'utf8'));
    const ids = RULES.map((r) => r.meta.id);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), ids);
    assert.deepEqual(Object.keys(schema.definitions.payer.properties.rules.properties), ids);
  });
});
