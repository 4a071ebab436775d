/** Resolved settings: what the engine needs besides the text. Built by `config.ts`. */
import { CodeTable } from './codes';
import type { FeeSchedule } from './fees';
import type { PtpTable } from './ncci';
import { resolvePayers, type PayerProfile } from './payers';
import type { SeveritySetting } from './types';

export interface RuleSetting {
  severity?: SeveritySetting;
  options?: Record<string, unknown>;
}

export interface Settings {
  /** Per-rule settings from the configuration's `rules`. */
  rules: Record<string, RuleSetting>;
  payers: Record<string, PayerProfile>;
  defaultPayer: string;
  /** `--payer` on the command line: overrides the note's front matter. */
  payerOverride?: string;
  /** Globs (relative to `baseDir`): files that are always notes / never linted. */
  include: string[];
  exclude: string[];
  baseDir?: string;
  codes: CodeTable;
  /** `ncciPtpFiles` as configured (relative to `baseDir`); the node side loads them into `ncci`. */
  ncciPtpFiles?: string[];
  /** NCCI PTP edits from the configured files; when absent, ncci-pair-modifier uses its built-in pairs. */
  ncci?: PtpTable;
  /** `feeSchedule` as configured (relative to `baseDir`); the node side loads it into `fees`. */
  feeSchedule?: string;
  /** Allowed amounts per code for kx-threshold; without them that rule is silent. */
  fees?: FeeSchedule;
}

export function defaultSettings(): Settings {
  return { rules: {}, payers: resolvePayers(), defaultPayer: 'medicare', include: [], exclude: [], codes: new CodeTable() };
}

export function findPayer(settings: Settings, name: string | undefined): PayerProfile | undefined {
  return name === undefined ? undefined : settings.payers[name.toLowerCase()];
}
