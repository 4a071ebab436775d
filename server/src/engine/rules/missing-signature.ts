import { excludedLines } from '../note';
import { docsUrl, type Rule } from '../rule';
import { noteProvider, parseCredentials } from '../signature';

export const rule: Rule = {
  meta: {
    id: 'missing-signature',
    docs: docsUrl('missing-signature'),
    severity: 'error',
    description: 'No signature with credentials: neither a provider in front matter nor a signature line such as "Signed: Ana Ruiz, DPT".',
    fixable: true,
    hasSuggestions: false,
  },
  check({ note, lines, report }) {
    const provider = note.frontMatter?.provider;
    if (provider && parseCredentials(provider).length > 0) return;
    const { signers } = noteProvider(note);
    if (signers.some((s) => s.credentials.length > 0)) return;
    const unsigned = signers[0];
    if (unsigned) {
      report({
        message: `The signature at line ${unsigned.line + 1} has no professional credentials: write them after the name ("Ana Ruiz, DPT", "Sam Lee, PTA"); they also decide the assistant rules.`,
        range: unsigned.range,
      });
      return;
    }
    const fmProvider = note.frontMatter?.entries.get('provider');
    if (fmProvider) {
      report({
        message: 'The provider in the front matter has no professional credentials and the note has no signature line: write them after the name ("Ana Ruiz, DPT", "Sam Lee, PTA").',
        range: fmProvider.valueRange,
      });
      return;
    }
    let last = lines.lineCount - 1;
    while (last > 0 && lines.isBlank(last)) last--;
    const end = { line: last, character: lines.ends[last] - lines.starts[last] };
    const eol = note.eol;
    // After an unclosed code fence the line would be code, not a signature: no fix there.
    const inCode = excludedLines(note)[last] === 1;
    report({
      message: 'The note has no signature: add a signature line with name and credentials at the end ("Signed: Ana Ruiz, DPT") or a `provider` in the front matter. CMS requires the signature and professional identification of the qualified professional (MBPM Ch. 15 §220.3 E).',
      range: lines.trimmedLineRange(last),
      ...(inCode ? {} : { fix: { title: 'Add a signature line to fill in', edits: [{ range: { start: end, end }, newText: `${eol}${eol}Signed: [name], [credentials]` }] } }),
    });
  },
};
