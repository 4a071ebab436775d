import assert from 'node:assert/strict';
import { FRONT, md, model, slice, span } from '../helpers';

/** A note around some Objective lines (no front-matter dependence on detection: .note.md name). */
function objective(...lines: string[]): string {
  return md(...FRONT, '', '## Subjective', 'Reports less pain.', '', '## Objective', ...lines, '', '## Assessment', 'Improved.', '', '## Plan', 'Continue.');
}
const O_LINE = FRONT.length + 5; // 0-based line of the first Objective line

describe('note forms: sections (note-format.md, "Sections")', () => {
  const headings: [string, string][] = [
    ['## Subjective', 'S'], ['## S', 'S'], ['### S:', 'S'], ['## O — Objective', 'O'], ['## Objective / Interventions', 'O'],
    ['# Assessment', 'A'], ['###### Plan', 'P'], ['## **Plan**', 'P'], ['## Plan of care', 'P'], ['## A - Assessment', 'A'],
    ['## Objective findings', 'O'], ['## Goals', 'goals'], ['## Short-term goals', 'goals'], ['## Long term goals', 'goals'], ['## STGs', 'goals'],
    ['## LTGs', 'goals'], ['## Functional goals', 'goals'], ['## Interventions', 'interventions'], ['## Treatment', 'interventions'],
    ['## Treatment provided', 'interventions'], ['## Interventions provided', 'interventions'], ['## Procedures', 'interventions'],
    ['## Billing', 'billing'], ['## Charges', 'billing'], ['## Codes billed', 'billing'], ['## CPT', 'billing'], ['## treatment plan', 'P'],
  ];
  for (const [h, kind] of headings) {
    it(`"${h}" starts a ${kind} section`, () => {
      const m = model(md(h, 'text'));
      assert.deepEqual(m.sections.map((s) => s.kind), [kind]);
      assert.equal(m.sections[0].form, 'heading');
    });
  }
  for (const h of ['## Summary', '## Assessments due', '## Spanish', '## Treatment note', '## Objectives of the clinic', '## Ab', '## Plans']) {
    it(`"${h}" is not a section`, () => assert.deepEqual(model(md(h, 'text')).sections, []));
  }
  const labels: [string, string, string][] = [
    ['S: Patient reports 3/10.', 'S', 'S:'],
    ['**S:** Patient reports 3/10.', 'S', '**S:**'],
    ['**S**: Patient reports 3/10.', 'S', '**S**:'],
    ['Subjective: Patient reports 3/10.', 'S', 'Subjective:'],
    ['**Subjective:** Patient reports 3/10.', 'S', '**Subjective:**'],
    ['__Assessment:__ improving', 'A', '__Assessment:__'],
    ['Plan: continue', 'P', 'Plan:'],
    ['Goals:', 'goals', 'Goals:'],
    ['Treatment provided: see below', 'interventions', 'Treatment provided:'],
    ['Billing:', 'billing', 'Billing:'],
    ['CPT: 97530 x2', 'billing', 'CPT:'],
  ];
  for (const [line, kind, label] of labels) {
    it(`the label line "${line}" starts a ${kind} section; the rest of the line is content`, () => {
      const text = md('Intro.', '', line);
      const m = model(text);
      assert.deepEqual(m.sections.map((s) => s.kind), [kind]);
      assert.equal(slice(text, m.sections[0].titleRange), label);
      const rest = line.slice(label.length).trim();
      assert.equal(text.slice(m.sections[0].contentOffset).split('\n')[0], rest);
    });
  }
  it('labels run together in one paragraph start one section each', () => {
    const m = model(md('S: pain 3/10', 'O: 97110 ther ex 15 min', 'A: tolerated with 2/10 pain', 'P: continue'));
    assert.deepEqual(m.sections.map((s) => `${s.kind}@${s.startLine}-${s.endLine}`), ['S@0-1', 'O@1-2', 'A@2-3', 'P@3-5']);
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97110', 15]]);
  });
  it('an unindented label after a list item starts a section (lazy continuation in CommonMark)', () => {
    const m = model(md('O:', '- 97110 ther ex 15 min: bridges 2x10', 'A: demonstrated 10 bridges', 'P: continue'));
    assert.deepEqual(m.sections.map((s) => s.kind), ['O', 'A', 'P']);
    assert.deepEqual(m.entries.map((e) => [e.code, e.firstLine, e.endLine]), [['97110', 1, 2]]);
  });
  it('a label line swallowed into a table (no blank line after it) starts a section', () => {
    const m = model(md('O:', '| Code | Min |', '|---|---|', '| 97110 | 15 |', 'A: demonstrated 10 bridges'));
    assert.deepEqual(m.sections.map((s) => s.kind), ['O', 'A']);
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97110', 15]]);
  });
  it('labels and headings inside code fences, HTML comments, block quotes and indented list text are not sections', () => {
    const m = model(md('```', '## Subjective', 'S: x', '```', '', '<!--', '## Objective', 'O: y', '-->', '', '> ## Plan', '> P: z', '', '- item', '  A: indented continuation'));
    assert.deepEqual(m.sections, []);
  });
});

describe('note forms: intervention entries', () => {
  const cases: [string, string, number | null, string, string][] = [
    // line, code, minutes, designator text, minutes text
    ['### 97530 Therapeutic activities — 23 min', '97530', 23, '97530 Therapeutic activities', '23 min'],
    ['- **97530** (23 min): Practiced lifting a 10 lb box floor to counter x10 (LTG1).', '97530', 23, '97530', '23 min'],
    ['- Ther act (97530), 10:05–10:28. Car transfer practice with a simulated seat.', '97530', 23, 'Ther act (97530', '10:05–10:28'],
    ['- Therapeutic exercise 97110 x 10 min - shoulder pulley, 3x10.', '97110', 10, 'Therapeutic exercise 97110', 'x 10 min'],
    ['- 97140 Manual therapy: 8 minutes. Soft tissue mobilization, R upper trapezius.', '97140', 8, '97140 Manual therapy', '8 minutes'],
    ['- CPT 97530 23 min lifting', '97530', 23, '97530', '23 min'],
    ['- (97530) 23 min lifting', '97530', 23, '97530', '23 min'],
    ['- Ther ex: bridges 2x12, clamshells 2x10 — 15 min', '97110', 15, 'Ther ex', '15 min'],
    ['- Ther ex x 15\' bridges', '97110', 15, 'Ther ex', "x 15'"],
    ['- NMR 97112 for 24 min: tandem stance', '97112', 24, 'NMR 97112', '24 min'],
    ['- 15 min ther ex (97110): bridges', '97110', 15, 'ther ex (97110', '15 min'],
    ['- Neuro re-ed 10:05 to 10:20, balance', '97112', 15, 'Neuro re-ed', '10:05 to 10:20'],
    ['- Gait training 97116 — 1:55pm-2:10pm — 150 ft', '97116', 15, 'Gait training 97116', '1:55pm-2:10pm'],
    ['- 97110 10:05-10:15, 10:40-10:50: bridges', '97110', 20, '97110', '10:05-10:15, 10:40-10:50'],
    ['- 92507 Voice treatment, 50 min: resonant voice', '92507', 50, '92507', '50 min'],
    ['- 97112 Neuro re-ed (2nd bout) — 12 min: sit-to-stand', '97112', 12, '97112 Neuro re-ed', '12 min'],
    ['- 92507 Treatment of voice disorder — 30 min: hums', '92507', 30, '92507', '30 min'],
    ['- 97110 bike warm-up, a total of 10 min', '97110', 10, '97110', '10 min'],
    ['- 97530 Ther act 1 hr: kitchen tasks', '97530', 60, '97530 Ther act', '1 hr'],
    ['- 97116 Gait training: 150 ft x2 then 12 min on the treadmill', '97116', null, '97116 Gait training', ''],
    ['- ADL training 97535, 12 min: shower transfer', '97535', 12, 'ADL training 97535', '12 min'],
    ['- Self-care/home management 25 min: dressing', '97535', 25, 'Self-care/home management', '25 min'],
    ['- Self care / home management 25 min: dressing', '97535', 25, 'Self care / home management', '25 min'],
    ['- Group therapy 97150 x 45 min: balance class', '97150', 45, 'Group therapy 97150', 'x 45 min'],
    ['- 97116 Gait training: walked for 6 minutes with a cane', '97116', null, '97116 Gait training', ''],
    ['- 97110 3x10 bridges and 12 min bike', '97110', null, '97110', ''],
  ];
  for (const [line, code, minutes, designator, minText] of cases) {
    it(`"${line}" → ${code}, ${minutes === null ? 'no minutes' : minutes + ' min'}`, () => {
      const text = objective(line);
      const m = model(text);
      assert.equal(m.entries.length, 1);
      const e = m.entries[0];
      assert.equal(e.code, code);
      assert.equal(e.minutes, minutes);
      assert.equal(e.firstLine, O_LINE);
      assert.equal(slice(text, e.designatorRange), designator);
      if (minutes !== null) assert.equal(slice(text, e.minutesRange!), minText);
      assert.equal(e.form, line.startsWith('#') ? 'heading' : 'list');
    });
  }
  it('a heading entry runs to the next heading and keeps its description lines', () => {
    const text = objective('### 97530 Therapeutic activities — 23 min', 'Practiced lifting a 10 lb box x10 (LTG1).', '', '### 97110 Ther ex — 15 min', 'Bridges 2x12.', '', 'Total timed minutes: 38');
    const m = model(text);
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, e.firstLine - O_LINE, e.endLine - O_LINE]), [['97530', 23, 0, 2], ['97110', 15, 3, 5]]);
    assert.equal(m.entries[0].text, '97530 Therapeutic activities — 23 min\nPracticed lifting a 10 lb box x10 (LTG1).');
  });
  it('a list entry includes its nested items and continuation lines', () => {
    const text = objective('- 97110 Ther ex 15 min:', '  - bridges 2x12', '  - clamshells 2x10', '  continued text', '- 97112 NMR 10 min: tandem');
    const m = model(text);
    assert.deepEqual(m.entries.map((e) => [e.code, e.endLine - e.firstLine]), [['97110', 4], ['97112', 1]]);
    assert.equal(span(m.entries[0].range), `${O_LINE + 1}:3-${O_LINE + 4}:17`);
  });
  it('nested items under an entry are not entries of their own; items under a non-entry are', () => {
    const m = model(objective('- Interventions today:', '  - 97530 ther act 23 min', '  - 97110 ther ex 15 min', '- 97140 manual 8 min', '  - STM 97140 note'));
    assert.deepEqual(m.entries.map((e) => e.code), ['97530', '97110', '97140']);
  });
  it('table rows: Code / Intervention / Min / Details columns', () => {
    const text = objective(
      '| Code | Intervention | Min | Details |',
      '|---|---|---|---|',
      '| 97530 | Therapeutic activities | 23 | Lifting 10 lb box to shelf, VC for lumbar safety |',
      '| | Ther ex | 15 min | bridges |',
      '| 97140 | Manual therapy | 10:05-10:13 | STM |',
      '| 97112 | NMR | | tandem |',
    );
    const m = model(text);
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, e.form]), [['97530', 23, 'table'], ['97110', 15, 'table'], ['97140', 8, 'table'], ['97112', null, 'table']]);
    assert.equal(slice(text, m.entries[0].minutesRange!), '23');
    assert.equal(slice(text, m.entries[0].codeRange!), '97530');
  });
  it('table rows with a Time column holding ranges, and without a minutes column', () => {
    const m = model(objective('| CPT | Time |', '|---|---|', '| 97110 | 9:02-9:35 |', '', '| Service | Notes |', '|---|---|', '| Ther ex 97110 12 min | x |'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97110', 33], ['97110', 12]]);
  });
  it('table rows with Start and End columns and no minutes column: the range between them', () => {
    const text = objective('| Code | Description | Start | End | Units |', '|---|---|---|---|---|', '| 97530 | Ther act | 10:02 AM | 10:25 AM | 2 |', '| 97110 | Ther ex | 11:50 | 12:05 | 1 |');
    const m = model(text);
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97530', 23], ['97110', 15]]);
    assert.equal(slice(text, m.entries[0].minutesRange!), '10:02 AM | 10:25 AM');
  });
  it('plain lines that start with a code or name are entries; narrative lines are not', () => {
    const m = model(objective('Ther ex 97110 15 min: bridges 2x12', 'with verbal cues.', 'Gait training 10 min: 150 ft x2', 'Patient reports manual therapy helped.'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, e.endLine - e.firstLine]), [['97110', 15, 2], ['97116', 10, 2]]);
  });
  it('description lines under a heading entry that start with a procedure name stay description', () => {
    const m = model(objective('### 97140 Manual therapy — 12 min', 'STM to the R calf, grade II joint mobilization.', '- Ultrasound gel removed before mobilization', '- Massage of the arch', '- 97110 Ther ex 10 min: calf raises'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, e.endLine - e.firstLine]), [['97140', 12, 4], ['97110', 10, 1]]);
  });
  it('a plain line needs a code, or a name with its time, to be an entry', () => {
    const m = model(objective('Ultrasound was deferred today.', 'Gait training 150 ft with a cane — 12 min', 'Manual therapy helped per patient.'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97116', 12]]);
  });
  it('the label line’s own content can be an entry', () => {
    const m = model(md('S: fine', '**O:** 97530 ther act 23 min lifting', 'A: better', 'P: go'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes]), [['97530', 23]]);
  });
  it('"Time: 23 min" on a line of the entry gives its minutes', () => {
    const m = model(objective('- **97530 Therapeutic activities**', '  Time: 23 min', '  Lifting 10 lb box.'));
    assert.equal(m.entries[0].minutes, 23);
    assert.equal(m.entries[0].minutesRange!.start.line, O_LINE + 1);
  });
  it('entries only come from Objective and Interventions', () => {
    const m = model(md('## Subjective', '- 97110 15 min at home', '## Interventions', '- 97530 23 min', '## Assessment', '- 97112 10 min'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.section.kind]), [['97530', 'interventions']]);
  });
  it('an unknown code next to a procedure name is a typo of that name’s code', () => {
    const text = objective('### 9753 Therapeutic activities × 23 min');
    const e = model(text).entries[0];
    assert.equal(e.code, '97530');
    assert.equal(e.unknownCode?.code, '9753');
    assert.equal(slice(text, e.unknownCode!.range), '9753');
    assert.equal(e.minutes, 23);
  });
});

describe('note forms: goals', () => {
  const ids: [string, string][] = [
    ['- LTG1: lift 10 lb', 'LTG1'], ['- LTG 1: lift', 'LTG1'], ['- LTG-1: lift', 'LTG1'], ['- LTG #1: lift', 'LTG1'],
    ['- STG2 - rise from chair', 'STG2'], ['- Goal 3: walk', 'G3'], ['- G3: walk', 'G3'], ['- **LTG1:** lift', 'LTG1'],
    ['- Long-term goal 2: walk', 'LTG2'], ['- Short term goal 1: walk', 'STG1'], ['- goal #4: walk', 'G4'], ['- LTG1a: part', 'LTG1a'],
  ];
  for (const [line, id] of ids) {
    it(`"${line}" defines ${id}`, () => {
      const text = md('## Goals', line);
      const g = model(text).goals;
      assert.deepEqual(g.map((x) => x.id), [id]);
    });
  }
  it('an ordered list without ids numbers its goals G1, G2…', () => {
    const text = md('## Goals', '1. Walk 150 ft with a cane.', '2. Climb 12 stairs.', '', '## Plan', 'x');
    const g = model(text).goals;
    assert.deepEqual(g.map((x) => [x.id, x.text]), [['G1', 'Walk 150 ft with a cane.'], ['G2', 'Climb 12 stairs.']]);
    assert.equal(slice(text, g[1].idRange), '2');
  });
  it('goal text follows a colon or dash; goal lines as plain paragraph lines and table rows count', () => {
    const g = model(md('Goals:', 'LTG1: lift 10 lb', 'STG1 - rise', '', '## Goals', '| Goal | Text |', '|---|---|', '| STG 2 | climb stairs |')).goals;
    assert.deepEqual(g.map((x) => [x.id, x.text]), [['LTG1', 'lift 10 lb'], ['STG1', 'rise'], ['STG2', 'climb stairs']]);
  });
  it('HCPCS codes are not goal ids', () => {
    assert.deepEqual(model(md('## Goals', '- G0283 is a code', '- G3: walk')).goals.map((g) => g.id), ['G3']);
  });
});

describe('note forms: billing lines', () => {
  const lines: [string, string, string[], number, string | null][] = [
    ['- 97530 x2 GP', '97530', ['GP'], 2, '2'],
    ['- 97530 GP x 2', '97530', ['GP'], 2, '2'],
    ['- 97140-59-GP (1 unit)', '97140', ['59', 'GP'], 1, '1'],
    ['- 97110 × 1, GP', '97110', ['GP'], 1, '1'],
    ['- 97110 ×2 GP', '97110', ['GP'], 2, '2'],
    ['- 97110 2 units GP', '97110', ['GP'], 2, '2'],
    ['- 97110 GP 2 unit(s)', '97110', ['GP'], 2, '2'],
    ['- 97110 GP units: 2', '97110', ['GP'], 2, '2'],
    ['- 97110, GP, CQ', '97110', ['GP', 'CQ'], 1, null],
    ['- CPT 97110 GP x1', '97110', ['GP'], 1, '1'],
    ['- **97110** GP x1', '97110', ['GP'], 1, '1'],
    ['- 97530 GP XU x1', '97530', ['GP', 'XU'], 1, '1'],
    ['- 97530 x2 GP (23 min)', '97530', ['GP'], 2, '2'],
    ['- 97530 GP x 23 min', '97530', ['GP'], 1, null],
    ['- G0283 GP', 'G0283', ['GP'], 1, null],
    ['- 9753 x2 GP', '9753', ['GP'], 2, '2'],
  ];
  for (const [line, code, mods, units, unitsText] of lines) {
    it(`"${line}" bills ${code} ×${units} ${mods.join(',')}`, () => {
      const text = md('## Billing', line);
      const b = model(text).billing;
      assert.equal(b.length, 1);
      assert.deepEqual([b[0].code, b[0].modifiers.map((m) => m.value), b[0].units], [code, mods, units]);
      assert.equal(b[0].unitsRange ? slice(text, b[0].unitsRange) : null, unitsText);
      assert.equal(slice(text, b[0].codeRange), code);
    });
  }
  it('a table with Code, Modifier and Units columns', () => {
    const text = md('## Billing', '| Code | Modifier | Units |', '|---|---|---|', '| 97530 | GP | 2 |', '| 97110 | GP, CQ | 1 |');
    const b = model(text).billing;
    assert.deepEqual(b.map((x) => [x.code, x.modifiers.map((m) => m.value), x.units, x.form]), [['97530', ['GP'], 2, 'table'], ['97110', ['GP', 'CQ'], 1, 'table']]);
    assert.equal(slice(text, b[0].unitsRange!), '2');
  });
  it('a table row without headers: | 97530 | GP | 2 |', () => {
    const b = model(md('## Billing', '| Code | Mod | Units |', '|---|---|---|', '| 97530 | GP | 2 |')).billing;
    assert.deepEqual([b[0].code, b[0].units, b[0].modifiers.map((m) => m.value)], ['97530', 2, ['GP']]);
  });
  it('several codes on one line, plain lines and the label line itself', () => {
    const b = model(md('S: a', 'O: b', 'Billing: 97530 x2 GP, 97110 x1 GP', '97140 GP')).billing;
    assert.deepEqual(b.map((x) => [x.code, x.units]), [['97530', 2], ['97110', 1], ['97140', 1]]);
  });
  it('lines that do not start with a code are not billed lines', () => {
    assert.deepEqual(model(md('## Billing', '- Total units: 3', '- Billed per CMS 8-minute rule, see 97530 above')).billing, []);
  });
});

describe('note forms: totals', () => {
  const totals: [string, 'timed' | 'treatment', number, string][] = [
    ['Total timed minutes: 38', 'timed', 38, '38'],
    ['Total timed code minutes: 38', 'timed', 38, '38'],
    ['Timed minutes: 38', 'timed', 38, '38'],
    ['Total treatment time: 45 min', 'treatment', 45, '45'],
    ['Total time: 45 minutes', 'treatment', 45, '45'],
    ['**Total timed minutes:** 38', 'timed', 38, '38'],
    ['- Total timed minutes = 38', 'timed', 38, '38'],
    ['TOTAL TIMED MINUTES: 38', 'timed', 38, '38'],
    ['Total treatment time: 1 hr 10 min', 'treatment', 70, '1 hr 10 min'],
    ['Total treatment time: 1h 10m', 'treatment', 70, '1h 10m'],
    ['Total time: 1 hour', 'treatment', 60, '1 hour'],
  ];
  for (const [line, kind, value, valueText] of totals) {
    it(`"${line}"`, () => {
      const text = md('## Objective', line);
      const t = model(text).totals;
      assert.deepEqual(t.map((x) => [x.kind, x.value]), [[kind, value]]);
      assert.equal(slice(text, t[0].valueRange), valueText);
    });
  }
  it('two totals on one line, and none inside code', () => {
    const t = model(md('Timed minutes: 38; total treatment time: 45 min', '```', 'Total time: 99', '```')).totals;
    assert.deepEqual(t.map((x) => [x.kind, x.value]), [['timed', 38], ['treatment', 45]]);
  });
});

describe('note forms: line endings and byte-order mark', () => {
  const lf = objective('- 97530 Ther act 23 min: lifting', '- 97110 Ther ex 15 min: bridges', '', 'Total timed minutes: 38', '', '## Billing', '- 97530 x2 GP', '- 97110 x1 GP');
  const shape = (text: string) => {
    const m = model(text);
    return {
      entries: m.entries.map((e) => [e.code, e.minutes, span(e.designatorRange), span(e.minutesRange)]),
      billing: m.billing.map((b) => [b.code, span(b.unitsRange)]),
      totals: m.totals.map((t) => span(t.valueRange)),
      sections: m.sections.map((s) => span(s.titleRange)),
    };
  };
  it('CRLF gives the same model and ranges as LF', () => {
    assert.deepEqual(shape(lf.replace(/\n/g, '\r\n')), shape(lf));
    assert.equal(model(lf.replace(/\n/g, '\r\n')).eol, '\r\n');
  });
  it('a UTF-8 BOM gives the same ranges (relative to the text without it)', () => {
    assert.deepEqual(shape('\uFEFF' + lf), shape(lf));
  });
  it('CR-only line endings are lines too', () => {
    assert.deepEqual(shape(lf.replace(/\n/g, '\r')), shape(lf));
  });
});

describe('a plain-line entry and the list under it', () => {
  it('a list right under the entry line, with no code of its own, is the entry\'s description', () => {
    const m = model(md('## S', 'Fine.', '## O', 'Ther ex (97110) x 10 min', '  - Heel raises 3x15 with 2 lb, VC for control (LTG1)', '- Calf stretch 3 x 30 s', '', 'Notes after a blank line.'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, e.firstLine, e.endLine]), [['97110', 10, 3, 6]]);
    assert.ok(m.entries[0].text.endsWith('Calf stretch 3 x 30 s'));
  });
  it('a list whose items are entries stays separate', () => {
    const m = model(md('## S', 'Fine.', '## O', 'Ther ex (97110) x 10 min: heel raises 3x15', '- 97530 Ther act 8 min: lifting'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.firstLine, e.endLine]), [['97110', 3, 4], ['97530', 4, 5]]);
  });
});

describe('minutes after a label that holds the code or a time of its own (catalog-2 corpus)', () => {
  it('"Self-care/home management training (97535) 9:05–9:25": a code inside the label', () => {
    const m = model(md('## S', 'ok', '## O', '- Self-care/home management training (97535) 9:05–9:25: tub transfer with a bench.'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, span(e.minutesRange)]), [['97535', 20, '4:46-4:55']]);
  });
  it('"each additional 15 min (15 min):": the time in brackets', () => {
    const m = model(md('## S', 'ok', '## O', '- 97130 Cognitive intervention, each additional 15 min (15 min): sequencing task.'));
    assert.deepEqual(m.entries.map((e) => [e.code, e.minutes, span(e.minutesRange)]), [['97130', 15, '4:57-4:63']]);
  });
});
