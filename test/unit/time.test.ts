import assert from 'node:assert/strict';
import { parseMinutesValue, scanTimes } from '../../server/src/engine/time';

function first(s: string): [number, string] | null {
  const t = scanTimes(s)[0];
  return t ? [t.minutes, s.slice(t.start, t.end)] : null;
}

describe('time expressions (note-format.md, "Minutes of an entry")', () => {
  const durations: [string, number, string][] = [
    ['23 min', 23, '23 min'],
    ['23 mins', 23, '23 mins'],
    ['23 minutes', 23, '23 minutes'],
    ['23min', 23, '23min'],
    ["23'", 23, "23'"],
    ['x 23 min', 23, 'x 23 min'],
    ['× 23 min', 23, '× 23 min'],
    ['x23 min', 23, 'x23 min'],
    ['8 minute', 8, '8 minute'],
    ['23 Min.', 23, '23 Min.'],
    ['1 hr 15 min', 75, '1 hr 15 min'],
    ['1 hour', 60, '1 hour'],
    ['7.5 min', 7.5, '7.5 min'],
  ];
  for (const [s, minutes, text] of durations) {
    it(`reads "${s}" as ${minutes} min`, () => assert.deepEqual(first(`did it ${s} today`), [minutes, text]));
  }
  const ranges: [string, number][] = [
    ['10:05-10:28', 23],
    ['10:05–10:28', 23],
    ['10:05—10:28', 23],
    ['10:05\u201210:28', 23], // figure dash: every dash is alike
    ['10:05 to 10:28', 23],
    ['10:05 - 10:28', 23],
    ['1:55pm-2:10pm', 15],
    ['1:55 PM – 2:10 PM', 15],
    ['11:55am-12:10pm', 15],
    ['1:55-2:10pm', 15],
    ['12:50-1:05', 15],
    ['9:55 a.m. to 10:10 a.m.', 15],
  ];
  for (const [s, minutes] of ranges) {
    it(`reads the range "${s}" as ${minutes} min`, () => assert.deepEqual(first(s), [minutes, s]));
  }
  it('reads several ranges on one line separately', () => {
    assert.deepEqual(scanTimes('10:05-10:15, 10:40-10:50').map((t) => t.minutes), [10, 10]);
  });
  it('does not read sets, reps, clock times alone or impossible clocks as times', () => {
    for (const s of ['3x10', '2 x 12 reps', 'at 10:05', '99:99-99:99', '10:75-10:80', 'walked 150 ft', 'pain 3/10']) {
      assert.deepEqual(scanTimes(s).map((t) => s.slice(t.start, t.end)), [], s);
    }
  });
  it('reads cell and total values: a bare number is minutes', () => {
    assert.equal(parseMinutesValue('23'), 23);
    assert.equal(parseMinutesValue(' 23 min '), 23);
    assert.equal(parseMinutesValue('10:05-10:28'), 23);
    assert.equal(parseMinutesValue('10:05-10:15, 10:40-10:50'), 20);
    assert.equal(parseMinutesValue(''), null);
    assert.equal(parseMinutesValue('n/a'), null);
  });
});
