import { entryTokens } from '../entry-text';
import type { Entry, NoteModel, Section } from '../note';
import { docsUrl, type Rule } from '../rule';
import { insertSection } from '../soap-insert';
import type { TextEdit } from '../types';
import { isNumberToken, phraseOption, PhraseSet, RESPONSE_MARKERS, tokensOf, type Token } from '../vocab';

/** Words after "tolerated" that say nothing about how the patient responded. */
const FILLER = new Set([
  'well', 'treatment', 'tx', 'session', 'sessions', 'today', 'it', 'all', 'the', 'activities', 'activity', 'exercises',
  'exercise', 'interventions', 'intervention', 'therapy', 'good', 'fair', 'ok', 'okay', 'fine', 'without', 'with',
  'complaint', 'complaints', 'issue', 'issues', 'difficulty', 'problem', 'problems', 'any', 'no', 'of', 'and', 'pt',
  'patient', 'program', 'procedures', 'above', 'listed', 'as', 'very', 'tolerated',
]);

/** "tolerated" followed, within four words, by something specific ("tolerated 3 x 10 with 2 lb"). */
function specificTolerated(tokens: Token[]): boolean {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].w !== 'tolerated' && tokens[i].w !== 'tolerates') continue;
    for (let k = i + 1; k < Math.min(tokens.length, i + 5); k++) if (!FILLER.has(tokens[k].w)) return true;
  }
  return false;
}

/** A measured result: "8/10", "80%". */
function hasScore(text: string, tokens: Token[]): boolean {
  for (let i = 0; i + 1 < tokens.length; i++) {
    const a = tokens[i];
    if (!isNumberToken(a.w)) continue;
    if (text[a.end] === '%') return true;
    if (text[a.end] === '/' && tokens[i + 1].start === a.end + 1 && isNumberToken(tokens[i + 1].w)) return true;
  }
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'missing-patient-response',
    docs: docsUrl('missing-patient-response'),
    severity: 'warning',
    description: 'Neither the Assessment nor the interventions record how the patient responded (beyond "tolerated well").',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, lines, options, report }) {
    const markers = PhraseSet.of(phraseOption(options, 'markers', 'addMarkers', RESPONSE_MARKERS));
    const assessments = note.sections.filter((s) => s.soap === 'A' || s.combined?.includes('A'));
    // A score ("8/10", "80%") is a response in the Assessment; in an entry it may be a parameter (a 5% ramp).
    const texts: { text: string; scores: boolean; entry?: Entry }[] = note.entries.map((e) => ({ text: e.text, scores: false, entry: e }));
    for (const s of assessments) texts.push({ text: sectionText(note, s), scores: true });
    for (const t of texts) {
      const tokens = t.entry ? entryTokens(t.entry) : tokensOf(t.text);
      if (markers.first(tokens) || specificTolerated(tokens) || (t.scores && hasScore(t.text, tokens))) return;
    }
    let edit: TextEdit | undefined;
    let range;
    if (assessments.length > 0) {
      const a = assessments[0];
      range = a.titleRange;
      let last = a.endLine - 1;
      while (last > a.startLine && lines.isBlank(last)) last--;
      const pos = { line: last, character: lines.ends[last] - lines.starts[last] };
      edit = { range: { start: pos, end: pos }, newText: ' Response: {{response}}' };
    } else {
      const ins = insertSection(note, 'A', '{{response}}');
      edit = ins.edit;
      range = ins.anchor;
    }
    report({
      message: assessments.length > 0
        ? 'The Assessment does not record how the patient responded: "tolerated well" alone is not a response. Write what changed, what the patient demonstrated or reported (pain 2/10, needed a rest after 3 sets, completed the lift with a neutral spine).'
        : 'The note has no Assessment and no intervention records how the patient responded. Add an Assessment with the response (pain 2/10, needed a rest after 3 sets, completed the lift with a neutral spine).',
      range,
      ...(edit ? { suggestions: [{ title: 'Add the patient\'s response (template)', edits: [edit] }] } : {}),
    });
  },
};

/** A section's text after its title (Section.contentOffset is that place for headings and labels alike). */
function sectionText(note: NoteModel, s: Section): string {
  const to = note.lines.ends[Math.max(s.startLine, s.endLine - 1)];
  return s.contentOffset < to ? note.text.slice(s.contentOffset, to) : '';
}
