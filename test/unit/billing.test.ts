import assert from 'node:assert/strict';
import { checkAllocation, computeUnits, explain, unitsForMinutes, type UnitsResult } from '../../server/src/engine/billing';

function units(r: UnitsResult): Record<string, number> {
  return Object.fromEntries(r.codes.map((c) => [c.code, c.units]));
}
function billed(o: Record<string, number>): Map<string, number> {
  return new Map(Object.entries(o));
}
// Codes in the order a note writes them (object keys like '97530' would be reordered by JS).
type Minutes = [string, number][];
const cms = (items: Minutes) => computeUnits('cms', items.map(([code, minutes]) => ({ code, minutes })));
const ama = (items: Minutes) => computeUnits('ama', items.map(([code, minutes]) => ({ code, minutes })));

describe('billing: units from minutes (MCPM §20.2 C table)', () => {
  it('matches every row of the table, and below 8 minutes is 0', () => {
    const rows: [number, number, number][] = [
      [1, 8, 22], [2, 23, 37], [3, 38, 52], [4, 53, 67], [5, 68, 82], [6, 83, 97], [7, 98, 112], [8, 113, 127],
    ];
    for (const [u, lo, hi] of rows) {
      assert.equal(unitsForMinutes(lo), u, `${lo} min`);
      assert.equal(unitsForMinutes(hi), u, `${hi} min`);
      assert.equal(unitsForMinutes(lo - 1), u - 1, `${lo - 1} min`);
    }
    assert.equal(unitsForMinutes(0), 0);
    assert.equal(unitsForMinutes(7), 0);
    // "The pattern remains the same for treatment times in excess of 2 hours."
    assert.equal(unitsForMinutes(128), 9);
    assert.equal(unitsForMinutes(142), 9);
  });
});

describe('billing: every CMS worked example (billing-rules.md §1.4)', () => {
  it('Example 1: 97112 24 + 97110 23 = 47 min → 3 units, 97112 ×2, 97110 ×1', () => {
    const r = cms([['97112', 24], ['97110', 23]]);
    assert.equal(r.totalMinutes, 47);
    assert.equal(r.totalUnits, 3);
    assert.deepEqual(units(r), { '97112': 2, '97110': 1 });
    assert.equal(checkAllocation(r, billed({ '97112': 2, '97110': 1 })).ok, true);
    assert.equal(checkAllocation(r, billed({ '97112': 1, '97110': 2 })).ok, false);
    assert.deepEqual(r.tied, []);
  });

  it('Example 2: 97112 20 + 97110 20 = 40 min → 3 units; either code ×2 (a tie), never 3 of one', () => {
    const r = cms([['97112', 20], ['97110', 20]]);
    assert.equal(r.totalUnits, 3);
    assert.deepEqual(r.tied, ['97112', '97110']);
    assert.equal(checkAllocation(r, billed({ '97112': 2, '97110': 1 })).ok, true);
    assert.equal(checkAllocation(r, billed({ '97112': 1, '97110': 2 })).ok, true);
    assert.equal(checkAllocation(r, billed({ '97112': 3, '97110': 0 })).ok, false);
    assert.equal(checkAllocation(r, billed({ '97112': 0, '97110': 3 })).ok, false);
    assert.equal(checkAllocation(r, billed({ '97112': 2, '97110': 2 })).ok, false);
  });

  it('Example 3: 97110 33 + 97140 7 = 40 min → 97110 ×2, 97140 ×1 (7 min beats the 3-min remainder)', () => {
    const r = cms([['97110', 33], ['97140', 7]]);
    assert.equal(r.totalUnits, 3);
    assert.deepEqual(units(r), { '97110': 2, '97140': 1 });
    assert.equal(checkAllocation(r, billed({ '97110': 2, '97140': 1 })).ok, true);
    assert.equal(checkAllocation(r, billed({ '97110': 3, '97140': 0 })).ok, false);
  });

  it('Example 4: 97110 18, 97140 13, 97116 10, 97035 8 = 49 min → 3 units, ultrasound gets none', () => {
    const r = cms([['97110', 18], ['97140', 13], ['97116', 10], ['97035', 8]]);
    assert.equal(r.totalMinutes, 49);
    assert.equal(r.totalUnits, 3);
    assert.deepEqual(units(r), { '97110': 1, '97140': 1, '97116': 1, '97035': 0 });
    assert.equal(checkAllocation(r, billed({ '97110': 1, '97140': 1, '97116': 1 })).ok, true);
    // "you may not bill 4 units for less than 53 minutes regardless of how many services were performed"
    assert.equal(checkAllocation(r, billed({ '97110': 1, '97140': 1, '97116': 1, '97035': 1 })).ok, false);
    const c97035 = r.codes.find((c) => c.code === '97035')!;
    assert.deepEqual([c97035.min, c97035.max], [0, 0]);
  });

  it('Example 5: 97112 7, 97110 7, 97140 7 = 21 min → 1 unit, any one of the three', () => {
    const r = cms([['97112', 7], ['97110', 7], ['97140', 7]]);
    assert.equal(r.totalUnits, 1);
    assert.deepEqual(r.tied, ['97112', '97110', '97140']);
    for (const code of ['97112', '97110', '97140']) assert.equal(checkAllocation(r, billed({ [code]: 1 })).ok, true, code);
    assert.equal(checkAllocation(r, billed({ '97112': 1, '97110': 1 })).ok, false);
    assert.equal(checkAllocation(r, billed({})).ok, false);
  });

  it('§20.2 B: 60 minutes of 97530 → 4 units of 97530', () => {
    const r = cms([['97530', 60]]);
    assert.equal(r.totalUnits, 4);
    assert.deepEqual(units(r), { '97530': 4 });
    assert.equal(checkAllocation(r, billed({ '97530': 4 })).ok, true);
  });

  it('the §1.5 ambiguity case (97110 30, 97140 10, 97112 12): the remainder method gives the third unit to 97112', () => {
    const r = cms([['97110', 30], ['97140', 10], ['97112', 12]]);
    assert.equal(r.totalUnits, 3);
    assert.deepEqual(units(r), { '97110': 2, '97140': 0, '97112': 1 });
    assert.equal(checkAllocation(r, billed({ '97110': 2, '97112': 1 })).ok, true);
    assert.equal(checkAllocation(r, billed({ '97110': 2, '97140': 1 })).ok, false);
  });

  it('NCCI Ch. 1 §E: 8 min of 97112 and 8 min of 97110 earn one unit, not two', () => {
    const r = cms([['97112', 8], ['97110', 8]]);
    assert.equal(r.totalUnits, 1);
    assert.equal(checkAllocation(r, billed({ '97112': 1, '97110': 1 })).ok, false);
  });

  it('explains the arithmetic', () => {
    assert.equal(
      explain(cms([['97530', 23], ['97110', 15]])),
      'CMS total-time method: timed codes together 38 min → 3 units (38–52 min = 3); full 15-min units 97530 1, 97110 1; 1 remaining unit to the largest leftover minutes (97530 8): 97530; → 97530 ×2, 97110 ×1.',
    );
    assert.match(explain(cms([['97112', 20], ['97110', 20]])), /97112 and 97110 tie, so either may take it/);
  });
});

describe('billing: AMA per-code contrasts (billing-rules.md §2)', () => {
  const cases: [string, Minutes, number, number, Record<string, number>][] = [
    ['Example 1', [['97112', 24], ['97110', 23]], 3, 4, { '97112': 2, '97110': 2 }],
    ['Example 2', [['97112', 20], ['97110', 20]], 3, 2, { '97112': 1, '97110': 1 }],
    ['Example 3', [['97110', 33], ['97140', 7]], 3, 2, { '97110': 2, '97140': 0 }],
    ['Example 4', [['97110', 18], ['97140', 13], ['97116', 10], ['97035', 8]], 3, 4, { '97110': 1, '97140': 1, '97116': 1, '97035': 1 }],
    ['Example 5', [['97112', 7], ['97110', 7], ['97140', 7]], 1, 0, { '97112': 0, '97110': 0, '97140': 0 }],
    ['Gawenda: 10 + 10 + 10', [['97110', 10], ['97140', 10], ['97032', 10]], 2, 3, { '97110': 1, '97140': 1, '97032': 1 }],
  ];
  for (const [name, minutes, cmsTotal, amaTotal, amaPerCode] of cases) {
    it(`${name}: CMS ${cmsTotal} units, AMA ${amaTotal}`, () => {
      assert.equal(cms(minutes).totalUnits, cmsTotal);
      const r = ama(minutes);
      assert.equal(r.totalUnits, amaTotal);
      assert.deepEqual(units(r), amaPerCode);
      assert.equal(checkAllocation(r, billed(amaPerCode)).ok, true);
    });
  }
  it('accepts only each code’s own units', () => {
    const r = ama([['97112', 24], ['97110', 23]]);
    assert.equal(checkAllocation(r, billed({ '97112': 2, '97110': 1 })).ok, false);
  });
});
