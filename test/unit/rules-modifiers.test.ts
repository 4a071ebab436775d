import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyFixes } from '../../server/src/engine/fix';
import { lint } from '../../server/src/engine/lint';
import { parseConfig } from '../../server/src/engine/config';
import { parsePtpFile, PtpTable } from '../../server/src/engine/ncci';
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

// ---------------------------------------------------------------------------------------
{
  const bad = pt(['- 97530 x2 GO', '- 97110 x1 GP']);
  const both = pt(['- 97530 x2 GP GO', '- 97110 x1 GP']);
  const dashedBoth = pt(['- 97530-GO-GP x2', '- 97110-GN-GO x1']);
  const slp = (mod: string) =>
    note({
      front: fmWith('discipline:', 'provider: Lena Ortiz, MS, CCC-SLP'),
      objective: ['- 92507 Speech-language treatment 45 min: confrontation naming 14/20 with phonemic cues (LTG1)'],
      totals: ['Total treatment time: 45 min'],
      billing: [`- 92507 x1 ${mod}`],
    });
  ruleTester('discipline-modifier-mismatch', {
    valid: [
      { name: 'GP on a PT note', code: pt(['- 97530 x2 GP', '- 97110 x1 GP']) },
      { name: 'GN on an SLP note (discipline from CCC-SLP)', code: slp('GN') },
      { name: 'no discipline known: nothing to compare with', code: pt(['- 97530 x2 GO', '- 97110 x1 GO'], fmWith('discipline:', 'provider: Jordan Avery')) },
      { name: 'commercial notes too, but only a wrong modifier counts', code: pt(['- 97530 x2 GP', '- 97110 x1'], front('commercial')) },
      { name: 'another discipline’s evaluation is left alone', code: pt(['- 97530 x2 GP', '- 97110 x1 GP', '- 97165 GO']) },
      { name: 'a PT evaluation with GP on a note with no discipline', code: pt(['- 97163 GP'], fmWith('discipline:', 'provider: Jordan Avery')) },
    ],
    invalid: [
      {
        name: 'GO on a PT note: replaced by GP',
        code: bad,
        errors: [
          {
            span: within(bad, '- 97530 x2 GO', 'GO'),
            severity: 'error',
            message: "Billing line 27 (97530) has GO (occupational therapy), but the note's discipline is PT (front matter `discipline`): physical therapy services take GP (MCPM Ch. 5 §20.1). Replace GO with GP.",
            suggestions: ['Replace GO with GP'],
          },
        ],
        output: pt(['- 97530 x2 GP', '- 97110 x1 GP']),
      },
      {
        name: 'GP and GO on one line: GO is removed with its separator',
        code: both,
        errors: [
          {
            span: within(both, '- 97530 x2 GP GO', 'GO'),
            message: "Billing line 27 (97530) has GO (occupational therapy) as well as GP, but the note's discipline is PT (front matter `discipline`). A line takes one of GP, GO and GN, for the plan of care the service is under (MCPM Ch. 5 §20.1): remove GO.",
            suggestions: [{ title: 'Remove GO from 97530', output: pt(['- 97530 x2 GP', '- 97110 x1 GP']) }],
          },
        ],
        output: pt(['- 97530 x2 GP', '- 97110 x1 GP']),
      },
      {
        name: 'dash-joined: the wrong one first, and two wrong ones',
        code: dashedBoth,
        errors: [{ span: '27:9-27:11' }, { span: '28:9-28:11' }, { span: '28:12-28:14' }],
        output: pt(['- 97530-GP x2', '- 97110-GP x1']),
      },
      {
        name: 'GP on an SLP note whose discipline comes from the credentials',
        code: slp('GP'),
        errors: [{ span: within(slp('GP'), '- 92507 x1 GP', 'GP'), includes: "the note's discipline is SLP (the provider's credentials): speech-language pathology services take GN" }],
        output: slp('GN'),
      },
      {
        name: 'a PT evaluation with GO on a note with no discipline',
        code: pt(['- 97163 GO'], fmWith('discipline:', 'provider: Jordan Avery')),
        errors: [{ span: '26:9-26:11', includes: 'but 97163 is a PT evaluation: physical therapy services take GP' }],
        output: pt(['- 97163 GP'], fmWith('discipline:', 'provider: Jordan Avery')),
      },
      {
        name: 'in a table’s Modifier column',
        code: pt(['| Code | Modifier | Units |', '|---|---|---|', '| 97530 | GO | 2 |', '| 97110 | GP | 1 |']),
        errors: [{ span: '29:11-29:13' }],
        output: pt(['| Code | Modifier | Units |', '|---|---|---|', '| 97530 | GP | 2 |', '| 97110 | GP | 1 |']),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const PTA = fmWith('provider: Sam Lee, PTA', 'supervisor: Jordan Avery, PT, DPT');
  const COTA = fmWith('discipline: OT', 'provider: Kim Park, COTA/L');
  const bad = pt(['- 97530 x2 GP', '- 97110 x1 GP'], PTA);
  const signedOnly = (billing: string[]) => pt(billing, fmWith('provider:')) + 'Signed: Sam Lee, PTA\n';
  ruleTester('assistant-modifier-missing', {
    valid: [
      { name: 'a PTA’s note with CQ on every line', code: pt(['- 97530 x2 GP CQ', '- 97110 x1 GP-CQ'], PTA) },
      { name: 'a therapist’s note needs no CQ', code: pt(['- 97530 x2 GP', '- 97110 x1 GP']) },
      { name: 'a PT co-signature does not make the note a PTA’s', code: pt(['- 97530 x2 GP', '- 97110 x1 GP'], fmWith('provider:')) + 'Signed: Jordan Avery, PT, DPT\nCo-signed by: Sam Lee, PTA\n' },
      { name: 'an SLPA: CMS defines no assistant modifier', code: pt(['- 97530 x2 GN', '- 97110 x1 GN'], fmWith('discipline: SLP', 'provider: Ari Cole, SLPA')) },
      { name: 'commercial: the profile does not require CQ/CO', code: pt(['- 97530 x2 GP', '- 97110 x1 GP'], fmWith('payer: commercial', 'provider: Sam Lee, PTA')) },
      { name: 'Medicare with the requirement turned off', code: bad, settings: cfg('{ "payers": { "medicare": { "requiredModifiers": ["discipline"] } } }') },
      { name: 'before 2020-01-01, when CQ/CO were not required', code: pt(['- 97530 x2 GP', '- 97110 x1 GP'], fmWith('date: 2019-12-31', 'provider: Sam Lee, PTA')) },
      { name: 'evaluation codes are left out', code: pt(['- 97530 x2 GP CQ', '- 97110 x1 GP CQ', '- 97164 GP'], PTA) },
    ],
    invalid: [
      {
        name: 'a PTA’s note without CQ: CQ after GP',
        code: bad,
        errors: [
          {
            span: within(bad, '- 97530 x2 GP', '97530'),
            severity: 'warning',
            message:
              'Billing line 28 (97530) has no CQ, but the provider is a physical therapist assistant (PTA). The `medicare` payer profile requires CQ, paired with GP, on services a physical therapist assistant furnished in whole or in part (MCPM Ch. 5 §20.1). If the therapist furnished this service alone, leave it without CQ and disable this finding.',
            suggestions: [{ title: 'Add CQ to 97530', output: pt(['- 97530 x2 GP CQ', '- 97110 x1 GP'], PTA) }],
          },
          { span: within(bad, '- 97110 x1 GP', '97110'), severity: 'warning' },
        ],
        output: pt(['- 97530 x2 GP CQ', '- 97110 x1 GP CQ'], PTA),
      },
      {
        name: 'dash-joined, and right after GP when other modifiers follow',
        code: pt(['- 97530-GP x2', '- 97140-GP-59 x1'], PTA),
        errors: [{ span: '28:3-28:8' }, { span: '29:3-29:8' }],
        output: pt(['- 97530-GP-CQ x2', '- 97140-GP-CQ-59 x1'], PTA),
      },
      {
        name: 'a COTA/L’s note: CO',
        code: pt(['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GO | 2 |', '| 97110 | GO, CO | 1 |'], COTA),
        errors: [{ span: '29:3-29:8', includes: 'has no CO, but the provider is an occupational therapy assistant (COTA/L)' }],
        output: pt(['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GO CO | 2 |', '| 97110 | GO, CO | 1 |'], COTA),
      },
      {
        name: 'the other discipline’s assistant modifier is replaced',
        code: pt(['- 97530 x2 GP CO', '- 97110 x1 GP CQ'], PTA),
        errors: [{ span: '28:15-28:17', includes: 'has no CQ (it has CO, the modifier of the other discipline\'s assistants)' }],
        output: pt(['- 97530 x2 GP CQ', '- 97110 x1 GP CQ'], PTA),
      },
      {
        name: 'the assistant known from the signature line',
        code: signedOnly(['- 97530 x2 GP', '- 97110 x1 GP CQ']),
        errors: [{ span: '26:3-26:8', includes: '(PTA)' }],
        output: signedOnly(['- 97530 x2 GP CQ', '- 97110 x1 GP CQ']),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const NMR = '- 97112 NMR 38 min: tandem walking on foam 6 x 20 ft (LTG1)';
  const EX = '- 97110 Ther ex 23 min: step-ups 3x10 (LTG1)';
  const GROUP = '- 97150 Group therapy 30 min: balance class of 3 (LTG1)';
  const visit = (billing: string[], fm = front('commercial'), objective = [NMR, EX]) =>
    note({ front: fm, objective, totals: ['Total timed minutes: 61', 'Total treatment time: 61 min'], billing });
  const bad = visit(['- 97112 x3 GP', '- 97110 x2 GP']);
  ruleTester('payer-unit-cap', {
    valid: [
      { name: 'commercial: 4 units, the cap', code: visit(['- 97112 x2 GP', '- 97110 x2 GP']) },
      { name: 'medicare has no cap', code: visit(['- 97112 x3 GP', '- 97110 x1 GP'], FRONT) },
      { name: 'untimed codes are not counted', code: visit(['- 97112 x2 GP', '- 97110 x2 GP', '- 97150 x1 GP'], front('commercial'), [NMR, EX, GROUP]) },
      { name: 'a configured profile without a cap', code: bad, settings: cfg('{ "payers": { "commercial": { "unitCap": null } } }') },
      { name: 'a configured higher cap', code: bad, settings: cfg('{ "payers": { "commercial": { "unitCap": 6 } } }') },
    ],
    invalid: [
      {
        name: 'commercial: 5 timed units over the cap of 4',
        code: bad,
        errors: [
          {
            span: within(bad, '## Billing', 'Billing'),
            severity: 'warning',
            message:
              "Billed timed units total 5 (97112 ×3, 97110 ×2), over the daily cap of 4 in the `commercial` payer profile. The cap is a payer setting (`payers.commercial.unitCap` in .therapy-note-lint.json), not a CMS rule: check this payer's policy. Units over a payer's cap may be denied as not medically necessary.",
          },
        ],
        output: null,
      },
      {
        name: 'a cap on a configured profile, several lines of one code added',
        code: visit(['- 97112 x2 GP', '- 97112 x1 GP', '- 97110 x1 GP'], front('bcbs-nd')),
        settings: cfg('{ "payers": { "bcbs-nd": { "extends": "medicare", "unitCap": 3 } } }'),
        errors: [{ span: within(bad, '## Billing', 'Billing'), includes: 'Billed timed units total 4 (97112 ×3, 97110 ×1), over the daily cap of 3 in the `bcbs-nd` payer profile' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const ptp = (): Settings => {
    const s = cfg('{ "ncciPtpFiles": ["ncci/ptp-therapy-f1.txt"] }');
    return { ...s, ncci: new PtpTable(parsePtpFile(readFileSync('test/fixtures/ncci/ptp-therapy-f1.txt', 'latin1'), 'ncci/ptp-therapy-f1.txt'), ['ncci/ptp-therapy-f1.txt']) };
  };
  const MANUAL = '- 97140 Manual therapy 15 min: STM R upper trapezius (LTG1)';
  const visit = (billing: string[], fm = FRONT, objective = [LIFT, MANUAL]) => note({ front: fm, objective, totals: TOTALS, billing });
  const bad = visit(['- 97530 x2 GP', '- 97140 x1 GP']);
  const reeval = (billing: string[]) => visit(billing, FRONT, [LIFT, '- 97164 PT re-evaluation: knee flexion 95° to 110° since the last report (LTG1)']);
  const dated = (date: string, billing: string[]) => visit(billing, fmWith(`date: ${date}`));
  const undated = (billing: string[]) => visit(billing, fmWith('date:'));
  ruleTester('ncci-pair-modifier', {
    valid: [
      { name: '97530 + 97140 with 59 on 97140', code: visit(['- 97530 x2 GP', '- 97140 x1 GP 59']) },
      { name: '97530 + 97140 with XU on 97530: either code satisfies the disputed pair', code: visit(['- 97530-XU-GP x2', '- 97140-GP x1']) },
      { name: 'no Medicare edit for 97530 + 97110', code: visit(['- 97530 x2 GP', '- 97110 x1 GP'], FRONT, [LIFT, BRIDGE]) },
      { name: 'a re-evaluation with 59 on it', code: reeval(['- 97530 x2 GP', '- 97164 GP 59']) },
      { name: '97750 + 97164: either code’s modifier', code: reeval(['- 97750 x1 GP XU', '- 97164 GP']) },
      { name: 'one code only', code: visit(['- 97530 x2 GP']) },
      { name: 'PTP file: its column 2 (97530) carries the modifier', code: visit(['- 97530 x2 GP 59', '- 97140 x1 GP']), settings: ptp() },
      { name: 'PTP file: the pair is not in force on the date of service', code: dated('2020-06-01', ['- 97161 GP', '- 97530 x2 GP']), settings: ptp() },
      { name: 'PTP file: indicator 9 is not an edit', code: dated('2021-01-01', ['- 97110 x1 GP', '- 97112 x1 GP']), settings: ptp() },
      { name: 'PTP file: a built-in pair the file does not list', code: reeval(['- 97110 x2 GP', '- 97164 GP']), settings: ptp() },
    ],
    invalid: [
      {
        name: '97530 + 97140 without a modifier: quick fixes on 97140, no automatic fix',
        code: bad,
        errors: [
          {
            span: within(bad, '- 97140 x1 GP', '97140'),
            severity: 'error',
            message:
              '97530 (line 27) and 97140 (line 28) are billed together without a distinct-service modifier (59, XE, XS, XP or XU) on either. Payers edit this NCCI pair, and sources dispute which code is column 2, so a modifier on either code satisfies this check (billing-rules.md §6.3 [secondary]; sources dispute the column order). Append 59 or XU only if the documentation shows the two were distinct services (NCCI Ch. 11 §P: "performed in different timed intervals"); otherwise bill one of them.',
            suggestions: [
              { title: 'Append 59 to 97140 (line 28)', output: visit(['- 97530 x2 GP', '- 97140 x1 GP 59']) },
              { title: 'Append XU to 97140 (line 28)', output: visit(['- 97530 x2 GP', '- 97140 x1 GP XU']) },
            ],
          },
        ],
        output: null,
      },
      {
        name: 'a re-evaluation billed with a therapy code: the modifier belongs on 97164',
        code: reeval(['- 97530-59-GP x2', '- 97164-GP']),
        errors: [
          {
            span: '28:3-28:8',
            message:
              "97530 (line 27) and 97164 (line 28) are billed together, and 97164 carries no 59 or X modifier. NCCI edits pair therapy codes (column 1) with the re-evaluation 97164 (column 2): report the re-evaluation with 59 or XU only when the patient's status has changed (NCCI Policy Manual Ch. 11 §P). The modifier on 97530 does not count: it belongs on the column-2 code.",
            suggestions: [{ title: 'Append 59 to 97164 (line 28)', output: reeval(['- 97530-59-GP x2', '- 97164-GP-59']) }, 'Append XU to 97164 (line 28)'],
          },
        ],
        output: null,
      },
      {
        name: 'a test with an evaluation (order not stated)',
        code: visit(['- 97162 GP', '- 97750 x1 GP']),
        errors: [{ span: '28:3-28:8', includes: '97750 is not separately reportable with an evaluation (97162) on the same date by the same practitioner or specialty' }],
        output: null,
      },
      {
        name: 'PTP file: its order (97140 column 1, 97530 column 2) decides, 59 on 97140 does not count',
        code: visit(['- 97530 x2 GP', '- 97140 x1 GP 59']),
        settings: ptp(),
        errors: [
          {
            span: '27:3-27:8',
            message:
              '97140 (line 28) and 97530 (line 27) are an NCCI procedure-to-procedure pair with modifier indicator 1 in the PTP file ncci/ptp-therapy-f1.txt (line 9, effective 2020-01-01), and 97530 (column 2) carries no 59 or X modifier, so it will be denied. The modifier on 97140 does not count: it belongs on the column-2 code. Append 59 or XU only if the documentation shows the two were distinct services (NCCI Ch. 11 §P: "performed in different timed intervals"); otherwise bill one of them.',
            suggestions: ['Append 59 to 97530 (line 27)', 'Append XU to 97530 (line 27)'],
          },
        ],
        output: null,
      },
      {
        name: 'PTP file: indicator 0 on the date of service; a modifier cannot bypass it',
        code: dated('2020-01-10', ['- 97161 GP', '- 97530 x2 GP 59']),
        settings: ptp(),
        errors: [
          {
            span: '28:3-28:8',
            message:
              '97161 (line 27) and 97530 (line 28) are an NCCI procedure-to-procedure pair with modifier indicator 0 in the PTP file ncci/ptp-therapy-f1.txt (line 10, effective 2020-01-01): no modifier can bypass it, so 97530 (column 2) is not payable with 97161 (column 1) for the same patient, provider and day. Bill one of them, or check the current PTP file.',
            suggestions: [],
          },
        ],
        output: null,
      },
      {
        name: 'PTP file: a note without a date is checked against the active rows',
        code: undated(['- 97530 x2 GP', '- 97140 x1 GP']),
        settings: ptp(),
        errors: [{ span: '26:3-26:8', includes: 'in the PTP file ncci/ptp-therapy-f1.txt (line 9, effective 2020-01-01), and 97530 (column 2)' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const v = (objective: string[], billing: string[]) => note({ objective, totals: TOTALS, billing });
  const BILL = ['- 97530 x2 GP', '- 97140 x1 GP 59'];
  const overlap = v(['- 97530 Ther act 10:05–10:28: overhead reaching to a shelf, R shoulder (LTG1)', '- 97140 Manual therapy 10:15–10:30: STM R shoulder (LTG1)'], BILL);
  ruleTester('modifier-59-undocumented', {
    valid: [
      { name: 'each code has its own entry with its own minutes (same region)', code: v(['- 97530 Ther act 23 min: overhead reaching, R shoulder (LTG1)', '- 97140 Manual therapy 15 min: STM R shoulder (LTG1)'], BILL) },
      { name: 'non-overlapping clock times', code: v(['- 97530 Ther act 10:00–10:23: lifting (LTG1)', '- 97140 Manual therapy 10:25–10:40: STM (LTG1)'], BILL) },
      { name: 'adjacent clock times (one ends as the other starts)', code: v(['- 97140 Manual therapy 10:00–10:15: STM (LTG1)', '- 97530 Ther act 10:15–10:38: lifting (LTG1)'], BILL) },
      { name: 'am/pm on one range only', code: v(['- 97530 Ther act 1:55pm–2:18pm: lifting (LTG1)', '- 97140 Manual therapy 2:20–2:35: STM (LTG1)'], BILL) },
      { name: 'Start and End table columns that do not overlap', code: v(['| Code | Intervention | Start | End | Details |', '|---|---|---|---|---|', '| 97530 | Ther act | 10:00 | 10:23 | lifting (LTG1) |', '| 97140 | Manual therapy | 10:25 | 10:40 | STM (LTG1) |'], BILL) },
      { name: 'different body regions, even without minutes on one entry', code: v(['- 97530 Ther act 23 min: overhead reaching to a shelf with the L shoulder (LTG1)', '- 97140 Manual therapy: joint mobilization R knee (LTG1)'], BILL) },
      { name: 'different body regions, even with overlapping clock times', code: v(['- 97530 Ther act 10:05–10:28: reaching, L shoulder (LTG1)', '- 97140 Manual therapy 10:15–10:30: STM R calf (LTG1)'], BILL) },
      { name: 'XP (another practitioner) is not something the entries show', code: v(['- 97530/97140 — 30 min: STM then lifting (LTG1)'], ['- 97530 x2 GP', '- 97140 x1 GP XP']) },
      { name: 'an untimed code (a re-evaluation) with 59 is not checked', code: v(['- 97530 Ther act: lifting (LTG1)', '- 97164 PT re-evaluation: knee flexion 110° (LTG1)'], ['- 97530 x2 GP', '- 97164 GP 59']) },
      { name: 'no other documented code to be distinct from', code: v(['- 97140 Manual therapy: STM R calf (LTG1)'], ['- 97140 x1 GP 59']) },
      { name: 'a modifier unrelated to distinct services', code: v(['- 97530/97140 — 30 min: STM then lifting (LTG1)'], ['- 97530 x2 GP KX', '- 97140 x1 GP']) },
    ],
    invalid: [
      {
        name: 'overlapping clock times on the same region',
        code: overlap,
        errors: [
          {
            span: within(overlap, '- 97140 x1 GP 59', '59'),
            severity: 'warning',
            message:
              'Billing line 28 bills 97140 with 59, but the 97140 entry (line 15, 10:15–10:30) and the 97530 entry (line 14, 10:05–10:28) overlap in time, and they name no separate body region. Write each code in its own entry with its own minutes or clock times (NCCI Ch. 11 §P: "performed in different timed intervals"), or name the separate body region each treated; the record must support the modifier (NCCI Ch. 1 §E).',
          },
        ],
        output: null,
      },
      {
        name: 'one combined entry for both codes',
        code: v(['- 97530/97140 — 30 min: STM R calf, then sit to stand x10 (LTG1)'], ['- 97530 x2 GP', '- 97140-59-GP x1']),
        errors: [{ span: '27:9-27:11', includes: 'Billing line 27 bills 97140 with 59, but 97140 and 97530 are documented in one entry (line 14), so the note does not show them as separate services.' }],
        output: null,
      },
      {
        name: 'the modified code’s entry has no time of its own',
        code: v(['- 97530 Ther act 23 min: sit to stand x10 (LTG1)', '- 97140 Manual therapy: STM (LTG1)'], BILL),
        errors: [{ span: '28:15-28:17', includes: 'but no 97140 entry has minutes or clock times of its own, and the 97140 and 97530 entries name no separate body region.' }],
        output: null,
      },
      {
        name: 'the partner code’s entry has no time of its own',
        code: v(['- 97530 Ther act: sit to stand x10 (LTG1)', '- 97140 Manual therapy 15 min: STM (LTG1)'], BILL),
        errors: [{ span: '28:15-28:17', includes: 'but no 97530 entry has minutes or clock times of its own' }],
        output: null,
      },
      {
        name: 'XU in a table’s Modifier column; pm ranges that overlap',
        code: v(['- 97530 Ther act 2:00–2:20pm: lifting, R knee (LTG1)', '- 97140 Manual therapy 2:10pm–2:25pm: joint mobilization R knee (LTG1)'], ['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GP XU | 2 |', '| 97140 | GP | 1 |']),
        errors: [{ span: '29:14-29:16', includes: 'bills 97530 with XU, but the 97530 entry (line 14, 2:00–2:20pm) and the 97140 entry (line 15, 2:10pm–2:25pm) overlap in time' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
describe('modifier fixes together', () => {
  it('a PTA line with no modifier ends as "GP CQ" after the fix passes (as --fix runs them)', () => {
    const PTA = fmWith('provider: Sam Lee, PTA');
    let text = pt(['- 97530 x2', '- 97110-GP x1'], PTA);
    for (let pass = 0; pass < 10; pass++) {
      const r = lint(text, { filePath: 'a.note.md' });
      const next = applyFixes(text, r.findings.filter((f) => f.ruleId.includes('modifier'))).output;
      if (next === text) break;
      text = next;
    }
    assert.equal(text, pt(['- 97530-GP-CQ x2', '- 97110-GP-CQ x1'], PTA));
  });
});
