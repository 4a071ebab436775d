/**
 * `therapyNoteLint.insertTemplate`: inserts a note template from the extension's snippet
 * file (`snippets/therapy-notes.json`, also offered as Markdown snippets) as a snippet, so
 * Tab moves through its placeholders.
 */
import { readFile } from 'node:fs/promises';
import * as vscode from 'vscode';

interface Snippet {
  prefix: string;
  body: string[];
  description?: string;
}

/** Templates are the snippets whose prefix starts with `soap-` (whole notes). */
async function loadTemplates(file: string): Promise<Map<string, Snippet>> {
  const all = JSON.parse(await readFile(file, 'utf8')) as Record<string, Snippet>;
  return new Map(Object.entries(all).filter(([, s]) => s.prefix.startsWith('soap-')));
}

/**
 * Inserts the template named `name` (a snippet's name in the file, or its prefix), or
 * the one the user picks, at the cursor of the active Markdown editor, or into a new
 * untitled Markdown document. Returns the document, or undefined when cancelled.
 */
export async function insertTemplate(file: string, name?: string): Promise<vscode.TextDocument | undefined> {
  const templates = await loadTemplates(file);
  let chosen: Snippet | undefined;
  if (name !== undefined) {
    chosen = templates.get(name) ?? [...templates.values()].find((s) => s.prefix === name);
    if (!chosen) {
      void vscode.window.showErrorMessage(`Therapy Note Lint: no note template named ${name}.`);
      return undefined;
    }
  } else {
    const pick = await vscode.window.showQuickPick(
      [...templates].map(([label, s]) => ({ label, description: s.prefix, detail: s.description, snippet: s })),
      { placeHolder: 'Insert a note template' },
    );
    chosen = pick?.snippet;
  }
  if (!chosen) return undefined;
  let editor = vscode.window.activeTextEditor;
  if (!editor || editor.document.languageId !== 'markdown') {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
    editor = await vscode.window.showTextDocument(doc);
  }
  await editor.insertSnippet(new vscode.SnippetString(chosen.body.join('\n')));
  return editor.document;
}
