/**
 * The documentation rules (rules.md): vague entries, goal links, cues, responses, SOAP
 * sections, signatures, and group/passive/same-activity documentation under timed codes.
 * RuleTester cases: exact ranges, messages, quick-fix titles and texts, output after --fix.
 */
import assert from 'node:assert/strict';
import { parseConfig } from '../../server/src/engine/config';
import { lint } from '../../server/src/engine/lint';
import { FRONT, md, note, within } from '../helpers';
import { ruleTester } from '../rule-tester';

const LIFT = '- 97530 Ther act 23 min: lifting a 10 lb box floor to counter x10 (LTG1), VC for a hip hinge';
const BRIDGE = '- 97110 Ther ex 15 min: bridges 2x12 (LTG1), progressed to single leg';
const TOTALS = ['Total timed minutes: 38', 'Total treatment time: 45 min'];
const BILL = ['- 97530 x2 GP', '- 97110 x1 GP'];
const GOALS = ['', '## Goals', '- LTG1: Patient will lift a 10 lb box floor to counter independently.', '- STG1: Patient will rise from an 18 in chair 5 times in 15 s.'];
const withGoals = (objective: string[]) => md(note({ objective, totals: TOTALS, billing: BILL }), ...GOALS);

// ---------------------------------------------------------------------------------------
{
  const vague = note({ objective: [LIFT, '- 97110 Ther ex 15 min: ther ex as tolerated (LTG1). VC for pacing.'], totals: TOTALS, billing: BILL });
  const bare = note({ objective: [LIFT, '- 97110 Therapeutic exercise — 15 min'], totals: TOTALS, billing: BILL });
  const table = note({ objective: ['| Code | Intervention | Min | Details |', '|---|---|---|---|', '| 97530 | Therapeutic activities | 23 | Therapeutic activities performed |', '| 97110 | Ther ex | 15 | Bridges 2x12, VC (LTG1) |'], totals: TOTALS, billing: BILL });
  ruleTester('vague-entry', {
    valid: [
      { name: 'specific entries', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'a listed word with parameters: "tolerated 3 x 10 with 2 lb"', code: note({ objective: [LIFT, '- 97110 Ther ex 15 min: shoulder flexion, tolerated 3 x 10 with 2 lb without pain (LTG1)'], totals: TOTALS, billing: BILL }) },
      { name: '"balance training" on foam with a time held and an assist level', code: note({ objective: [LIFT, '- 97112 NMR 15 min: balance training on foam, 3 x 30 s, SBA (LTG1)'], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97112 x1 GP'] }) },
      { name: '"gait training" with a device and a distance', code: note({ objective: [LIFT, '- 97116 Gait training 15 min: gait training with a rolling walker 150 ft x2, CGA (LTG1)'], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97116 x1 GP'] }) },
      { name: 'a cue level makes it specific: "stretching with min verbal cues"', code: note({ objective: [LIFT, '- 97110 Ther ex 15 min: hamstring stretching with min verbal cues for posture (LTG1)'], totals: TOTALS, billing: BILL }) },
      { name: 'the procedure name in the designator is not the description', code: note({ objective: ['### 97530 Therapeutic activities — 23 min', 'Lifting a 10 lb box x10 (LTG1); VC for a hip hinge.', '', BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'a table row with a details cell', code: table.replace('Therapeutic activities performed', 'Lifting a 10 lb box x10 (LTG1), VC') },
      { name: 'evaluations are not checked', code: note({ objective: ['- 97162 PT evaluation, moderate complexity'], billing: ['- 97162 x1 GP'] }) },
    ],
    invalid: [
      {
        name: 'ther ex as tolerated (a cue without a level is not a task)',
        code: vague,
        errors: [{
          span: within(vague, 'ther ex as tolerated', 'ther ex as tolerated'),
          message: '97110 entry at line 15 is boilerplate ("ther ex as tolerated") with no concrete task: name the task and its parameters (reps, weight, distance, surface, assist or cue level), the goal it serves, your cues and the patient\'s response.',
          severity: 'error',
          suggestions: [{ title: 'Replace "ther ex as tolerated" with a description (template)', output: vague.replace('ther ex as tolerated', '{{task}}, {{parameters}} ({{goal}}). Cues: {{cues}}. Response: {{response}}') }],
        }],
        output: null,
      },
      {
        name: 'a code and its minutes with no task',
        code: bare,
        errors: [{
          span: within(bare, '97110 Therapeutic exercise', '97110 Therapeutic exercise'),
          includes: '97110 entry at line 15 names a code but no task',
          suggestions: [{ title: 'Describe the task (template)', output: bare.replace('— 15 min', '— 15 min: {{task}}, {{parameters}} ({{goal}}). Cues: {{cues}}. Response: {{response}}.') }],
        }],
        output: null,
      },
      {
        name: 'a table row whose details cell is boilerplate',
        code: table,
        errors: [{ span: within(table, '| Therapeutic activities performed', 'Therapeutic activities performed'), includes: '("Therapeutic activities performed")' }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const unlinked = withGoals([LIFT, '- 97110 Ther ex 15 min: bridges 2x12, progressed to single leg']);
  const table = md(note({ objective: ['| Code | Min | Details |', '|---|---|---|', '| 97530 | 23 | Lifting a 10 lb box x10, VC |', '| 97110 | 15 | Bridges 2x12 (LTG1), VC |'], totals: TOTALS, billing: BILL }), ...GOALS);
  const noGoals = note({ objective: [LIFT, '- 97110 Ther ex 15 min: bridges 2x12, progressed to single leg'], totals: TOTALS, billing: BILL });
  ruleTester('missing-goal-link', {
    valid: [
      { name: 'goal ids', code: withGoals([LIFT, BRIDGE]) },
      { name: 'goal ids in other forms: (STG 2), goal #3, LTG-1', code: withGoals(['- 97530 Ther act 23 min: lifting a box x10, VC (STG 2)', '- 97110 Ther ex 15 min: bridges 2x12 per goal #3, VC; LTG-1']) },
      { name: 'a functional purpose', code: withGoals([LIFT, '- 97110 Ther ex 15 min: sit to stand 3x8 to improve transfers for safe toileting, VC']) },
    ],
    invalid: [
      {
        name: 'one fix per goal',
        code: unlinked,
        errors: [{
          span: within(unlinked, '97110 Ther ex', '97110 Ther ex'),
          message: '97110 entry at line 15 names no goal: add the goal id it works toward (such as "(LTG1)") or its functional purpose ("to improve … for safe …").',
          severity: 'warning',
          suggestions: [
            { title: 'Link to LTG1: Patient will lift a 10 lb box floor to counter…', output: unlinked.replace('single leg', 'single leg (LTG1)') },
            { title: 'Link to STG1: Patient will rise from an 18 in chair 5 times in 15 s.', output: unlinked.replace('single leg', 'single leg (STG1)') },
          ],
        }],
        output: null,
      },
      {
        name: 'a table row: the link goes into its last cell',
        code: table,
        errors: [{ span: within(table, '| 97530 | 23', '97530'), suggestions: [{ title: 'Link to LTG1: Patient will lift a 10 lb box floor to counter…', output: table.replace('x10, VC |', 'x10, VC (LTG1) |') }, 'Link to STG1: Patient will rise from an 18 in chair 5 times in 15 s.'] }],
        output: null,
      },
      {
        name: 'no Goals section: a field to fill in',
        code: noGoals,
        errors: [{ span: within(noGoals, '97110 Ther ex', '97110 Ther ex'), suggestions: [{ title: 'Add the goal this serves', output: noGoals.replace('single leg', 'single leg ({{goal}})') }] }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const wrong = withGoals([LIFT, BRIDGE.replace('(LTG1)', '(STG2)')]);
  const numbered = md(note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }), '', '## Long-term goals', '1. Lift a 10 lb box floor to counter.');
  ruleTester('unknown-goal-reference', {
    valid: [
      { name: 'defined ids, in other spellings (LTG 1)', code: withGoals([LIFT.replace('LTG1', 'LTG 1'), BRIDGE.replace('LTG1', 'STG-1')]) },
      { name: 'no Goals section: goals live in the plan of care', code: note({ objective: [LIFT, BRIDGE.replace('LTG1', 'LTG7')], totals: TOTALS, billing: BILL }) },
      { name: 'a numbered goal list matches LTG1 by number', code: numbered },
    ],
    invalid: [{
      name: 'STG2 is not defined',
      code: wrong,
      errors: [{
        span: within(wrong, '(STG2)', 'STG2'),
        message: '97110 entry at line 15 refers to STG2, which the Goals section does not define (it defines LTG1, STG1).',
        suggestions: [
          { title: 'Refer to LTG1: Patient will lift a 10 lb box floor to counter…', output: wrong.replace('(STG2)', '(LTG1)') },
          { title: 'Refer to STG1: Patient will rise from an 18 in chair 5 times in 15 s.', output: wrong.replace('(STG2)', '(STG1)') },
        ],
      }],
      output: null,
    }],
  });
}

// ---------------------------------------------------------------------------------------
{
  const plain = note({ objective: [LIFT, '- 97110 Ther ex 15 min: bridges 2x12 (LTG1)'], totals: TOTALS, billing: BILL });
  ruleTester('missing-skilled-cues', {
    valid: [
      { name: 'cues, progression', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'assist levels and hand-over-hand', code: note({ objective: ['- 97530 Ther act 23 min: toilet transfers x5 with min A (LTG1)', '- 97535 ADL training 15 min: buttoning a shirt hand–over–hand (LTG1)'], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97535 x1 GP'] }) },
      { name: 'a supervised modality is not checked', code: note({ objective: [LIFT, '- 97010 Hot pack 10 min: lumbar (LTG1)'], totals: ['Total timed minutes: 23', 'Total treatment time: 33 min'], billing: ['- 97530 x2 GP'] }) },
    ],
    invalid: [{
      name: 'exercises with nothing the therapist did',
      code: plain,
      errors: [{
        span: within(plain, '97110 Ther ex', '97110 Ther ex'),
        message: '97110 entry at line 15 records no skilled intervention: add the cues (verbal, tactile, visual), assist level, progression or clinical decision that needed a therapist.',
        suggestions: [{ title: 'Add the cues given (template)', output: plain.replace('bridges 2x12 (LTG1)', 'bridges 2x12 (LTG1) Cues: {{cues}}.') }],
      }],
      output: null,
    }],
  });
}

// ---------------------------------------------------------------------------------------
{
  const tolerated = note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL, assessment: ['Pt tolerated treatment well.'] });
  const noA = md(...FRONT, '', '## S', 'Less pain.', '', '## O', LIFT, BRIDGE, '', ...TOTALS, '', '## P', 'Continue.', '', 'Signed: Ana Ruiz, DPT');
  ruleTester('missing-patient-response', {
    valid: [
      { name: 'a response in the Assessment', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: '"tolerated" with specifics', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL, assessment: ['Tolerated 3 x 10 with 2 lb.'] }) },
      { name: 'a response in an entry, none in the Assessment', code: note({ objective: [LIFT + '; reported pain 2/10', BRIDGE], totals: TOTALS, billing: BILL, assessment: ['Good session.'] }) },
    ],
    invalid: [
      {
        name: '"tolerated treatment well" alone',
        code: tolerated,
        errors: [{ span: within(tolerated, '## Assessment', 'Assessment'), includes: '"tolerated well" alone is not a response', suggestions: [{ title: 'Add the patient\'s response (template)', output: tolerated.replace('Pt tolerated treatment well.', 'Pt tolerated treatment well. Response: {{response}}') }] }],
        output: null,
      },
      {
        name: 'no Assessment: the suggestion adds one before the Plan',
        code: noA,
        errors: [{ span: within(noA, '## P', 'P'), includes: 'The note has no Assessment', suggestions: [{ title: 'Add the patient\'s response (template)', output: noA.replace('## P\n', '## A\n{{response}}\n\n## P\n') }] }],
        output: null,
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const noPlan = note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }).replace('## Plan\nContinue 2x/week.\n\n', '') + '\nSigned: Ana Ruiz, DPT\n';
  const labels = md(...FRONT, '', '**S:** Less pain.', '', '**O:**', LIFT, BRIDGE, '', ...TOTALS, '', '**P:** Continue.', '', 'Signed: Ana Ruiz, DPT');
  const lastMissing = md(...FRONT, '', '## S', 'Less pain.', '', '## O', LIFT, BRIDGE, '', ...TOTALS, '', '## A', 'Demonstrated a safe hinge.', '', 'Signed: Ana Ruiz, DPT');
  ruleTester('missing-soap-section', {
    valid: [
      { name: 'all four', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'combined sections: "## Assessment/Plan", "A/P:", "S/O"', code: md(...FRONT, '', '## S/O', 'Less pain.', LIFT, BRIDGE, '', ...TOTALS, '', '**A/P:** Demonstrated a safe hinge; continue.', '', 'Signed: Ana Ruiz, DPT') },
      { name: '"Assessment and Plan" heading', code: md(...FRONT, '', '## Subjective', 'Less pain.', '## Objective', LIFT, BRIDGE, '', ...TOTALS, '', '## Assessment and Plan', 'Demonstrated a safe hinge; continue.') },
      { name: 'an evaluation is not checked', code: md(...FRONT.map((l) => l.replace('note_type: daily', 'note_type: evaluation')), '', '## Objective', 'ROM WNL.', '', '## Assessment', 'Good potential.') },
    ],
    invalid: [
      {
        name: 'no Plan: inserted before the Billing section, as a heading',
        code: noPlan,
        errors: [{ span: within(noPlan, '## Assessment', 'Assessment'), message: 'Daily note has no Plan (P) section: a daily or progress note documents Subjective, Objective, Assessment and Plan.', severity: 'warning' }],
        output: noPlan.replace('## Billing', '## Plan\n\n## Billing'),
      },
      {
        name: 'bold labels: **A:** goes before **P:**',
        code: labels,
        errors: [{ span: within(labels, '**P:**', '**P:**'), includes: 'no Assessment (A)' }],
        output: labels.replace('**P:** Continue.', '**A:**\n\n**P:** Continue.'),
      },
      {
        name: 'the last section missing goes before the signature, by letter like the others',
        code: lastMissing,
        errors: [{ span: within(lastMissing, '## A', 'A'), includes: 'no Plan (P)' }],
        output: lastMissing.replace('Signed:', '## P\n\nSigned:'),
      },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const front = FRONT.filter((l) => !l.startsWith('provider:'));
  const unsigned = note({ front, objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL });
  const noCreds = unsigned + 'Signed: Ana Ruiz\n';
  const crlf = unsigned.replace(/\n/g, '\r\n');
  ruleTester('missing-signature', {
    valid: [
      { name: 'a provider with credentials in front matter', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'Electronically signed by …', code: unsigned + '\nElectronically signed by Sam Lee, PTA on 2026-04-07\n' },
      { name: '— Name, CRED', code: unsigned + '\n— Jo Park, OTR/L\n' },
      { name: 'a bare "Name, CRED" last line, bold', code: unsigned + '\n**Lena Ortiz, MS, CCC-SLP**\n' },
    ],
    invalid: [
      {
        name: 'no signature at all: --fix adds a line to fill in',
        code: unsigned,
        errors: [{ span: within(unsigned, '- 97110 x1 GP', '- 97110 x1 GP'), includes: 'The note has no signature', severity: 'error' }],
        output: unsigned.replace('- 97110 x1 GP\n', '- 97110 x1 GP\n\nSigned: [name], [credentials]\n'),
      },
      { name: 'a signature without credentials', code: noCreds, errors: [{ span: within(noCreds, 'Signed: Ana Ruiz', 'Signed: Ana Ruiz'), message: 'The signature at line 28 has no professional credentials: write them after the name ("Ana Ruiz, DPT", "Sam Lee, PTA"); they also decide the assistant rules.' }], output: null },
      { name: 'CRLF kept', code: crlf, errors: [{ span: within(crlf, '- 97110 x1 GP', '- 97110 x1 GP') }], output: crlf.replace('- 97110 x1 GP\r\n', '- 97110 x1 GP\r\n\r\nSigned: [name], [credentials]\r\n') },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const group = note({ objective: ['- 97530 Ther act 23 min: lifting circuit with 2 other patients, box x10 (LTG1), VC', BRIDGE], totals: TOTALS, billing: BILL });
  ruleTester('group-under-individual-code', {
    valid: [
      { name: 'one-on-one', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: '"muscle groups", "support group", a concurrent cognitive task', code: note({ objective: [LIFT, '- 97110 Ther ex 15 min: large muscle groups 2x12, walking with a concurrent cognitive task; discussed her support group (LTG1), VC'], totals: TOTALS, billing: BILL }) },
      { name: '97150 itself', code: note({ objective: [LIFT, '- 97150 Group therapy 30 min: balance class with 3 patients (LTG1), VC'], totals: ['Total timed minutes: 23', 'Total treatment time: 53 min'], billing: ['- 97530 x2 GP', '- 97150 x1 GP'] }) },
    ],
    invalid: [{
      name: 'two other patients under 97530',
      code: group,
      errors: [{ span: within(group, '2 other patients', '2 other patients'), message: '97530 entry at line 14 describes group or concurrent treatment ("2 other patients"). 97530 is a one-on-one code; treating two or more patients at the same time is billed as 97150 (group therapy), one unit per session.' }],
      output: null,
    }],
  });
}

// ---------------------------------------------------------------------------------------
{
  const pack = note({ objective: [LIFT, '- 97110 Ther ex 15 min: bridges 2x12 (LTG1), progressed; hot pack to low back'], totals: TOTALS, billing: BILL });
  const prom = note({ objective: [LIFT, '- 97110 Ther ex 15 min: PROM R shoulder flexion and abduction (LTG1), graded'], totals: TOTALS, billing: BILL });
  ruleTester('passive-under-active-code', {
    valid: [
      { name: 'active work', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'PROM with active exercise', code: note({ objective: [LIFT, '- 97110 Ther ex 15 min: PROM then AAROM shoulder flexion 2x10 (LTG1), VC'], totals: TOTALS, billing: BILL }) },
      { name: 'a negated modality', code: note({ objective: [LIFT, '- 97110 Ther ex 15 min: bridges 2x12 (LTG1), VC; no e-stim today'], totals: TOTALS, billing: BILL }) },
      { name: 'massage under 97140 is not this rule', code: note({ objective: [LIFT, '- 97140 Manual therapy 15 min: soft tissue massage R trap (LTG1)'], totals: TOTALS, billing: ['- 97530 x2 GP', '- 97140 x1 GP'] }) },
    ],
    invalid: [
      { name: 'a hot pack under 97110', code: pack, errors: [{ span: within(pack, 'hot pack', 'hot pack'), includes: '97110 entry at line 15 describes passive care ("hot pack")' }], output: null },
      { name: 'PROM with nothing active', code: prom, errors: [{ span: within(prom, 'PROM R', 'PROM') }], output: null },
    ],
  });
}

// ---------------------------------------------------------------------------------------
{
  const twice = note({ objective: ['- 97530 Ther act 23 min: sit to stand from an 18 in chair 3x8; lifting a box x10 (LTG1), VC', '- 97110 Ther ex 15 min: Sit-to-stand from an 18 in chair 3x8. Bridges 2x12 (LTG1), VC'], totals: TOTALS, billing: BILL });
  ruleTester('same-activity-two-codes', {
    valid: [
      { name: 'different activities', code: note({ objective: [LIFT, BRIDGE], totals: TOTALS, billing: BILL }) },
      { name: 'the same cue under two codes is normal', code: note({ objective: ['- 97530 Ther act 23 min: lifting a box x10 (LTG1); VC for upright trunk posture', '- 97110 Ther ex 15 min: bridges 2x12 (LTG1); VC for upright trunk posture'], totals: TOTALS, billing: BILL }) },
      { name: 'clock times shared by neighbouring rows are not activities', code: note({ objective: ['| Code | Description | Start | End |', '|---|---|---|---|', '| 97530 | Lifting a box x10 (LTG1), VC | 10:02 AM | 10:25 AM |', '| 97110 | Bridges 2x12 (LTG1), VC | 10:25 AM | 10:40 AM |'], totals: TOTALS, billing: BILL }) },
    ],
    invalid: [{
      name: 'sit to stand under 97530 and 97110',
      code: twice,
      errors: [{ span: within(twice, 'Sit-to-stand from an 18 in chair 3x8', 'Sit-to-stand from an 18 in chair 3x8'), message: '"sit to stand from an 18 in chair 3x8" is documented under both 97530 (line 14) and 97110 (line 15). The same minutes cannot count for two codes: document the activity once, under the code it fits, or say what made each distinct.' }],
      output: null,
    }],
  });
}

// ---------------------------------------------------------------------------------------
describe('documentation rules: word lists from the configuration', () => {
  const text = note({ objective: [LIFT, '- 97110 Ther ex 15 min: modalities as indicated (LTG1), PNF'], totals: TOTALS, billing: BILL });
  const ids = (config: string) => lint(text, { filePath: 'a.note.md', settings: parseConfig(config, 'c.json', '/') }).findings.map((f) => `${f.ruleId}@${f.range.start.line + 1}`).filter((id) => id.startsWith('vague') || id.startsWith('missing-skilled'));
  it('by default neither phrase is known', () => {
    assert.deepEqual(ids('{}'), ['missing-skilled-cues@15']);
  });
  it('addPhrases and addMarkers extend the lists', () => {
    assert.deepEqual(ids('{ "rules": { "vague-entry": { "severity": "error", "addPhrases": ["modalities as indicated"] }, "missing-skilled-cues": { "severity": "warning", "addMarkers": ["PNF"] } } }'), ['vague-entry@15']);
  });
  it('phrases replaces the built-in list', () => {
    const only = note({ objective: [LIFT, '- 97110 Ther ex 15 min: ther ex as tolerated (LTG1), VC'], totals: TOTALS, billing: BILL });
    const r = lint(only, { filePath: 'a.note.md', settings: parseConfig('{ "rules": { "vague-entry": { "severity": "error", "phrases": ["per flowsheet"] } } }', 'c.json', '/') });
    assert.deepEqual(r.findings.filter((f) => f.ruleId === 'vague-entry'), []);
  });
  it('an option of the wrong type is a configuration error naming the key', () => {
    assert.throws(() => parseConfig('{ "rules": { "vague-entry": { "severity": "error", "addPhrases": "x" } } }', 'c.json', '/'), /c\.json:1:\d+: .*addPhrases/);
  });
});

describe('documentation fixes never write into code', () => {
  it('after an unclosed code fence: no heading or signature fix (it would be code, fixed again forever)', () => {
    const text = md('# Template', '', '```markdown', '## Subjective', '[what the patient reports]', '', 'Signed: [Name, credentials]', '');
    const r = lint(text, { filePath: 'a.note.md' });
    assert.deepEqual(r.findings.filter((f) => f.fix).map((f) => f.ruleId), []);
    assert.deepEqual([...new Set(r.findings.map((f) => f.ruleId))].sort(), ['missing-patient-response', 'missing-signature', 'missing-soap-section']);
  });
});
