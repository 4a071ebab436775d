/**
 * Payer profiles (billing-rules.md §2, §8): which counting method a payer uses, its daily
 * unit cap, the modifiers it requires, and rule severities that apply only to its notes.
 * Every one of these is a setting: the built-ins below are defaults a configuration can
 * change or extend.
 */
import type { CountingMethod, SeveritySetting } from './types';

export type RequiredModifier = 'discipline' | 'assistant';

/** KX threshold amounts of one calendar year, in dollars (billing-rules.md §5.2). */
export interface KxThreshold {
  /** Physical therapy and speech-language pathology combined. */
  ptSlp: number;
  /** Occupational therapy. */
  ot: number;
}

export interface PayerProfile {
  name: string;
  method: CountingMethod;
  /** Most timed units a day; null for no cap. */
  unitCap: number | null;
  requiredModifiers: RequiredModifier[];
  /** Severities for this payer's notes, over the rules' defaults (under the top-level `rules`). */
  rules: Record<string, SeveritySetting>;
  /** KX thresholds by calendar year ("2026"); a year not listed is not checked. */
  kxThresholds: Record<string, KxThreshold>;
}

/**
 * Medicare's KX thresholds (MCPM Ch. 5 §10.3; amounts from billing-rules.md §5.2). 2022–2024
 * are from Noridian's page (a MAC); 2025 and 2026 from secondary sources only ([secondary],
 * not confirmed from CMS), which is why every amount is a setting (`payers.<name>.kxThresholds`).
 */
export const MEDICARE_KX_THRESHOLDS: Readonly<Record<string, KxThreshold>> = {
  '2022': { ptSlp: 2150, ot: 2150 },
  '2023': { ptSlp: 2230, ot: 2230 },
  '2024': { ptSlp: 2330, ot: 2330 },
  '2025': { ptSlp: 2410, ot: 2410 },
  '2026': { ptSlp: 2480, ot: 2480 },
};

/** The episode rules of the catalog marked "(Medicare)": on for the built-in `medicare` profile. */
const MEDICARE_EPISODE_RULES: Record<string, SeveritySetting> = {
  'progress-note-due': 'warning',
  'poc-not-certified': 'warning',
  'kx-threshold': 'warning',
  'assistant-progress-report': 'error',
};

export const BUILTIN_PAYERS: Readonly<Record<string, PayerProfile>> = {
  // CMS total-time method is mandatory for Medicare (MCPM Ch. 5 §20.2); GP/GO/GN on every
  // therapy line (MCPM §20.1); CQ/CO for assistants (MCPM §20.1, §5.3). Total timed minutes
  // must be documented (MBPM Ch. 15 §220.3 E), so a missing total is an error.
  // Progress reports, certification, KX and assistants' reports are Medicare rules (MBPM Ch. 15
  // §220.1.3, §220.3 D; MCPM Ch. 5 §10.3).
  medicare: {
    name: 'medicare', method: 'cms', unitCap: null, requiredModifiers: ['discipline', 'assistant'],
    rules: { 'missing-total-time': 'error', ...MEDICARE_EPISODE_RULES }, kxThresholds: MEDICARE_KX_THRESHOLDS,
  },
  // Secondary sources say federally funded plans use the 8-minute rule; state rules vary
  // (billing-rules.md §8), so nothing more is assumed.
  medicaid: { name: 'medicaid', method: 'cms', unitCap: null, requiredModifiers: [], rules: {}, kxThresholds: {} },
  // Commercial payers "usually" count per code (billing-rules.md §2, secondary); a daily cap
  // of 4 units is commonly seen (§8, BCBS ND). Both are defaults, not facts about a payer.
  commercial: { name: 'commercial', method: 'ama', unitCap: 4, requiredModifiers: [], rules: {}, kxThresholds: {} },
};

export interface PayerConfig {
  extends?: string;
  method?: CountingMethod;
  unitCap?: number | null;
  requiredModifiers?: RequiredModifier[];
  rules?: Record<string, SeveritySetting>;
  kxThresholds?: Record<string, KxThreshold>;
}

/**
 * Resolves configured profiles over the built-ins. A configured profile with a built-in
 * name changes that profile; `extends` starts from another profile. Throws a message
 * naming the profile on an unknown `extends` or a cycle (the caller reports it).
 */
export function resolvePayers(config: Record<string, PayerConfig> = {}): Record<string, PayerProfile> {
  const out: Record<string, PayerProfile> = {};
  const configured = new Map(Object.entries(config).map(([k, v]) => [k.toLowerCase(), v]));
  const resolving = new Set<string>();
  const resolve = (name: string, path: string): PayerProfile => {
    const key = name.toLowerCase();
    if (out[key]) return out[key];
    const own = configured.get(key);
    const builtin = BUILTIN_PAYERS[key];
    if (!own && !builtin) throw new Error(`${path}: unknown payer profile "${name}"; known: ${[...new Set([...Object.keys(BUILTIN_PAYERS), ...configured.keys()])].join(', ')}`);
    if (resolving.has(key)) throw new Error(`${path}: payer profiles extend each other in a loop (${[...resolving, key].join(' → ')})`);
    resolving.add(key);
    let base: PayerProfile;
    if (own?.extends) base = resolve(own.extends, `payers.${key}.extends`);
    else if (builtin) base = builtin;
    else base = { name: key, method: 'cms', unitCap: null, requiredModifiers: [], rules: {}, kxThresholds: {} };
    resolving.delete(key);
    const p: PayerProfile = {
      name: key,
      method: own?.method ?? base.method,
      unitCap: own && 'unitCap' in own ? own.unitCap ?? null : base.unitCap,
      requiredModifiers: own?.requiredModifiers ?? base.requiredModifiers,
      rules: { ...base.rules, ...(own?.rules ?? {}) },
      kxThresholds: { ...base.kxThresholds, ...(own?.kxThresholds ?? {}) },
    };
    out[key] = p;
    return p;
  };
  for (const name of Object.keys(BUILTIN_PAYERS)) resolve(name, 'payers');
  for (const name of configured.keys()) resolve(name, `payers.${name}`);
  return out;
}
