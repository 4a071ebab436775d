import { find, front, note, within } from '../helpers';
import { ruleTester } from '../rule-tester';

const LIFT = '- 97530 Ther act 23 min: lifting a 10 lb box floor to counter x10 (LTG1)';
const BRIDGE = '- 97110 Ther ex 15 min: bridges 2x12 (LTG1)';
const TOTALS = ['Total timed minutes: 38', 'Total treatment time: 45 min'];

// ---------------------------------------------------------------------------------------
{
  const bad = note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['- 97530 x3 GP', '- 97110 x1 GP'] });
  const tie = (b: string[]) =>
    note({ objective: ['- 97112 NMR 20 min: tandem stance (LTG1)', '- 97110 Ther ex 20 min: bridges (LTG1)'], totals: ['Total timed minutes: 40', 'Total treatment time: 40 min'], billing: b });
  const example4 = (b: string[]) =>
    note({
      objective: ['- 97110 Ther ex 18 min: bridges (LTG1)', '- 97140 Manual therapy 13 min: STM (LTG1)', '- 97116 Gait training 10 min: 150 ft (LTG1)', '- 97035 Ultrasound 8 min: R knee (LTG1)'],
      totals: ['Total timed minutes: 49', 'Total treatment time: 49 min'],
      billing: b,
    });
  const commercial = (b: string[]) => note({ front: front('commercial'), objective: ['- 97112 NMR 24 min: tandem (LTG1)', '- 97110 Ther ex 23 min: bridges (LTG1)'], totals: ['Total timed minutes: 47', 'Total treatment time: 47 min'], billing: b });
  const ambiguity = (b: string[]) =>
    note({ objective: ['- 97110 Ther ex 30 min: bridges (LTG1)', '- 97140 Manual therapy 10 min: STM (LTG1)', '- 97112 NMR 12 min: tandem (LTG1)'], totals: ['Total timed minutes: 52', 'Total treatment time: 52 min'], billing: b });
  ruleTester('units-mismatch', {
    valid: [
      { name: 'CMS: 23 + 15 min billed 2 + 1', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97110 x1 GP'] }) },
      { name: 'CMS Example 2 tie billed either way (a)', code: tie(['- 97112 x2 GP', '- 97110 x1 GP']) },
      { name: 'CMS Example 2 tie billed either way (b)', code: tie(['- 97112 x1 GP', '- 97110 x2 GP']) },
      { name: 'CMS Example 4: ultrasound documented, not billed', code: example4(['- 97110 x1 GP', '- 97140 x1 GP', '- 97116 x1 GP']) },
      { name: 'AMA per code: 24 + 23 min billed 2 + 2', code: commercial(['- 97112 x2 GP', '- 97110 x2 GP']) },
      { name: 'the §1.5 ambiguity billed by the remainder method', code: ambiguity(['- 97110 x2 GP', '- 97112 x1 GP']) },
      { name: 'no billing section', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: null }) },
      { name: 'untimed codes are not counted', code: note({ objective: [LIFT, '- 97150 Group therapy 30 min: balance class (LTG1)'], totals: ['Total timed minutes: 23', 'Total treatment time: 53 min'], billing: ['- 97530 x2 GP', '- 97150 x1 GP'] }) },
    ],
    invalid: [
      {
        name: 'CMS: 97530 billed ×3 for 23 min',
        code: bad,
        errors: [
          {
            span: within(bad, 'x3 GP', '3'),
            message:
              '97530 is billed ×3 at line 27, but its 23 min support ×2. CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.',
            suggestions: ['Bill 97530 ×2'],
          },
        ],
        output: bad.replace('97530 x3', '97530 x2'),
      },
      {
        name: 'CMS Example 2 tie billed 2 + 2: the day’s total is wrong',
        code: tie(['- 97112 x2 GP', '- 97110 x2 GP']),
        errors: [{ span: within(tie([]), '## Billing', 'Billing'), includes: 'Billed timed units total 4, but the documented timed minutes support 3.' }],
        output: null,
      },
      {
        name: 'CMS Example 4: ultrasound billed too (4 units for 49 min)',
        code: example4(['- 97110 x1 GP', '- 97140 x1 GP', '- 97116 x1 GP', '- 97035 x1 GP']),
        errors: [{ span: within(example4(['- 97110 x1 GP', '- 97140 x1 GP', '- 97116 x1 GP', '- 97035 x1 GP']), '97035 x1', '1'), includes: '97035 is billed ×1 at line 32, but its 8 min support ×0.', suggestions: [{ title: 'Remove the 97035 billing line (its minutes earn no unit)', output: example4(['- 97110 x1 GP', '- 97140 x1 GP', '- 97116 x1 GP']) }] }],
        output: null,
      },
      {
        name: 'CMS Example 3 billed the wrong way: 97110 ×3, 97140 ×0',
        code: note({ objective: ['- 97110 Ther ex 33 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 40', 'Total treatment time: 40 min'], billing: ['- 97110 x3 GP'] }),
        errors: [{ span: '27:10-27:11', includes: '97110 is billed ×3 at line 27, but its 33 min support ×2.' }],
        output: note({ objective: ['- 97110 Ther ex 33 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 40', 'Total treatment time: 40 min'], billing: ['- 97110 x2 GP'] }),
      },
      {
        name: 'AMA per code: Example 1 billed the CMS way',
        code: commercial(['- 97112 x2 GP', '- 97110 x1 GP']),
        errors: [{ span: '28:10-28:11', message: '97110 is billed ×1 at line 28, but its 23 min support ×2. AMA per-code method: 97110 23 min → 2 units (23–37 min = 2).' }],
        output: commercial(['- 97112 x2 GP', '- 97110 x2 GP']),
      },
      {
        name: 'units written nowhere (1 unit) get " xN" appended',
        code: note({ objective: ['- 97530 Ther act 30 min: lifting (LTG1)'], totals: ['Total timed minutes: 30', 'Total treatment time: 30 min'], billing: ['- 97530 GP'] }),
        errors: [{ span: '26:3-26:11', includes: '97530 is billed ×1 at line 26, but its 30 min support ×2.' }],
        output: note({ objective: ['- 97530 Ther act 30 min: lifting (LTG1)'], totals: ['Total timed minutes: 30', 'Total treatment time: 30 min'], billing: ['- 97530 GP x2'] }),
      },
      {
        name: 'minutes missing on an entry: the documented total still bounds the day (CMS)',
        code: note({ objective: ['- 97530 Ther act: lifting (LTG1)', '- 97140 Manual therapy 15 min: STM (LTG2)'], totals: ['Total timed minutes: 30'], billing: ['- 97530 x2 GP', '- 97140 x1 GP'] }),
        errors: [{ span: '25:4-25:11', message: 'Billed timed units total 3, but the documented total timed minutes support 2: CMS total-time method: 30 min → 2 units (23–37 min = 2).' }],
        output: null,
      },
      {
        name: 'the §1.5 ambiguity (30/10/12 billed 97110 ×3): a warning with a suggestion, never a fix',
        code: ambiguity(['- 97110 x3 GP']),
        errors: [
          {
            span: within(ambiguity([]), '## Billing', 'Billing'),
            severity: 'warning',
            includes: 'The billed units give the remaining unit to the code with the most total minutes (97110), the literal wording of CMS Example 4.',
            suggestions: [{ title: 'Bill by the largest leftover minutes', output: ambiguity(['- 97110 x2 GP']) }],
          },
        ],
        output: null,
      },
      {
        name: 'CMS Example 3 billed 97110 ×3 stays an error: Example 3 itself rejects it',
        code: note({ objective: ['- 97110 Ther ex 33 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 40', 'Total treatment time: 40 min'], billing: ['- 97110 x3 GP'] }),
        errors: [{ span: '27:10-27:11', severity: 'error' }],
        output: note({ objective: ['- 97110 Ther ex 33 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 40', 'Total treatment time: 40 min'], billing: ['- 97110 x2 GP'] }),
      },
      {
        name: 'a three-way tie (CMS Example 5) billed twice',
        code: note({ objective: ['- 97112 NMR 7 min: tandem (LTG1)', '- 97110 Ther ex 7 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 21', 'Total treatment time: 21 min'], billing: ['- 97112 x1 GP', '- 97110 x1 GP'] }),
        errors: [{ span: within(note({ objective: ['x', 'y', 'z'], totals: ['a', 'b'], billing: [] }), '## Billing', 'Billing'), includes: '97112, 97110 and 97140 tie, so any one may take it' }],
        output: null,
      },
      {
        name: 'minutes missing: a billed code with no entry is left to billed-not-documented',
        code: note({ objective: ['- 97530 Ther act: lifting (LTG1)', '- 97140 Manual therapy 15 min: STM (LTG2)'], totals: ['Total timed minutes: 30'], billing: ['- 97530 x1 GP', '- 97140 x1 GP', '- 97116 x2 GP'] }),
        errors: [],
        output: null,
      },
      {
        name: 'a units table cell',
        code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GP | 1 |', '| 97110 | GP | 1 |'] }),
        errors: [{ span: '29:16-29:17', includes: 'support ×2' }],
        output: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['| Code | Mod | Units |', '|---|---|---|', '| 97530 | GP | 2 |', '| 97110 | GP | 1 |'] }),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const bad = note({ objective: ['- 97530 Therapeutic activities: lifting a box (LTG1)', BRIDGE], totals: ['Total timed minutes: 38', 'Total treatment time: 45 min'], billing: ['- 97530 x2 GP', '- 97110 x1 GP'] });
  ruleTester('missing-minutes', {
    valid: [
      { name: 'every timed entry has minutes', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97110 x1 GP'] }) },
      { name: 'untimed entries need no minutes', code: note({ objective: ['- 97150 Group therapy: balance class (LTG1)'], billing: ['- 97150 GP'] }) },
    ],
    invalid: [
      {
        name: 'a timed entry with no time',
        code: bad,
        errors: [
          {
            span: find(bad, '97530 Therapeutic activities'),
            message: '97530 entry at line 14 has no minutes. 97530 is a timed code: write its time next to the code or name, such as "97530 — 23 min" or "10:05–10:28".',
            suggestions: ['Add the minutes of this 97530 entry'],
          },
        ],
        output: null,
      },
      {
        name: '"walked for 6 minutes" in the description is not the entry’s time',
        code: note({ objective: ['- 97116 Gait training: walked for 6 minutes with a cane (LTG1)'], billing: null }),
        errors: [{ span: '14:3-14:22' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const noTotals = note({ objective: [LIFT, BRIDGE], billing: ['- 97530 x2 GP', '- 97110 x1 GP'] });
  const commercial = note({ front: front('commercial'), objective: [LIFT, BRIDGE], totals: ['Total treatment time: 45 min'], billing: ['- 97530 x2 GP', '- 97110 x1 GP'] });
  ruleTester('missing-total-time', {
    valid: [
      { name: 'both totals', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97110 x1 GP'] }) },
      { name: 'no timed codes', code: note({ objective: ['- 97150 Group therapy 45 min: balance class (LTG1)'], billing: ['- 97150 GP'] }) },
    ],
    invalid: [
      {
        name: 'Medicare: neither total (errors), the timed total is inserted after the interventions',
        code: noTotals,
        errors: [
          { span: find(noTotals, 'Objective'), severity: 'error', includes: 'no total timed minutes', suggestions: ['Add "Total timed minutes: 38"'] },
          { span: find(noTotals, 'Objective'), severity: 'error', includes: 'no total treatment time', suggestions: ['Add a "Total treatment time" line'] },
        ],
        output: noTotals.replace(BRIDGE + '\n', BRIDGE + '\n\nTotal timed minutes: 38\n'),
      },
      {
        name: 'commercial: a warning',
        code: commercial,
        errors: [{ span: find(commercial, 'Objective'), severity: 'warning', includes: 'no total timed minutes' }],
        output: commercial.replace(BRIDGE + '\n', BRIDGE + '\n\nTotal timed minutes: 38\n'),
      },
      {
        name: 'an entry without minutes: a placeholder, no safe fix',
        code: note({ objective: ['- 97530 Ther act: lifting (LTG1)'], totals: ['Total treatment time: 30 min'], billing: ['- 97530 x2 GP'] }),
        errors: [{ span: '13:4-13:13', suggestions: ['Add a "Total timed minutes" line'] }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const wrong = note({ objective: [LIFT, BRIDGE], totals: ['Total timed minutes: 30', 'Total treatment time: 45 min'], billing: ['- 97530 x2 GP', '- 97110 x1 GP'] });
  const short = note({ objective: [LIFT, BRIDGE], totals: ['Total timed minutes: 38', 'Total treatment time: 30 min'], billing: ['- 97530 x2 GP', '- 97110 x1 GP'] });
  ruleTester('total-time-mismatch', {
    valid: [
      { name: 'totals agree with the entries', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: null }) },
      { name: 'an entry lacks minutes: the total may cover it', code: note({ objective: ['- 97530 Ther act: lifting (LTG1)', BRIDGE], totals: TOTALS, billing: null }) },
      {
        name: 'untimed minutes counted in the timed total are not counted twice in the treatment-time check',
        code: note({ objective: ['- 97530 Ther act 25 min: lifting (LTG1)', '- 97110 Ther ex 10 min: bridges (LTG1)', '- G0283 Unattended e-stim 15 min: lumbar (LTG1)'], totals: ['Total timed minutes: 50', 'Total treatment time: 50 min'], billing: null }),
      },
      {
        name: 'an entry with an unknown code may be timed: a total that covers it is not "wrong"',
        code: note({ objective: ['- 9753 (25 min): car transfers (LTG1)', '- 97110 Ther ex 10 min: bridges (LTG1)'], totals: ['Total timed minutes: 35', 'Total treatment time: 35 min'], billing: null }),
      },
    ],
    invalid: [
      {
        name: 'total timed minutes differ from the entries',
        code: wrong,
        errors: [{ span: find(wrong, 'Total timed minutes: 30'), message: 'Total timed minutes at line 17 says 30, but the timed entries add up to 38 (97530 23 + 97110 15).' }],
        output: wrong.replace('Total timed minutes: 30', 'Total timed minutes: 38'),
      },
      {
        name: 'total treatment time below the timed minutes',
        code: short,
        errors: [{ span: find(short, 'Total treatment time: 30 min'), message: 'Total treatment time at line 18 says 30 min, less than the 38 timed minutes it must include.', suggestions: ['Set total treatment time to 38'] }],
        output: null,
      },
      {
        name: 'a total written with hours is set as "N min"',
        code: note({ objective: [LIFT, BRIDGE], totals: ['Total timed minutes: 1 hr', 'Total treatment time: 1 hr 10 min'], billing: null }),
        errors: [{ span: '17:1-17:26', includes: 'says 60, but the timed entries add up to 38' }],
        output: note({ objective: [LIFT, BRIDGE], totals: ['Total timed minutes: 38 min', 'Total treatment time: 1 hr 10 min'], billing: null }),
      },
      {
        name: 'entries with minutes already exceed the total',
        code: note({ objective: ['- 97530 Ther act 23 min: lifting (LTG1)', '- 97110 Ther ex: bridges (LTG1)'], totals: ['Total timed minutes: 20', 'Total treatment time: 45 min'], billing: null }),
        errors: [{ span: '17:1-17:24', includes: 'already add up to 23' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const typo = note({ objective: ['- 9753 Ther act 23 min: lifting (LTG1)'], totals: ['Total timed minutes: 23', 'Total treatment time: 23 min'], billing: ['- 97350 x2 GP'] });
  ruleTester('unknown-code', {
    valid: [
      { name: 'known codes', code: note({ objective: [LIFT], totals: ['Total timed minutes: 23', 'Total treatment time: 23 min'], billing: ['- 97530 x2 GP'] }) },
      { name: 'numbers with units are measurements, not codes', code: note({ objective: ['- 10000 steps per day on her watch', '- 12000 ft walked this week', '- 98000/day'], billing: null }) },
    ],
    invalid: [
      {
        name: 'a typo in an entry and on a billing line, with nearest codes',
        code: typo,
        errors: [
          { span: find(typo, '9753'), message: '9753 in the entry at line 14 is not a known CPT/HCPCS code. Did you mean 97530, 97533 or 97535? A code your clinic uses can be added under `codes` in .therapy-note-lint.json.', suggestions: ['Change to 97530 (Dynamic functional task training, one-on-one)', 'Change to 97533 (Sensory-integration techniques)', 'Change to 97535 (Self-care and home-management training)'] },
          { span: find(typo, '97350'), includes: 'Did you mean 97530' },
        ],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const group = note({ objective: ['- 97150 Group therapy 45 min: balance class of 3 (LTG1)'], billing: ['- 97150 x2 GP'] });
  const counted = note({ objective: [LIFT, '- 97150 Group therapy 30 min: balance class (LTG1)'], totals: ['Total timed minutes: 53', 'Total treatment time: 53 min'], billing: ['- 97530 x2 GP', '- 97150 GP'] });
  ruleTester('untimed-code-units', {
    valid: [
      { name: 'one unit of 97150', code: note({ objective: ['- 97150 Group therapy 45 min: balance class of 3 (LTG1)'], billing: ['- 97150 x1 GP'] }) },
      { name: '97598 is an area-based add-on: several units', code: note({ objective: ['- 97597 Selective debridement: 20 sq cm (LTG1)', '- 97598 Selective debridement: further 40 sq cm (LTG1)'], billing: ['- 97597 GP', '- 97598 x2 GP'] }) },
    ],
    invalid: [
      {
        name: '97150 billed ×2',
        code: group,
        errors: [{ span: within(group, '97150 x2', '2'), message: '97150 (Group therapy: two or more patients at once; one unit per session) is an untimed code, billed once a day whatever its length, but line 23 bills ×2 (MCPM Ch. 5 §20.2 B).' }],
        output: group.replace('97150 x2', '97150 x1'),
      },
      {
        name: 'untimed minutes counted in total timed minutes',
        code: counted,
        errors: [{ span: find(counted, 'Total timed minutes: 53'), includes: 'counts the minutes of untimed codes (97150 30); only timed codes count, so it should be 23.' }],
        output: counted.replace('Total timed minutes: 53', 'Total timed minutes: 23'),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const bad = note({ objective: [LIFT], totals: ['Total timed minutes: 23', 'Total treatment time: 23 min'], billing: ['- 97530 x2 GP', '- 97116 x1 GP'] });
  ruleTester('billed-not-documented', {
    valid: [
      { name: 'every billed code has an entry', code: note({ objective: [LIFT], totals: ['Total timed minutes: 23', 'Total treatment time: 23 min'], billing: ['- 97530 x2 GP'] }) },
      { name: 'an evaluation note documents its evaluation code', code: note({ front: front('medicare').map((l) => (l === 'note_type: daily' ? 'note_type: evaluation' : l)), objective: ['Strength 4/5.'], billing: ['- 97162 GP'] }) },
    ],
    invalid: [
      {
        name: 'a billed code with no entry',
        code: bad,
        errors: [{ span: find(bad, '97116 x1 GP'), message: '97116 is billed at line 27, but no intervention in Objective or Interventions documents it. Document what was done (task, minutes, goal) or remove the charge.' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const bad = note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['- 97530 x2 GP'] });
  const table = note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: ['| Code | Modifier | Units |', '|---|---|---|', '| 97530 | GP | 2 |'] });
  ruleTester('documented-not-billed', {
    valid: [
      { name: 'CMS Example 4: the ultrasound earns no unit', code: note({ objective: ['- 97110 Ther ex 18 min: bridges (LTG1)', '- 97140 Manual therapy 13 min: STM (LTG1)', '- 97116 Gait training 10 min: 150 ft (LTG1)', '- 97035 Ultrasound 8 min: R knee (LTG1)'], totals: ['Total timed minutes: 49', 'Total treatment time: 49 min'], billing: ['- 97110 x1 GP', '- 97140 x1 GP', '- 97116 x1 GP'] }) },
      { name: 'CMS Example 5: a tie billed as one of three', code: note({ objective: ['- 97112 NMR 7 min: tandem (LTG1)', '- 97110 Ther ex 7 min: bridges (LTG1)', '- 97140 Manual therapy 7 min: STM (LTG1)'], totals: ['Total timed minutes: 21', 'Total treatment time: 21 min'], billing: ['- 97140 x1 GP'] }) },
      { name: 'no Billing section', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: null }) },
    ],
    invalid: [
      {
        name: 'a documented code missing from the billing list',
        code: bad,
        errors: [
          {
            span: find(bad, '97110 Ther ex'),
            severity: 'info',
            message: '97110 entry at line 15 is documented but not billed; its minutes earn ×1. Add it to the billing lines, or say why it is not billed.',
            suggestions: [{ title: 'Bill 97110 ×1', output: bad.replace('- 97530 x2 GP', '- 97530 x2 GP\n- 97110 x1 GP') }],
          },
        ],
        output: null, // adding a charge is never automatic
      },
      {
        name: 'a billing table gets a row',
        code: table,
        errors: [{ span: find(table, '97110 Ther ex'), suggestions: [{ title: 'Bill 97110 ×1', output: table.replace('| 97530 | GP | 2 |', '| 97530 | GP | 2 |\n| 97110 | GP | 1 |') }] }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const bad = note({ front: front('medicare', ['visit: seven']), objective: [LIFT], totals: ['Total timed minutes: 23', 'Total treatment time: 23 min'], billing: ['- 97530 x2 GP'] });
  const yaml = note({ front: ['---', 'patient: T-1', 'date: 2026-04-07', 'discipline: PT', 'precautions: Falls: high risk', 'note_type: daily', '---'], objective: [LIFT], billing: null });
  const date = note({ front: front('medicare', ['poc_start: 03/04']), objective: [LIFT], billing: null });
  const payer = note({ front: front('aetna'), objective: [LIFT], billing: null });
  ruleTester('invalid-front-matter', {
    valid: [
      { name: 'good front matter; unknown keys are ignored', code: note({ front: front('medicare', ['visit: 7', 'poc_start: 2026-02-10', 'referral: Dr. Lee']), objective: [LIFT], billing: null }) },
      { name: 'no front matter', code: note({ front: [], objective: [LIFT], billing: null }) },
    ],
    invalid: [
      {
        name: 'visit: seven',
        code: bad,
        errors: [{ span: find(bad, 'seven'), message: 'Front matter `visit` must be a whole number of 1 or more (the treatment day in the episode); found "seven".' }],
        output: null,
      },
      { name: 'a date not in ISO form', code: date, errors: [{ span: find(date, '03/04'), message: 'Front matter `poc_start` must be an ISO date (YYYY-MM-DD), such as 2026-03-04; found "03/04".' }], output: null },
      { name: 'YAML syntax error points at its line and column', code: yaml, errors: [{ span: find(yaml, 'Falls: high risk'), includes: 'Front matter is not valid YAML' }], output: null },
      { name: 'an unknown payer profile', code: payer, errors: [{ span: find(payer, 'aetna'), includes: 'unknown payer profile "aetna"' }], output: null },
    ],
  });
}
