import { entryText, rangeIn } from '../entry-text';
import { docsUrl, lineNo, quote, type Rule } from '../rule';
import { PhraseSet } from '../vocab';

/** Codes of active, one-on-one work the catalog names. */
const ACTIVE_CODES = new Set(['97530', '97110']);

/** Passive care: modalities and massage (billed, if at all, under their own codes). */
const PASSIVE = new PhraseSet([
  'hot pack', 'hot packs', 'hotpack', 'cold pack', 'cold packs', 'ice pack', 'ice packs', 'ice massage', 'cryotherapy',
  'moist heat', 'heat pack', 'heat packs', 'massage', 'e stim', 'estim', 'electrical stimulation', 'electric stimulation',
  'tens', 'ifc', 'interferential', 'ultrasound', 'paraffin', 'whirlpool', 'mechanical traction', 'prom only',
  'passive rom only', 'passive range of motion only', 'passive stretching only', 'passive stretch only',
]);
const PROM = new PhraseSet(['prom', 'passive rom', 'passive range of motion', 'passive stretching', 'passive stretch', 'passive stretches']);
/** Anything the patient does actively. */
const ACTIVE = new PhraseSet([
  'arom', 'aarom', 'a arom', 'active', 'actively', 'resisted', 'resistance', 'resistive', 'strengthening', 'theraband',
  'band', 'weights', 'weight', 'lb', 'lbs', 'kg', 'lift', 'lifting', 'carry', 'carrying', 'stand', 'standing', 'walk',
  'walking', 'transfer', 'transfers', 'squat', 'squats', 'bridge', 'bridges', 'reach', 'reaching', 'step', 'steps',
  'press', 'row', 'rows', 'curl', 'curls', 'raises', 'pulley', 'pulleys', 'bike', 'nustep', 'treadmill', 'sit to stand',
  'patient performed', 'pt performed', 'isometric', 'isometrics', 'eccentric', 'concentric', 'plank', 'balance',
]);
/** "no e-stim today", "declined hot pack". */
const NEGATION = new Set(['no', 'not', 'without', 'declined', 'refused', 'held', 'deferred']);

export const rule: Rule = {
  meta: {
    id: 'passive-under-active-code',
    docs: docsUrl('passive-under-active-code'),
    severity: 'warning',
    description: '97530 or 97110 describes passive care (PROM only, hot/cold pack, massage, unattended e-stim).',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, settings, report }) {
    for (const e of note.entries) {
      if (!ACTIVE_CODES.has(e.code)) continue;
      const t = entryText(note, e, settings.codes);
      let hit = PASSIVE.findAll(t.tokens).find((h) => !(h.first > 0 && NEGATION.has(t.tokens[h.first - 1].w)));
      if (!hit) {
        const prom = PROM.first(t.tokens);
        if (prom && !ACTIVE.first(t.tokens)) hit = prom;
      }
      if (!hit) continue;
      const phrase = t.text.slice(hit.start, hit.end);
      report({
        message: `${e.code} entry at line ${lineNo(e.designatorRange)} describes passive care (${quote(phrase)}). ${e.code} pays for active work the patient does with a therapist; bill modalities under their own codes (97010 packs, 97014/G0283 e-stim, 97124 massage, 97140 manual therapy) or document the active task.`,
        range: rangeIn(note, t, hit.start, hit.end),
      });
    }
  },
};
