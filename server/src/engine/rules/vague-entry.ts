import { documentedService, entryText, rangeIn } from '../entry-text';
import { docsUrl, lineNo, quote, type Rule } from '../rule';
import { ASSIST_LEVELS, isNumberToken, phraseOption, PhraseSet, VAGUE_PHRASES, type Token } from '../vocab';

/** Words after a number that make it a measurable parameter ("3 x 10", "2 lb", "50 ft", "30 s"). */
const UNITS = new Set([
  'x', 'lb', 'lbs', 'pound', 'pounds', 'kg', 'oz', 'ft', 'feet', 'foot', 'm', 'meter', 'meters', 'metre', 'metres', 'yd',
  'yards', 'in', 'inch', 'inches', 'cm', 'mm', 'rep', 'reps', 'repetitions', 'set', 'sets', 'trial', 'trials', 's', 'sec',
  'secs', 'second', 'seconds', 'min', 'mins', 'minute', 'minutes', 'step', 'steps', 'stairs', 'laps', 'lap', 'times',
  'deg', 'degrees', 'bpm', 'words', 'word', 'sentences', 'syllables', 'items', 'pegs', 'blocks', 'cones', 'ml', 'cc',
  'rounds', 'circuits', 'bouts', 'breaths', 'reps', 'x10', 'x5',
]);

/**
 * Task objects, surfaces, equipment and levels of assistance: words that make an entry
 * concrete. Kept broad on purpose: the rule must not call a specific entry vague.
 */
const CONCRETE = new PhraseSet([
  ...ASSIST_LEVELS, 'independent', 'independently', 'mod i', 'modified independent', 'supervision', 'setup', 'set up',
  'box', 'basket', 'bag', 'bags', 'groceries', 'grocery', 'laundry', 'shelf', 'shelves', 'counter', 'cabinet', 'table',
  'chair', 'bed', 'mat', 'toilet', 'commode', 'tub', 'shower', 'car', 'stairs', 'step', 'steps', 'curb', 'ramp', 'incline',
  'foam', 'airex', 'uneven', 'grass', 'carpet', 'level surfaces', 'level surface', 'obstacle', 'obstacles', 'walker',
  'rw', 'fww', 'rolling walker', 'cane', 'spc', 'qc', 'crutches', 'wheelchair', 'w c', 'door', 'sink', 'kitchen',
  'dishes', 'cup', 'mug', 'utensil', 'utensils', 'spoon', 'fork', 'button', 'buttons', 'zipper', 'sock', 'socks',
  'shoe', 'shoes', 'shirt', 'pants', 'jacket', 'coat', 'bra', 'theraband', 'band', 'tband', 'ball', 'bosu', 'bike',
  'treadmill', 'nustep', 'pulley', 'pulleys', 'bolster', 'putty', 'pegboard', 'dumbbell', 'weights', 'cuff weight',
  'kettlebell', 'medicine ball', 'bar', 'parallel bars', 'wobble board', 'balance beam', 'tandem', 'single leg',
  'eyes closed', 'dual task', 'picture', 'pictures', 'naming', 'sentence', 'sentences', 'phrases', 'syllables',
  'puree', 'thin liquids', 'nectar', 'honey thick', 'bolus', 'chin tuck', 'straw', 'accuracy', 'device', 'aac',
  'checkbook', 'medication', 'medications', 'pill', 'phone', 'calendar', 'recipe', 'meal', 'lift', 'lifting', 'carry',
  'carrying', 'reach', 'reaching', 'squat', 'squats', 'lunge', 'lunges', 'bridge', 'bridges', 'clamshell', 'clamshells',
  'sit to stand', 'sts', 'floor transfer', 'bed mobility', 'rolling', 'supine to sit', 'dressing', 'bathing',
  'grooming', 'toileting', 'feeding', 'cooking', 'ambulation', 'ambulated', 'ambulate',
]);

/** Levels of cueing: "min verbal cues", "mod VC", "occasional tactile cues". */
const LEVELS = new Set(['min', 'minimal', 'minimum', 'mod', 'moderate', 'max', 'maximal', 'maximum', 'occasional', 'intermittent', 'frequent', 'constant', 'no', 'fading', 'faded']);
const CUES = new Set(['cue', 'cues', 'cueing', 'cuing', 'vc', 'vcs', 'tc', 'tcs']);

function hasCueLevel(tokens: Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (!LEVELS.has(tokens[i].w)) continue;
    for (let k = i + 1; k <= i + 3 && k < tokens.length; k++) if (CUES.has(tokens[k].w)) return true;
  }
  return false;
}

/** A number next to a unit ("3 x 10", "2 lb", "x10", "3x10", "30%", "90°"). */
function hasMeasure(tokens: Token[], text: string): boolean {
  for (let i = 0; i < tokens.length; i++) {
    const w = tokens[i].w;
    // "x10", "3x10", "10x", "2x10s"
    if (/^\d*x\d+[a-z]*$/.test(w) || /^\d+x$/.test(w) || /^\d+(lb|lbs|kg|ft|in|cm|s|sec|min|m|reps?)$/.test(w)) return true;
    if (isNumberToken(w)) {
      const next = tokens[i + 1];
      const after = text[tokens[i].end];
      if (after === '%' || after === '°' || after === "'" || after === '"') return true;
      if (next && UNITS.has(next.w)) return true;
      if (after === '×' || after === '*') return true;
    }
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'vague-entry',
    docs: docsUrl('vague-entry'),
    severity: 'error',
    description: 'An intervention is described only by boilerplate ("ther ex as tolerated") with no concrete task or measurable parameter.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, settings, options, report }) {
    const phrases = PhraseSet.of(phraseOption(options, 'phrases', 'addPhrases', VAGUE_PHRASES));
    for (const e of note.entries) {
      if (!documentedService(e, settings.codes)) continue;
      const t = entryText(note, e, settings.codes);
      const where = `${e.code} entry at line ${lineNo(e.designatorRange)}`;
      const what = 'name the task and its parameters (reps, weight, distance, surface, assist or cue level), the goal it serves, your cues and the patient\'s response';
      if (t.tokens.length === 0) {
        report({
          message: `${where} names a code but no task: ${what}.`,
          range: e.designatorRange,
          suggestions: [{ title: 'Describe the task (template)', edits: [{ range: { start: e.range.end, end: e.range.end }, newText: ': {{task}}, {{parameters}} ({{goal}}). Cues: {{cues}}. Response: {{response}}.' }] }],
        });
        continue;
      }
      const hits = phrases.findAll(t.tokens);
      if (hits.length === 0) continue;
      const outside = t.tokens.filter((_, i) => !hits.some((h) => i >= h.first && i <= h.last));
      if (hasMeasure(t.tokens, t.text) || hasCueLevel(t.tokens) || CONCRETE.first(outside) !== null) continue;
      const h = hits[0];
      report({
        message: `${where} is boilerplate (${quote(t.text.slice(h.start, h.end))}) with no concrete task: ${what}.`,
        range: rangeIn(note, t, h.start, h.end),
        suggestions: [{
          title: `Replace ${quote(t.text.slice(h.start, h.end))} with a description (template)`,
          edits: [{ range: rangeIn(note, t, h.start, h.end), newText: '{{task}}, {{parameters}} ({{goal}}). Cues: {{cues}}. Response: {{response}}' }],
        }],
      });
    }
  },
};
