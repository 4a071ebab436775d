import { REPORT_NOTE_TYPES } from '../frontmatter';
import { assistantOnly } from '../signature';
import { docsUrl, type Rule } from '../rule';


export const rule: Rule = {
  meta: {
    id: 'assistant-progress-report',
    docs: docsUrl('assistant-progress-report'),
    severity: 'error',
    payerScoped: true,
    description: 'A progress, re-evaluation or discharge note is signed only by an assistant (PTA, COTA): reports by assistants are not complete progress reports.',
    fixable: false,
    hasSuggestions: false,
  },
  check({ note, report }) {
    const fm = note.frontMatter;
    const kind = fm?.noteType ? REPORT_NOTE_TYPES[fm.noteType] : undefined;
    if (!fm || !kind || !assistantOnly(note)) return;
    report({
      message: `This ${kind} is written and signed only by an assistant. "Reports written by assistants are not complete progress reports" (MBPM Ch. 15 §220.3 D): an assistant may record measurements and changes toward each goal, but the therapist must write the assessment of progress and sign the report. Until then it does not start a new progress-report period.`,
      range: fm.entries.get('note_type')!.valueRange,
    });
  },
};
