/** The rule registry, sorted by id. */
import type { EpisodeRule } from '../episode';
import type { Rule } from '../rule';
import { rule as assistantProgressReport } from './assistant-progress-report';
import { rule as assistantModifierMissing } from './assistant-modifier-missing';
import { rule as billedNotDocumented } from './billed-not-documented';
import { rule as disciplineModifierMismatch } from './discipline-modifier-mismatch';
import { rule as copiedForward } from './copied-forward';
import { rule as documentedNotBilled } from './documented-not-billed';
import { rule as duplicateVisit } from './duplicate-visit';
import { rule as groupUnderIndividualCode } from './group-under-individual-code';
import { rule as invalidFrontMatter } from './invalid-front-matter';
import { rule as kxThreshold } from './kx-threshold';
import { rule as missingDisciplineModifier } from './missing-discipline-modifier';
import { rule as missingGoalLink } from './missing-goal-link';
import { rule as missingMinutes } from './missing-minutes';
import { rule as missingPatientResponse } from './missing-patient-response';
import { rule as missingSignature } from './missing-signature';
import { rule as missingSkilledCues } from './missing-skilled-cues';
import { rule as missingSoapSection } from './missing-soap-section';
import { rule as missingTotalTime } from './missing-total-time';
import { rule as modifier59Undocumented } from './modifier-59-undocumented';
import { rule as ncciPairModifier } from './ncci-pair-modifier';
import { rule as passiveUnderActiveCode } from './passive-under-active-code';
import { rule as payerUnitCap } from './payer-unit-cap';
import { rule as pocExpired } from './poc-expired';
import { rule as pocNotCertified } from './poc-not-certified';
import { rule as progressNoteDue } from './progress-note-due';
import { rule as sameActivityTwoCodes } from './same-activity-two-codes';
import { rule as totalTimeMismatch } from './total-time-mismatch';
import { rule as unitsMismatch } from './units-mismatch';
import { rule as unknownCode } from './unknown-code';
import { rule as unknownGoalReference } from './unknown-goal-reference';
import { rule as untimedCodeUnits } from './untimed-code-units';
import { rule as vagueEntry } from './vague-entry';

/** The note rules: `lint()` runs them on one note. */
export const RULES: readonly Rule[] = [
  assistantModifierMissing,
  assistantProgressReport,
  billedNotDocumented,
  disciplineModifierMismatch,
  documentedNotBilled,
  groupUnderIndividualCode,
  invalidFrontMatter,
  missingDisciplineModifier,
  missingGoalLink,
  missingMinutes,
  missingPatientResponse,
  missingSignature,
  missingSkilledCues,
  missingSoapSection,
  missingTotalTime,
  modifier59Undocumented,
  ncciPairModifier,
  passiveUnderActiveCode,
  payerUnitCap,
  sameActivityTwoCodes,
  totalTimeMismatch,
  unitsMismatch,
  unknownCode,
  unknownGoalReference,
  untimedCodeUnits,
  vagueEntry,
].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

/** The episode rules: they need all notes of a patient (`episode.ts`). */
export const EPISODE_RULES: readonly EpisodeRule[] = [copiedForward, duplicateVisit, kxThreshold, pocExpired, pocNotCertified, progressNoteDue].sort((a, b) =>
  a.meta.id.localeCompare(b.meta.id),
);

/** Every rule, note and episode, sorted by id (docs, SARIF, configuration). */
export const ALL_RULES: readonly (Rule | EpisodeRule)[] = [...RULES, ...EPISODE_RULES].sort((a, b) => a.meta.id.localeCompare(b.meta.id));

export const RULES_BY_ID: ReadonlyMap<string, Rule | EpisodeRule> = new Map(ALL_RULES.map((r) => [r.meta.id, r]));
