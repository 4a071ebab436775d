/** The rule registry, sorted by id. */
import type { Rule } from '../rule';
import { rule as billedNotDocumented } from './billed-not-documented';
import { rule as documentedNotBilled } from './documented-not-billed';
import { rule as invalidFrontMatter } from './invalid-front-matter';
import { rule as missingMinutes } from './missing-minutes';
import { rule as missingTotalTime } from './missing-total-time';
import { rule as totalTimeMismatch } from './total-time-mismatch';
import { rule as unitsMismatch } from './units-mismatch';
import { rule as unknownCode } from './unknown-code';
import { rule as untimedCodeUnits } from './untimed-code-units';

export const RULES: readonly Rule[] = [
  billedNotDocumented,
  documentedNotBilled,
  invalidFrontMatter,
  missingMinutes,
  missingTotalTime,
  totalTimeMismatch,
  unitsMismatch,
  unknownCode,
  untimedCodeUnits,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.meta.id, r]));
