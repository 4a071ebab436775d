import { parseConfig } from '../../server/src/engine/config';
import type { Settings } from '../../server/src/engine/settings';
import { FRONT, front, note, within } from '../helpers';
import { ruleTester } from '../rule-tester';

const cfg = (json: string): Settings => parseConfig(json, '/clinic/.therapy-note-lint.json', '/clinic');

const LIFT = '- 97530 Ther act 23 min: lifting a 10 lb box floor to counter x10 (LTG1)';
const BRIDGE = '- 97110 Ther ex 15 min: bridges 2x12 (LTG1)';
const TOTALS = ['Total timed minutes: 38', 'Total treatment time: 45 min'];
const pt = (billing: string[], fm: string[] = FRONT) => note({ front: fm, objective: [LIFT, BRIDGE], totals: TOTALS, billing });
/** Front matter with `lines` replacing the matching keys (a key with no value removes it). */
const fmWith = (...lines: string[]) => {
  const keys = new Map(lines.map((l) => [l.split(':')[0], l]));
  const out = FRONT.map((l) => (keys.has(l.split(':')[0]) ? keys.get(l.split(':')[0])! : l)).filter((l) => !/^[a-z_]+:$/.test(l));
  for (const [k, l] of keys) if (!out.some((o) => o.startsWith(k + ':')) && !/^[a-z_]+:$/.test(l)) out.splice(out.length - 1, 0, l);
  return out;
};

// ---------------------------------------------------------------------------------------
{
  const bad = pt(['- 97530 x2', '- 97110 x1']);
  const noDiscipline = pt(['- 97530 x2 GP', '- 97110 x1'], fmWith('discipline:', 'provider: Jordan Avery'));
  const otByCredentials = pt(['- 97530 x2', '- 97110 x1 GO'], fmWith('discipline:', 'provider: Kim Park, OTR/L'));
  const dashed = pt(['- 97530-GP x2', '- 97110 x1']);
  const beforeCq = pt(['- 97530 x2 GP CQ', '- 97110 CQ x1'], fmWith('provider: Sam Lee, PTA'));
  const table = pt(['| Code | Mod | Units |', '|---|---|---|', '| 97530 |  | 2 |', '| 97110 | GP | 1 |']);
  const tableNoMod = pt(['| Code | Units |', '|---|---|', '| 97530 | 2 |', '| 97110 GP | 1 |']);
  const crlf = '\uFEFF' + bad.replace(/\n/g, '\r\n');
  ruleTester('missing-discipline-modifier', {
    valid: [
      { name: 'every line has GP', code: pt(['- 97530 x2 GP', '- 97110 x1 GP']) },
      { name: 'the modifier in a table column', code: pt(['| Code | Modifier | Units |', '|---|---|---|', '| 97530 | GP | 2 |', '| 97110 | 59, GP | 1 |']) },
      { name: 'commercial: the profile does not require GP/GO/GN', code: pt(['- 97530 x2', '- 97110 x1'], front('commercial')) },
      { name: 'medicaid: not required', code: pt(['- 97530 x2', '- 97110 x1'], front('medicaid')) },
      { name: 'Medicare with the requirement turned off in the configuration', code: bad, settings: cfg('{ "payers": { "medicare": { "requiredModifiers": ["assistant"] } } }') },
      { name: 'a severity alone does not turn it on for a profile without the requirement', code: pt(['- 97530 x2', '- 97110 x1'], front('commercial')), settings: cfg('{ "rules": { "missing-discipline-modifier": "error" } }') },
      { name: 'an unknown code is left to unknown-code', code: pt(['- 97530 x2 GP', '- 97110 x1 GP', '- 99999 x1']) },
      { name: 'an athletic-trainer evaluation is not a PT/OT/SLP line', code: pt(['- 97530 x2 GP', '- 97110 x1 GP', '- 97169 x1']) },
      { name: 'another discipline’s evaluation: the code, not the modifier, is wrong', code: pt(['- 97530 x2 GP', '- 97110 x1 GP', '- 97165 x1']) },
    ],
    invalid: [
      {
        name: 'lines with units and no modifier: GP after the units',
        code: bad,
        errors: [
          {
            span: within(bad, '- 97530 x2', '97530'),
            severity: 'error',
            message: "Billing line 27 (97530) has no GP, GO or GN modifier. Add GP: the note's discipline is PT (front matter `discipline`), and the `medicare` payer profile requires the modifier of the plan of care on every therapy line (GP: physical therapy; MCPM Ch. 5 §20.1).",
            suggestions: [{ title: 'Add GP to 97530', output: pt(['- 97530 x2 GP', '- 97110 x1']) }],
          },
          { span: within(bad, '- 97110 x1', '97110'), includes: 'Billing line 28 (97110) has no GP, GO or GN modifier. Add GP' },
        ],
        output: pt(['- 97530 x2 GP', '- 97110 x1 GP']),
      },
      {
        name: 'CRLF and a byte-order mark are kept',
        code: crlf,
        errors: [{ span: within(bad, '- 97530 x2', '97530') }, { span: within(bad, '- 97110 x1', '97110') }],
        output: pt(['- 97530 x2 GP', '- 97110 x1 GP']).replace(/\n/g, '\r\n'),
      },
      {
        name: 'a configured profile that requires them',
        code: pt(['- 97530 x2', '- 97110 x1 GP'], front('uhc')),
        settings: cfg('{ "payers": { "uhc": { "extends": "commercial", "requiredModifiers": ["discipline"] } } }'),
        errors: [{ span: '27:3-27:8', includes: 'the `uhc` payer profile requires' }],
        output: pt(['- 97530 x2 GP', '- 97110 x1 GP'], front('uhc')),
      },
      {
        name: 'discipline from the provider’s credentials (OTR/L → GO)',
        code: otByCredentials,
        errors: [{ span: '26:3-26:8', includes: "Add GO: the note's discipline is OT (the provider's credentials)" }],
        output: pt(['- 97530 x2 GO', '- 97110 x1 GO'], fmWith('discipline:', 'provider: Kim Park, OTR/L')),
      },
      {
        name: 'discipline unknown: reported, no fix, asks for `discipline`',
        code: noDiscipline,
        errors: [
          {
            span: '27:3-27:8',
            message: 'Billing line 27 (97110) has no GP, GO or GN modifier. The `medicare` payer profile requires the modifier of the plan of care on every therapy line: GP physical therapy, GO occupational therapy, GN speech-language pathology (MCPM Ch. 5 §20.1). Add the right one, or set `discipline:` in the front matter so the fix can add it.',
            suggestions: [],
          },
        ],
        output: null,
      },
      {
        name: 'the note writes modifiers joined to the code: `-GP` after the code',
        code: dashed,
        errors: [{ span: '28:3-28:8' }],
        output: pt(['- 97530-GP x2', '- 97110-GP x1']),
      },
      {
        name: 'before CQ, with the line’s own separator',
        code: beforeCq,
        errors: [{ span: '28:3-28:8' }],
        output: pt(['- 97530 x2 GP CQ', '- 97110 GP CQ x1'], fmWith('provider: Sam Lee, PTA')),
      },
      {
        name: 'into the empty Modifier cell of a table',
        code: table,
        errors: [{ span: '29:3-29:8' }],
        output: pt(['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GP | 2 |', '| 97110 | GP | 1 |']),
      },
      {
        name: 'a table without a Modifier column: after the code',
        code: tableNoMod,
        errors: [{ span: '29:3-29:8' }],
        output: pt(['| Code | Units |', '|---|---|', '| 97530 GP | 2 |', '| 97110 GP | 1 |']),
      },
      {
        name: 'an OT evaluation takes GO when the note names no discipline',
        code: pt(['- 97530 x2 GO', '- 97110 x1 GO', '- 97166'], fmWith('discipline:', 'provider: Jordan Avery')),
        errors: [{ span: '28:3-28:8', includes: 'Add GO: 97166 is an OT evaluation' }],
        output: pt(['- 97530 x2 GO', '- 97110 x1 GO', '- 97166 GO'], fmWith('discipline:', 'provider: Jordan Avery')),
      },
    ],
  });
}
