/**
 * Editor settings (`therapyNoteLint.*` from `workspace/configuration`) merged with the
 * nearest `.therapy-note-lint.json` (contract): the editor settings are the base, the
 * configuration file overrides whatever it sets (rules merged per id), and the `method`
 * setting, when not null, applies last.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { parse as parseJsonc } from 'jsonc-parser';
import { CONFIG_FILE } from '../engine/config';
import { globProblem, trimTrailingSlashes } from '../engine/glob';
import { findPayer, defaultSettings, type RuleSetting, type Settings } from '../engine/settings';
import type { PayerProfile } from '../engine/payers';
import type { CountingMethod, SeveritySetting } from '../engine/types';

export interface ClientSettings {
  enable: boolean;
  payer: string | null;
  method: CountingMethod | null;
  rules: Record<string, RuleSetting>;
  include: string[];
  exclude: string[];
  codeLensEnable: boolean;
  /** Rule options from the phrase-list settings, by rule id. */
  ruleOptions: Record<string, Record<string, unknown>>;
}

export const DEFAULT_CLIENT_SETTINGS: ClientSettings = {
  enable: true, payer: null, method: null, rules: {}, include: [], exclude: [], codeLensEnable: true, ruleOptions: {},
};

/** Phrase-list settings → rule options (contract). */
export const PHRASE_SETTINGS: [group: string, key: string, ruleId: string, option: string][] = [
  ['vagueEntry', 'addPhrases', 'vague-entry', 'addPhrases'],
  ['skilledCues', 'addMarkers', 'missing-skilled-cues', 'addMarkers'],
  ['patientResponse', 'addMarkers', 'missing-patient-response', 'addMarkers'],
  ['goalLink', 'addPurposePhrases', 'missing-goal-link', 'addPurposePhrases'],
];

const SEVERITIES = new Set(['error', 'warning', 'warn', 'info', 'off']);

function obj(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string' && x.length > 0) : [];
}

/** A setting read both nested (`codeLens: { enable }`, as VS Code sends) and dotted (`"codeLens.enable"`). */
function read(raw: Record<string, unknown>, group: string, key: string): unknown {
  const nested = obj(raw[group]);
  if (nested && key in nested) return nested[key];
  return raw[`${group}.${key}`];
}

function severity(s: string): SeveritySetting {
  return s === 'warn' ? 'warning' : (s as SeveritySetting);
}

/**
 * Reads whatever the client sent, keeping only well-formed values. A glob that could take
 * minutes to match (engine/glob.ts) is dropped and `warn` is told which.
 */
export function normalizeClientSettings(value: unknown, warn: (message: string) => void = () => undefined): ClientSettings {
  const raw = obj(value);
  const safeGlobs = (key: 'include' | 'exclude') =>
    strings(raw?.[key]).filter((glob) => {
      const problem = globProblem(glob);
      if (problem) warn(`the setting therapyNoteLint.${key} ${JSON.stringify(glob)} is ignored: it ${problem}`);
      return !problem;
    });
  if (!raw) return { ...DEFAULT_CLIENT_SETTINGS };
  const rules: Record<string, RuleSetting> = {};
  for (const [id, v] of Object.entries(obj(raw.rules) ?? {})) {
    if (typeof v === 'string' && SEVERITIES.has(v)) rules[id] = { severity: severity(v) };
    else if (obj(v) && typeof obj(v)!.severity === 'string' && SEVERITIES.has(obj(v)!.severity as string)) {
      const { severity: s, ...options } = obj(v)!;
      rules[id] = { severity: severity(s as string), options };
    }
  }
  const ruleOptions: Record<string, Record<string, unknown>> = {};
  for (const [group, key, rule, option] of PHRASE_SETTINGS) {
    const list = strings(read(raw, group, key));
    if (list.length > 0) ruleOptions[rule] = { [option]: list };
  }
  const codeLens = read(raw, 'codeLens', 'enable');
  return {
    enable: raw.enable !== false,
    payer: typeof raw.payer === 'string' && raw.payer.trim() ? raw.payer.trim().toLowerCase() : null,
    method: raw.method === 'cms' || raw.method === 'ama' ? raw.method : null,
    rules,
    include: safeGlobs('include'),
    exclude: safeGlobs('exclude'),
    codeLensEnable: codeLens !== false,
    ruleOptions,
  };
}

/** The configuration file that applies to a file: the nearest one in its folder or above. */
export function nearestConfig(file: string): string | null {
  for (let d = dirname(resolve(file)); ; d = dirname(d)) {
    const candidate = join(d, CONFIG_FILE);
    try {
      if (statSync(candidate).isFile()) return candidate;
    } catch {
      // not there
    }
    if (dirname(d) === d) return null;
  }
}

export function isInside(dir: string, file: string): boolean {
  const rel = relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The top-level keys a configuration file sets (it was already validated by the resolver). */
export function configKeys(path: string): Set<string> {
  try {
    const text = readFileSync(path, 'utf8');
    const v = obj(parseJsonc(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, [], { allowTrailingComma: true }));
    return new Set(Object.keys(v ?? {}));
  } catch {
    return new Set();
  }
}

/** A glob made absolute (its folder escaped for picomatch). */
function absoluteGlob(dir: string, glob: string): string {
  const d = trimTrailingSlashes(dir.replace(/\\/g, '/').replace(/[*?[\]{}()!+@]/g, (c) => '\\' + c));
  return `${d}/${glob.replace(/^\.\//, '')}`;
}

export interface FileConfig {
  settings: Settings;
  keys: Set<string>;
}

/**
 * The settings for one document. `folder` is its workspace folder's path (globs in the
 * editor settings are relative to it); `file` the parsed nearest configuration file, if any.
 */
export function mergeSettings(client: ClientSettings, folder: string | undefined, file: FileConfig | null): Settings {
  const base = file?.settings ?? defaultSettings();
  const rules: Record<string, RuleSetting> = {};
  const ids = new Set([...Object.keys(client.rules), ...Object.keys(client.ruleOptions)]);
  for (const id of ids) {
    const c = client.rules[id];
    const options = { ...(client.ruleOptions[id] ?? {}), ...(c?.options ?? {}) };
    rules[id] = { ...(c?.severity ? { severity: c.severity } : {}), ...(Object.keys(options).length > 0 ? { options } : {}) };
  }
  if (file) {
    for (const [id, f] of Object.entries(file.settings.rules)) {
      const c = rules[id];
      const options = { ...(c?.options ?? {}), ...(f.options ?? {}) };
      rules[id] = { severity: f.severity ?? c?.severity, ...(Object.keys(options).length > 0 ? { options } : {}) };
      if (rules[id].severity === undefined) delete rules[id].severity;
    }
  }
  let payers: Record<string, PayerProfile> = base.payers;
  let defaultPayer = base.defaultPayer;
  if (!(file?.keys.has('defaultPayer')) && client.payer && findPayer(base, client.payer)) defaultPayer = client.payer;

  // include/exclude: the file's where it sets them, else the editor's (relative to the folder).
  const fromFile = (k: 'include' | 'exclude') => !!file && file.keys.has(k);
  const pick = (k: 'include' | 'exclude'): { globs: string[]; dir: string | undefined } =>
    fromFile(k) ? { globs: file!.settings[k], dir: file!.settings.baseDir } : { globs: client[k], dir: folder };
  const inc = pick('include');
  const exc = pick('exclude');
  let include = inc.globs;
  let exclude = exc.globs;
  let baseDir = inc.globs.length > 0 ? inc.dir : exc.dir;
  if (inc.globs.length > 0 && exc.globs.length > 0 && inc.dir !== exc.dir) {
    include = inc.dir ? inc.globs.map((g) => absoluteGlob(inc.dir!, g)) : inc.globs;
    exclude = exc.dir ? exc.globs.map((g) => absoluteGlob(exc.dir!, g)) : exc.globs;
    baseDir = undefined;
  }
  if (client.method) {
    const method = client.method;
    payers = Object.fromEntries(Object.entries(payers).map(([k, p]) => [k, { ...p, method }]));
  }
  return { ...base, rules, payers, defaultPayer, include, exclude, baseDir, codes: base.codes };
}
