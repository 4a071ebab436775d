/**
 * Helpers for the in-VS-Code suites: the fixture workspace, the extension's API, and
 * waiting on VS Code's events (never on a clock).
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { TherapyNoteLintApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'therapy-note-lint.therapy-note-lint';
export const SOURCE = 'therapy-note-lint';
export const DOCS_BASE = 'https://github.com/therapy-note-lint/therapy-note-lint/blob/main/docs/rules/';

export function workspaceUri(relative: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('the suite must run with test/vscode/workspace open');
  return vscode.Uri.joinPath(folder.uri, relative);
}

export async function api(): Promise<TherapyNoteLintApi> {
  const ext = vscode.extensions.getExtension<TherapyNoteLintApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not loaded`);
  return ext.activate();
}

export async function open(relative: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(workspaceUri(relative));
  return vscode.window.showTextDocument(doc);
}

/**
 * Resolves with the document's diagnostics from our server once `until` accepts them,
 * checking now and on every onDidChangeDiagnostics event for that document. The mocha
 * timeout bounds the wait.
 */
export function diagnosticsFor(uri: vscode.Uri, until: (d: vscode.Diagnostic[]) => boolean): Promise<vscode.Diagnostic[]> {
  const ours = () => vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
  return new Promise((resolve) => {
    const now = ours();
    if (until(now)) { resolve(now); return; }
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const current = ours();
      if (until(current)) { sub.dispose(); resolve(current); }
    });
  });
}

/** A plain, comparable view of a diagnostic. */
export function plain(d: vscode.Diagnostic) {
  const code = typeof d.code === 'object' ? d.code : { value: d.code, target: undefined };
  return {
    code: code.value,
    href: code.target?.toString(true),
    severity: vscode.DiagnosticSeverity[d.severity],
    range: [d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character],
  };
}

/** Resolves when `doc`'s text changes so that `until` accepts it. */
export function documentText(doc: vscode.TextDocument, until: (text: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    if (until(doc.getText())) { resolve(doc.getText()); return; }
    const sub = vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.document !== doc) return;
      if (until(doc.getText())) { sub.dispose(); resolve(doc.getText()); }
    });
  });
}

/** The pids of this extension host's children running our language server. */
export function serverPids(): number[] {
  const pids: number[] = [];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (cmdline.some((a) => a.endsWith('dist/server.js'))) pids.push(Number(entry));
    } catch {
      // the process ended while being read
    }
  }
  return pids;
}

/**
 * Resolves with the status bar's text once it has been updated for `relative` (the active
 * document) and `until` accepts the text; `action` runs after listening starts.
 */
export async function statusBarFor(relative: string, until: (text: string | undefined) => boolean, action?: () => Thenable<unknown>): Promise<string | undefined> {
  const { onDidUpdateStatusBar } = await api();
  const uri = workspaceUri(relative).toString();
  const next = new Promise<string | undefined>((resolve) => {
    const sub = onDidUpdateStatusBar((u) => {
      if (u.uri === uri && until(u.text)) { sub.dispose(); resolve(u.text); }
    });
  });
  await action?.();
  return next;
}

/** A fixture file's text on disk (the suite runs on a copy of test/vscode/workspace). */
export function diskText(relative: string): string {
  return fs.readFileSync(workspaceUri(relative).fsPath, 'utf8');
}
