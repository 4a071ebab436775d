/**
 * A deterministic generator of realistic therapy notes for benchmarks, property tests and the
 * language server's warm-up (lsp/warm-up.ts).
 * Seeded (mulberry32), so two runs with the same seed produce the same bytes. It writes
 * every form of the note format (note-format.md): front matter or none; sections as
 * headings (`## S`, `### Subjective:`, `## O — Objective`), bold labels or plain labels,
 * and combined `Assessment/Plan`; entries as headings, list items (with nested items),
 * table rows (Min or Start/End columns) and plain lines; every minutes form (`23 min`,
 * `23'`, `x 23 min`, `10:05–10:28`, `1:55pm-2:10pm`); goal ids in every form; billing
 * lists and tables; totals with and without hours; LF or CRLF; a byte-order mark or not.
 * About one note in three carries a deliberate defect (wrong units, missing minutes,
 * no signature), as real folders do.
 *
 * Size: `targetBytes` grows a note by adding interventions (and their billing lines)
 * until it reaches the size, so 1 KB notes are ordinary visits and 1 MB notes are long
 * flowsheets of the same shape.
 */

export type Rng = () => number;

/** mulberry32: a small, fast, seedable PRNG (uniform in [0, 1)). */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
const chance = (r: Rng, p: number): boolean => r() < p;

interface Proc {
  code: string;
  names: string[];
  tasks: string[];
}

const PT: Proc[] = [
  { code: '97110', names: ['Therapeutic exercise', 'Ther ex', 'TherEx'], tasks: ['Sit-to-stand from an 18 in chair 3x8 without UE', 'bridges 2x12 and clamshells with a green band 2x15', 'standing hip abduction with 3 lb 2x10', 'heel slides with a strap 3 x 10 and LAQ 2 lb 3 x 10'] },
  { code: '97112', names: ['Neuromuscular re-education', 'NMR', 'Neuro re-ed'], tasks: ['tandem stance on foam 3 x 30 s', 'forward step-ups to a 6 in step with a 2 s pause x12 each leg', 'single-leg stance with perturbations 5 x 20 s'] },
  { code: '97116', names: ['Gait training'], tasks: ['150 ft x3 with a single-point cane on level tile', 'reciprocal stairs x12 with one rail', 'curb negotiation with a rolling walker x6'] },
  { code: '97140', names: ['Manual therapy', 'STM'], tasks: ['grade III PA glides L4-L5 3 x 30 s', 'soft tissue mobilization to the R upper trapezius', 'patellar mobilizations in all planes'] },
  { code: '97530', names: ['Therapeutic activities', 'Ther act'], tasks: ['lifting a 10 lb box from floor to a 36 in counter x10 with a hip hinge', 'car transfers with a simulated seat x5', 'carrying a laundry basket 50 ft x3'] },
];
const OT: Proc[] = [
  { code: '97535', names: ['Self-care/home management', 'ADL training'], tasks: ['lower-body dressing with a sock aid and reacher, 3 trials', 'tub transfer with a bench and grab bar x4', 'meal preparation at counter height, 2 items'] },
  { code: '97530', names: ['Therapeutic activities', 'Ther act'], tasks: ['unloading the dishwasher to a 48 in shelf, 2 rounds of 12 items', 'folding towels in standing 5 min', 'reaching for objects at shoulder height x15'] },
  { code: '97110', names: ['Therapeutic exercise', 'Ther ex'], tasks: ['putty grip strengthening 3 x 10', 'shoulder pulley 3x10 and wand flexion 2 x 15'] },
  { code: '97140', names: ['Manual therapy'], tasks: ['retrograde massage to the R hand', 'scar mobilization at the volar wrist'] },
];
const SLP: Proc[] = [
  { code: '92507', names: ['Speech therapy'], tasks: ['resonant voice hierarchy from hums to 10 phrases', 'naming 20 household objects with a semantic cue hierarchy', 'articulation of /r/ in words 40 trials'] },
  { code: '97129', names: ['Cognitive intervention'], tasks: ['a medication schedule with a pill organizer, 3 trials', 'a 3-step recipe sequence with a written checklist'] },
];

const CUES = ['Verbal cues for neutral spine on the first 4 trials, faded to none', 'tactile cue at the lumbar spine for bracing', 'CGA, graded from 2 to 1 UE support', 'demonstration, then VC to keep hip flexion under 90°', 'min A for sit to stand, progressed to SBA', 'modeling and a tactile cue at the lips for forward focus'];
const PURPOSES = ['to improve safety for car transfers', 'for safe stair climbing at home', 'to increase independence in dressing', 'so that she can return to work lifting 20 lb'];
const RESPONSES = ['Patient demonstrated a safe hinge by trial 5 and reported pain 2/10 after the session.', 'Tolerated 3 rounds without rest; reported fatigue 4/10.', 'Pt was able to complete 12 of 12 reps with good form.', 'Responded well to tactile cues; improved from 6 to 2 errors.'];
const SUBJECTIVE = ['Patient reports lifting her laundry basket at home with less low back pain (3/10, was 5/10).', 'Pt reports R knee stiffness in the morning, easing after she walks.', 'Reports she dressed her upper body alone twice this week but still needs help with socks.', 'Caregiver reports two near-falls at night on the way to the bathroom.'];

type SectionStyle = 'atx' | 'atx-letter' | 'bold' | 'plain';
type EntryStyle = 'heading' | 'list' | 'nested' | 'table' | 'table-range' | 'plain';

export interface GeneratedNote {
  /** A file name ending in `.note.md` or `.md`. */
  name: string;
  text: string;
  /** The forms used, for reports. */
  forms: { frontMatter: boolean; sections: SectionStyle; entries: EntryStyle; crlf: boolean; bom: boolean; defect: string | null };
}

function clock(min: number): string {
  const h = 8 + Math.floor(min / 60);
  return `${h}:${String(min % 60).padStart(2, '0')}`;
}
function pmClock(min: number): string {
  const t = 13 * 60 + min;
  const h = Math.floor(t / 60);
  return `${h > 12 ? h - 12 : h}:${String(t % 60).padStart(2, '0')}pm`;
}

/** A time expression for `m` minutes starting `at` minutes into the day, in one of the accepted forms. */
function minutesText(r: Rng, m: number, at: number): string {
  switch (int(r, 0, 9)) {
    case 0: return `${m} min`;
    case 1: return `${m} mins`;
    case 2: return `${m} minutes`;
    case 3: return `${m}min`;
    case 4: return `${m}'`;
    case 5: return `x ${m} min`;
    case 6: return `× ${m} min`;
    case 7: return `${clock(at)}–${clock(at + m)}`;
    case 8: return `${clock(at)} to ${clock(at + m)}`;
    default: return `${pmClock(at)}-${pmClock(at + m)}`;
  }
}

function heading(r: Rng, style: SectionStyle, full: string, letter: string, level = 2): string {
  const hashes = '#'.repeat(level);
  switch (style) {
    case 'atx': return pick(r, full === letter ? [`${hashes} ${full}`, `${hashes} ${full}:`] : [`${hashes} ${full}`, `${hashes} ${full}:`, `${hashes} ${letter} — ${full}`]);
    case 'atx-letter': return pick(r, [`${hashes} ${letter}`, `${hashes} ${letter}:`]);
    case 'bold': return pick(r, [`**${letter}:**`, `**${full}:**`]);
    default: return pick(r, [`${letter}:`, `${full}:`]);
  }
}

function goalId(r: Rng, kind: 'LTG' | 'STG', n: number): string {
  return pick(r, [`${kind}${n}`, `${kind} ${n}`, `${kind}-${n}`, `${kind} #${n}`]);
}

interface Entry {
  proc: Proc;
  minutes: number;
  name: string;
  task: string;
  goal: string;
  cue: string;
  missingMinutes: boolean;
}

function entryLines(r: Rng, style: EntryStyle, e: Entry, at: number): string[] {
  const time = e.missingMinutes ? '' : minutesText(r, e.minutes, at);
  const body = `${e.task[0].toUpperCase()}${e.task.slice(1)} (${e.goal}); ${e.cue}.`;
  switch (style) {
    case 'heading':
      return [`### ${e.proc.code} ${e.name}${time ? ` — ${time}` : ''}`, body, ''];
    case 'list':
      return [pick(r, [
        `- **${e.proc.code}** ${time ? `(${time})` : ''}: ${body}`,
        `- ${e.name} (${e.proc.code}), ${time || 'see flowsheet'}. ${body}`,
        `- ${e.name} ${e.proc.code} ${time ? `${time} - ` : '- '}${body}`,
        `- ${e.proc.code} ${e.name}: ${time ? `${time}. ` : ''}${body}`,
      ])];
    case 'nested':
      return [`- ${e.proc.code} ${e.name}${time ? ` — ${time}` : ''}`, `  - ${e.task} (${e.goal})`, `  - ${e.cue}`];
    case 'table':
      return [`| ${e.proc.code} | ${e.name} | ${e.missingMinutes ? '' : e.minutes} | ${body.replace(/\|/g, '/')} |`];
    case 'table-range':
      return [`| ${e.proc.code} | ${e.name} | ${clock(at)} | ${e.missingMinutes ? '' : clock(at + e.minutes)} | ${body.replace(/\|/g, '/')} |`];
    default:
      return [`${e.name} ${e.proc.code}${time ? ` — ${time}` : ''}: ${body}`];
  }
}

/** Realistic defects, one at most per note. */
const DEFECTS = ['units', 'missing-minutes', 'no-signature', 'total', 'modifier'] as const;

export function generateNote(seed: number, targetBytes = 2000): GeneratedNote {
  const r = rng(seed);
  const discipline = pick(r, ['PT', 'PT', 'OT', 'SLP'] as const);
  const procs = discipline === 'PT' ? PT : discipline === 'OT' ? OT : SLP;
  const payer = pick(r, ['medicare', 'medicare', 'medicaid', 'commercial']);
  const frontMatter = chance(r, 0.8);
  const sections: SectionStyle = pick(r, ['atx', 'atx', 'atx-letter', 'bold', 'plain'] as const);
  const entries: EntryStyle = pick(r, ['heading', 'list', 'list', 'nested', 'table', 'table-range', 'plain'] as const);
  const crlf = chance(r, 0.15);
  const bom = chance(r, 0.05);
  const defect = chance(r, 0.35) ? pick(r, DEFECTS) : null;
  const modifier = discipline === 'PT' ? 'GP' : discipline === 'OT' ? 'GO' : 'GN';
  const provider = pick(r, { PT: ['Jordan Avery, PT, DPT', 'Sam Lee, PTA'], OT: ['Priya Nair, OTR/L', 'Dana Cole, COTA/L'], SLP: ['Aaron Whitlock, MS, CCC-SLP'] }[discipline]);
  const assistant = /PTA|COTA/.test(provider);
  const out: string[] = [];

  if (frontMatter) {
    out.push('---', `patient: P-${String(seed % 10000).padStart(4, '0')}`, `date: 2026-0${int(r, 1, 9)}-1${int(r, 0, 9)}`, `discipline: ${discipline}`, `payer: ${payer}`);
    if (chance(r, 0.9)) out.push(`provider: ${provider}`);
    out.push(`note_type: ${pick(r, ['daily', 'daily', 'daily', 'progress'])}`, `visit: ${int(r, 1, 24)}`, '---', '');
  }
  if (chance(r, 0.6)) out.push(`# ${discipline} Daily Note`, '');

  const goals = int(r, 1, 3);
  const goalIds: string[] = [];
  const goalsFirst = chance(r, 0.5);
  const goalLines: string[] = [heading(r, sections === 'atx-letter' ? 'atx' : sections, 'Goals', 'Goals')];
  for (let g = 1; g <= goals; g++) {
    const kind = g === 1 ? 'LTG' : 'STG';
    const id = goalId(r, kind, g);
    goalIds.push(id);
    goalLines.push(`- ${id}: Patient will ${pick(r, ['climb 12 stairs with one rail', 'dress the lower body with adaptive equipment', 'carry 10 lb 50 ft', 'teach a 45-minute class with vocal effort at or below 3/10'])} within ${int(r, 2, 8)} weeks.`);
  }
  goalLines.push('');
  if (goalsFirst) out.push(...goalLines);

  const subj = heading(r, sections, 'Subjective', 'S');
  out.push(...(sections === 'bold' || sections === 'plain' ? [`${subj} ${pick(r, SUBJECTIVE)}`, ''] : [subj, pick(r, SUBJECTIVE), '']));
  out.push(heading(r, sections, 'Objective', 'O'), '');

  // Interventions until the note reaches its size (at least one).
  const minutesByCode = new Map<string, number>();
  const list: Entry[] = [];
  let at = 5;
  const table = entries === 'table' || entries === 'table-range';
  if (entries === 'table') out.push('| Code | Intervention | Min | Details |', '|---|---|---|---|');
  if (entries === 'table-range') out.push('| Code | Intervention | Start | End | Details |', '|---|---|---|---|---|');
  let size = out.reduce((n, l) => n + l.length + 1, 0) + 600;
  const count = int(r, 1, 4);
  for (let i = 0; i < count || size < targetBytes; i++) {
    const proc = pick(r, procs);
    const e: Entry = {
      proc,
      minutes: int(r, 8, 30),
      name: pick(r, proc.names),
      task: pick(r, proc.tasks),
      goal: chance(r, 0.95) ? pick(r, goalIds) : pick(r, PURPOSES),
      cue: pick(r, CUES),
      missingMinutes: defect === 'missing-minutes' && i === 0,
    };
    list.push(e);
    const lines = entryLines(r, entries, e, at);
    at = (at + e.minutes + int(r, 0, 3)) % (9 * 60);
    out.push(...lines);
    size += lines.reduce((n, l) => n + l.length + 1, 0);
    if (!e.missingMinutes) minutesByCode.set(proc.code, (minutesByCode.get(proc.code) ?? 0) + e.minutes);
  }
  if (table || entries === 'list' || entries === 'nested' || entries === 'plain') out.push('');

  const timed = [...minutesByCode.entries()].filter(([code]) => code !== '92507');
  const total = timed.reduce((n, [, m]) => n + m, 0) + (defect === 'total' ? 5 : 0);
  const treatment = [...minutesByCode.values()].reduce((n, m) => n + m, 0) + 7;
  if (timed.length > 0 || chance(r, 0.5)) {
    const h = Math.floor(total / 60);
    out.push(chance(r, 0.2) && h > 0 ? `Total timed minutes: ${h} hr ${total % 60} min` : pick(r, [`Total timed minutes: ${total}`, `Total timed code minutes: ${total}`, `Timed minutes: ${total}`]));
    out.push(pick(r, [`Total treatment time: ${treatment} min`, `Total time: ${treatment} minutes`]), '');
  }

  const combined = chance(r, 0.2);
  if (combined) out.push(sections === 'bold' ? `**A/P:** ${pick(r, RESPONSES)} Continue 2x/week.` : `## Assessment/Plan`, ...(sections === 'bold' ? [''] : [pick(r, RESPONSES), 'Continue 2x/week.', '']));
  else {
    const a = heading(r, sections, 'Assessment', 'A');
    const p = heading(r, sections, 'Plan', 'P');
    if (sections === 'bold' || sections === 'plain') out.push(`${a} ${pick(r, RESPONSES)}`, '', `${p} Continue 2x/week; progress the load.`, '');
    else out.push(a, pick(r, RESPONSES), '', p, 'Continue 2x/week; progress the load.', '');
  }
  if (!goalsFirst) out.push(...goalLines);

  // Billing: units per code by the 8-minute rule on each code's own minutes (close enough
  // to what the payer computes that most notes agree; a `units` defect adds one).
  out.push(heading(r, sections === 'atx-letter' ? 'atx' : sections, 'Billing', 'Billing'));
  const billTable = chance(r, 0.2);
  if (billTable) out.push('| Code | Modifier | Units |', '|---|---|---|');
  let first = true;
  for (const [code, m] of minutesByCode) {
    let units = code === '92507' ? 1 : Math.max(1, Math.floor((m + 7) / 15));
    if (defect === 'units' && first) units++;
    const mods = defect === 'modifier' && first ? '' : assistant ? `${modifier} ${discipline === 'PT' ? 'CQ' : 'CO'}` : modifier;
    first = false;
    if (billTable) out.push(`| ${code} | ${mods} | ${units} |`);
    else out.push(pick(r, [`- ${code} x${units} ${mods}`, `- ${code} ${mods} x ${units}`, `- ${code}${mods ? '-' + mods.replace(' ', '-') : ''} (${units} unit${units === 1 ? '' : 's'})`, `- ${code} × ${units}, ${mods}`]).trimEnd());
  }
  out.push('');
  if (defect !== 'no-signature') out.push(`Signed: ${provider}`);

  let text = out.join('\n') + '\n';
  if (crlf) text = text.replace(/\n/g, '\r\n');
  if (bom) text = '\uFEFF' + text;
  const name = `note-${String(seed).padStart(5, '0')}${frontMatter && chance(r, 0.5) ? '.md' : '.note.md'}`;
  return { name, text, forms: { frontMatter, sections, entries, crlf, bom, defect } };
}
