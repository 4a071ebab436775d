/**
 * The code table: every code in billing-rules.md §3 (including the timed codes of the
 * UnitedHealthcare list quoted there), with our own short plain-language labels. CPT
 * descriptors are AMA-copyrighted; none is reproduced here.
 *
 * `timed` means the code is reported in 15-minute units and counts toward total timed
 * minutes; untimed (service-based) codes are billed as one unit (MCPM Ch. 5 §20.2 B).
 */

import { isDash } from './chars';

export interface CodeInfo {
  code: string;
  label: string;
  timed: boolean;
  /** Procedure names and abbreviations that, written alone, mean this code. */
  names: string[];
  /** Where the timed/untimed classification comes from (billing-rules.md §3). */
  source: string;
  /** An evaluation or re-evaluation: documented by the evaluation note itself. */
  evaluation?: boolean;
  /** Untimed but billed in several units (an area-based add-on, one unit per further 20 sq cm). */
  perArea?: boolean;
}

const UHC = 'UHC timed-code list (billing-rules.md §3)';
const NCCI_P = 'NCCI Policy Manual Ch. 11 §P supervised modality range (billing-rules.md §3)';

function t(code: string, label: string, names: string[] = [], source = UHC): CodeInfo {
  return { code, label, timed: true, names, source };
}
function u(code: string, label: string, names: string[] = [], source = NCCI_P, evaluation = false): CodeInfo {
  return evaluation ? { code, label, timed: false, names, source, evaluation } : { code, label, timed: false, names, source };
}

const EVAL_SRC = 'MCPM Ch. 5 §20.2 D chart: evaluations are untimed (billing-rules.md §3)';
const ASHA = 'ASHA coding guidance, untimed per session (billing-rules.md §3)';

export const BUILTIN_CODES: readonly CodeInfo[] = [
  // Timed (15-minute) procedures.
  t('97110', 'Exercise for strength, endurance, range of motion or flexibility', [
    'therapeutic exercise', 'therapeutic exercises', 'ther ex', 'therex', 'ther-ex', 'ther. ex.', 'ther. ex',
  ]),
  t('97112', 'Neuromuscular re-education: balance, coordination, posture, body awareness', [
    'neuromuscular re-education', 'neuromuscular reeducation', 'neuromuscular re-ed', 'neuro re-education',
    'neuro re-ed', 'neuro reed', 'neuro-re-ed', 'NMR', 'NMRE', 'NM re-ed',
  ]),
  t('97113', 'Exercise in water (aquatic therapy)', ['aquatic therapy', 'aquatic exercise', 'aquatics', 'pool therapy']),
  t('97116', 'Gait training, including stairs', ['gait training', 'gait trng', 'gait train']),
  t('97124', 'Massage', ['massage', 'massage therapy']),
  t('97129', 'Cognitive-function intervention, first 15 minutes', ['cognitive intervention', 'cognitive function intervention', 'cognitive therapy']),
  t('97130', 'Cognitive-function intervention, each further 15 minutes (add-on to 97129)'),
  t('97140', 'Hands-on manual techniques: mobilization, manipulation, manual traction', [
    'manual therapy', 'manual therapy techniques', 'manual tx', 'soft tissue mobilization', 'joint mobilization', 'STM',
  ]),
  t('97530', 'Dynamic functional task training, one-on-one', [
    'therapeutic activities', 'therapeutic activity', 'ther act', 'ther acts', 'theract', 'ther-act', 'ther. act.', 'ther. act',
  ]),
  t('97533', 'Sensory-integration techniques', ['sensory integration', 'sensory integrative techniques']),
  t('97535', 'Self-care and home-management training', [
    'self-care/home management', 'self care/home management', 'self-care / home management', 'self-care management',
    'self-care training', 'self care training', 'ADL training', 'ADLs training', 'ADL retraining',
    'home management training',
  ]),
  t('97537', 'Community or work reintegration training', ['community/work reintegration', 'community reintegration', 'work reintegration']),
  t('97542', 'Wheelchair management and training', ['wheelchair management', 'wheelchair training', 'w/c management', 'w/c training']),
  t('97750', 'Physical performance test or measurement, with report', ['physical performance test', 'physical performance testing']),
  t('97755', 'Assistive-technology assessment, with report', ['assistive technology assessment']),
  t('97760', 'Orthotic management and training, first encounter', ['orthotic management', 'orthotic training', 'orthotic fitting']),
  t('97761', 'Prosthetic training, first encounter', ['prosthetic training']),
  t('97763', 'Orthotic or prosthetic management, later encounters', ['orthotic/prosthetic management', 'orthotic/prosthetic check-out']),
  t('97032', 'Electrical stimulation with the clinician in constant attendance', [
    'attended e-stim', 'attended electrical stimulation', 'e-stim (attended)', 'electrical stimulation (attended)',
  ]),
  t('97033', 'Iontophoresis', ['iontophoresis', 'ionto']),
  t('97034', 'Contrast baths', ['contrast bath', 'contrast baths']),
  t('97035', 'Therapeutic ultrasound', ['ultrasound', 'therapeutic ultrasound']),
  t('97036', 'Hubbard tank', ['hubbard tank']),
  t('G0237', 'Respiratory therapeutic procedure to increase strength or endurance'),
  t('G0238', 'Respiratory therapeutic procedure, other'),
  t('S8948', 'Low-level laser therapy'),

  // Untimed: group, supervised modalities, evaluations, SLP and wound care.
  u('97150', 'Group therapy: two or more patients at once; one unit per session', [
    'group therapy', 'group therapeutic procedure', 'group therapeutic procedures', 'group tx', 'group treatment',
  ], 'CMS group-therapy text and s3balance (billing-rules.md §3, §7)'),
  u('97010', 'Hot or cold packs (bundled for Medicare)', [
    'hot pack', 'hot packs', 'cold pack', 'cold packs', 'hot/cold pack', 'hot/cold packs', 'moist heat', 'ice pack', 'ice packs', 'cryotherapy',
  ], 'Palmetto GBA: Medicare status B (billing-rules.md §3)'),
  u('97012', 'Mechanical traction', ['mechanical traction']),
  u('97014', 'Electrical stimulation, unattended (not valid for Medicare; see G0283)'),
  u('G0283', 'Electrical stimulation, unattended, under a therapy plan (Medicare)', [
    'unattended e-stim', 'unattended electrical stimulation',
  ], 'Medicare HCPCS for unattended e-stim (billing-rules.md §3)'),
  u('97016', 'Vasopneumatic compression device', ['vasopneumatic device', 'vasopneumatic compression']),
  u('97018', 'Paraffin bath', ['paraffin', 'paraffin bath']),
  u('97022', 'Whirlpool', ['whirlpool']),
  u('97024', 'Diathermy', ['diathermy']),
  u('97026', 'Infrared', ['infrared']),
  u('97028', 'Ultraviolet', ['ultraviolet']),
  u('97161', 'PT evaluation, low complexity', [], EVAL_SRC, true),
  u('97162', 'PT evaluation, moderate complexity', [], EVAL_SRC, true),
  u('97163', 'PT evaluation, high complexity', [], EVAL_SRC, true),
  u('97164', 'PT re-evaluation', ['PT re-evaluation', 'PT re-eval', 'PT reevaluation'], EVAL_SRC, true),
  u('97165', 'OT evaluation, low complexity', [], EVAL_SRC, true),
  u('97166', 'OT evaluation, moderate complexity', [], EVAL_SRC, true),
  u('97167', 'OT evaluation, high complexity', [], EVAL_SRC, true),
  u('97168', 'OT re-evaluation', ['OT re-evaluation', 'OT re-eval', 'OT reevaluation'], EVAL_SRC, true),
  u('97169', 'Athletic-trainer evaluation, low complexity', [], 'APTA/EliteCME 2020 list (billing-rules.md §3)', true),
  u('97170', 'Athletic-trainer evaluation, moderate complexity', [], 'APTA/EliteCME 2020 list (billing-rules.md §3)', true),
  u('97171', 'Athletic-trainer evaluation, high complexity', [], 'APTA/EliteCME 2020 list (billing-rules.md §3)', true),
  u('97172', 'Athletic-trainer re-evaluation', [], 'APTA/EliteCME 2020 list (billing-rules.md §3)', true),
  u('92507', 'Speech, language, voice or communication treatment, individual; one per session', [
    'speech therapy', 'speech-language treatment', 'speech/language treatment', 'speech tx',
  ], ASHA),
  u('92508', 'Speech, language, voice or communication treatment, group', ['group speech therapy'], ASHA),
  u('92521', 'Evaluation of speech fluency', [], 'MCPM Ch. 5 §20.2 B example (billing-rules.md §3)', true),
  u('92522', 'Evaluation of speech-sound production', [], ASHA, true),
  u('92523', 'Evaluation of speech-sound production and language', [], ASHA, true),
  u('92524', 'Behavioral and qualitative analysis of voice and resonance', [], ASHA, true),
  u('97597', 'Selective wound debridement, first 20 sq cm (area-based)', [], 'secondary guides: area-based (billing-rules.md §3)'),
  { ...u('97598', 'Selective wound debridement, each further 20 sq cm (add-on to 97597)', [], 'secondary guides: area-based, one unit per further 20 sq cm (billing-rules.md §3)'), perArea: true },
  u('97605', 'Negative-pressure wound therapy, up to 50 sq cm (per session)', [], 'secondary guides: size-based (billing-rules.md §3)'),
  u('97606', 'Negative-pressure wound therapy, over 50 sq cm (per session)', [], 'secondary guides: size-based (billing-rules.md §3)'),
];

export interface CustomCode {
  label?: string;
  timed: boolean;
  names?: string[];
}

/** A code table: the built-in codes plus any the configuration adds (`codes`). */
export class CodeTable {
  private readonly byCode = new Map<string, CodeInfo>();
  /** Procedure names, normalised, longest first. */
  readonly names: { key: string; code: string }[] = [];

  constructor(custom: Record<string, CustomCode> = {}) {
    for (const c of BUILTIN_CODES) this.byCode.set(c.code, c);
    for (const [code, def] of Object.entries(custom)) {
      const key = code.toUpperCase();
      const prev = this.byCode.get(key);
      this.byCode.set(key, {
        code: key,
        label: def.label ?? prev?.label ?? key,
        timed: def.timed,
        names: [...(prev?.names ?? []), ...(def.names ?? [])],
        source: 'configuration (codes)',
        evaluation: prev?.evaluation,
      });
    }
    const seen = new Set<string>();
    for (const info of this.byCode.values()) {
      for (const name of info.names) {
        const key = normalizeName(name);
        if (key && !seen.has(key)) {
          seen.add(key);
          this.names.push({ key, code: info.code });
        }
      }
    }
    this.names.sort((a, b) => b.key.length - a.key.length);
    for (const n of this.names) this.nameIndex.set(n.key, n.code);
  }

  private readonly nameIndex = new Map<string, string>();

  /** The code a procedure name, written alone, stands for ("Ther ex" → 97110). */
  byName(name: string): string | undefined {
    return this.nameIndex.get(normalizeName(name));
  }

  get(code: string): CodeInfo | undefined {
    return this.byCode.get(code.toUpperCase());
  }

  all(): CodeInfo[] {
    return [...this.byCode.values()];
  }

  /** Known codes closest to a mistyped one, nearest first (at most `max`). */
  nearest(code: string, max = 3): string[] {
    const wanted = code.toUpperCase();
    const scored: { code: string; d: number; gap: number }[] = [];
    for (const c of this.byCode.keys()) {
      const d = editDistance(wanted, c);
      if (d <= 2) scored.push({ code: c, d, gap: Math.abs(numericPart(c) - numericPart(wanted) * 10 ** (c.length - wanted.length)) });
    }
    scored.sort((a, b) => a.d - b.d || a.gap - b.gap || a.code.localeCompare(b.code));
    return scored.slice(0, max).map((s) => s.code);
  }
}

function numericPart(code: string): number {
  const n = Number(code.replace(/\D/g, ''));
  return Number.isFinite(n) ? n : 0;
}

/** Optimal string alignment distance (Damerau-Levenshtein with adjacent swaps). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = [];
  for (let i = 0; i < rows; i++) {
    d.push(new Array<number>(cols).fill(0));
    d[i][0] = i;
  }
  for (let j = 0; j < cols; j++) d[0][j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2][j - 2] + 1);
      d[i][j] = v;
    }
  }
  return d[a.length][b.length];
}

/**
 * Normalise a procedure name for matching: lower case, dashes of every kind as `-`,
 * runs of spaces as one, spaces around `/` and `-` removed.
 */
export function normalizeName(s: string): string {
  const lower = s.toLowerCase();
  if (alreadyNormal(lower)) return lower; // most names and cells: no string built character by character
  let out = '';
  let space = false;
  for (const ch of lower) {
    let c = ch;
    if (isDash(c)) c = '-';
    if (c === ' ' || c === '\t') {
      space = true;
      continue;
    }
    if (space && out.length > 0 && c !== '/' && c !== '-' && !out.endsWith('/') && !out.endsWith('-')) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

const isDashCode = (c: number) => c === 0x2d || (c >= 0x2010 && c <= 0x2014) || c === 0x2212;

/** Lower-case text that normalizeName would return unchanged: no tab, no dash but `-`, single inner spaces not next to `/` or `-`. */
function alreadyNormal(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x09 || (c !== 0x2d && isDashCode(c))) return false;
    if (c === 0x20) {
      if (i === 0 || i === s.length - 1) return false;
      const p = s.charCodeAt(i - 1);
      const n = s.charCodeAt(i + 1);
      if (p === 0x20 || p === 0x2f || p === 0x2d || n === 0x20 || n === 0x09 || n === 0x2f || isDashCode(n)) return false;
    }
  }
  return true;
}
