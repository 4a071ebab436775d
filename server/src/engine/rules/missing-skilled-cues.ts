import { appendToEntry, documentedService, entryText } from '../entry-text';
import { docsUrl, lineNo, type Rule } from '../rule';
import { CUE_MARKERS, phraseOption, PhraseSet } from '../vocab';

export const rule: Rule = {
  meta: {
    id: 'missing-skilled-cues',
    docs: docsUrl('missing-skilled-cues'),
    severity: 'warning',
    description: 'An intervention records nothing that needed a therapist: no cues, assist level, progression or clinical decision.',
    fixable: false,
    hasSuggestions: true,
  },
  check({ note, settings, options, report }) {
    const markers = PhraseSet.of(phraseOption(options, 'markers', 'addMarkers', CUE_MARKERS));
    for (const e of note.entries) {
      if (!documentedService(e, settings.codes) || isSupervisedModality(e.code)) continue;
      const t = entryText(note, e, settings.codes);
      if (t.tokens.length === 0 || markers.first(t.tokens)) continue;
      report({
        message: `${e.code} entry at line ${lineNo(e.designatorRange)} records no skilled intervention: add the cues (verbal, tactile, visual), assist level, progression or clinical decision that needed a therapist.`,
        range: e.designatorRange,
        suggestions: [{ title: 'Add the cues given (template)', edits: [appendToEntry(note, e, ' Cues: {{cues}}.')] }],
      });
    }
  },
};

/** Supervised modalities (97010–97028, G0283): no cueing to document. */
function isSupervisedModality(code: string): boolean {
  if (code === 'G0283') return true;
  const n = Number(code);
  return n >= 97010 && n <= 97028;
}
