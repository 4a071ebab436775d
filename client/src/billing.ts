/**
 * The active note's units in the status bar, and the billing summary view. Both ask the
 * server (`therapyNoteLint/billingSummary`); nothing is computed here.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RequestType, type LanguageClient } from 'vscode-languageclient/node';

/** The contract's `therapyNoteLint/billingSummary` request. */
export interface BillingSummary {
  isNote: boolean;
  line: string | null;
  status: 'ok' | 'mismatch' | 'unknown' | null;
  markdown: string;
}
export const BillingSummaryRequest = new RequestType<{ uri: string }, BillingSummary, void>('therapyNoteLint/billingSummary');

/** Scheme of the read-only billing summary documents shown in the Markdown preview. */
export const SUMMARY_SCHEME = 'therapy-note-lint-billing';
/** Quiet time after an edit before the status bar asks the server again. */
const EDIT_DELAY_MS = 400;

function isMarkdown(doc: vscode.TextDocument | undefined): doc is vscode.TextDocument {
  return !!doc && doc.languageId === 'markdown' && (doc.uri.scheme === 'file' || doc.uri.scheme === 'untitled');
}

export interface StatusBarUpdate {
  uri: string | undefined;
  text: string | undefined;
}

export class BillingStatus implements vscode.Disposable {
  private readonly item: vscode.StatusBarItem;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;
  private visible = false;
  private readonly updated = new vscode.EventEmitter<StatusBarUpdate>();
  /** Fires after each refresh: the active document and the item's text (undefined: hidden). */
  readonly onDidUpdate = this.updated.event;

  constructor(private readonly client: LanguageClient) {
    this.item = vscode.window.createStatusBarItem('therapyNoteLint.units', vscode.StatusBarAlignment.Right, 100);
    this.item.name = 'Therapy Note Lint: units';
    this.item.command = 'therapyNoteLint.showBillingSummary';
    this.disposables.push(
      this.item,
      this.changed,
      this.updated,
      vscode.window.onDidChangeActiveTextEditor(() => this.refreshSoon(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document && e.contentChanges.length > 0) this.refreshSoon(EDIT_DELAY_MS);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('therapyNoteLint')) this.refreshSoon(EDIT_DELAY_MS); }),
      // A configuration file change reaches the server on its own; the diagnostics it
      // republishes are the sign that the summary may have changed too.
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active && e.uris.some((u) => u.toString() === active)) this.refreshSoon(EDIT_DELAY_MS);
      }),
      vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, {
        onDidChange: this.changed.event,
        provideTextDocumentContent: async (uri) => {
          const summary = await this.request(vscode.Uri.parse(uri.query));
          return summary?.markdown ?? 'The language server did not return a billing summary for this file.';
        },
      }),
    );
  }

  text(): string | undefined {
    return this.visible ? this.item.text : undefined;
  }

  /** Updates the item after `delay` ms of quiet; later calls replace earlier ones. */
  refreshSoon(delay: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    // An answer still on its way is for the old state: drop it.
    const seq = ++this.seq;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.refresh(seq);
    }, delay);
  }

  private async refresh(seq: number): Promise<void> {
    const doc = vscode.window.activeTextEditor?.document;
    const summary = isMarkdown(doc) ? await this.request(doc.uri) : undefined;
    if (seq !== this.seq) return; // a newer refresh has started
    if (!summary || !summary.isNote || !summary.line) {
      this.item.hide();
      this.visible = false;
    } else {
      this.item.text = summary.line;
      this.item.tooltip = new vscode.MarkdownString(`${summary.markdown}\n\n---\n\nClick for the billing breakdown.`);
      this.item.backgroundColor = summary.status === 'mismatch' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
      this.item.show();
      this.visible = true;
    }
    this.updated.fire({ uri: doc?.uri.toString(), text: this.text() });
  }

  private async request(uri: vscode.Uri): Promise<BillingSummary | undefined> {
    if (!this.client.isRunning()) return undefined;
    try {
      return await this.client.sendRequest(BillingSummaryRequest, { uri: this.client.code2ProtocolConverter.asUri(uri) });
    } catch {
      // The server logs its own errors (file and rule id only); the item just hides.
      return undefined;
    }
  }

  /**
   * The `therapyNoteLint.showBillingSummary` command: the note's billing breakdown as a
   * read-only Markdown document (`therapy-note-lint-billing:` scheme) in the Markdown
   * preview beside the note. Returns the document's URI, or undefined when there is
   * nothing to show.
   */
  async showSummary(arg?: string | vscode.Uri): Promise<vscode.Uri | undefined> {
    const target = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage('Open a therapy note to see its billing summary.');
      return undefined;
    }
    const summary = await this.request(target);
    const name = path.posix.basename(target.path) || 'note';
    if (!summary) {
      void vscode.window.showErrorMessage(`Therapy Note Lint: no billing summary for ${name}; the language server did not answer.`);
      return undefined;
    }
    if (!summary.isNote) {
      void vscode.window.showInformationMessage(`${name} is not a therapy note, so it has no billing summary.`);
      return undefined;
    }
    const doc = vscode.Uri.from({ scheme: SUMMARY_SCHEME, path: `/${name} (billing).md`, query: target.toString() });
    this.changed.fire(doc);
    try {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', doc);
    } catch {
      // The built-in Markdown extension is disabled: show the Markdown source instead.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(doc), { viewColumn: vscode.ViewColumn.Beside, preview: true });
    }
    return doc;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const d of this.disposables) d.dispose();
  }
}
