/**
 * The VS Code client: starts the language server (`dist/server.js`) over IPC for Markdown
 * documents, and adds what only an editor can do: a status bar item with the active note's
 * units, the billing summary view, and the note template command. Thin by design; every
 * feature about notes lives in the server and the engine.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { BillingStatus, type StatusBarUpdate } from './billing';
import { RestartOnCrash } from './restart';
import { insertTemplate } from './templates';

let client: LanguageClient | undefined;

/** What `activate` returns; the in-editor tests use it to observe the client. */
export interface TherapyNoteLintApi {
  readonly client: LanguageClient;
  /** The status bar item as it stands: its text, or undefined when it is hidden. */
  statusBarText(): string | undefined;
  /** Fires after each status bar update: for which document, and its text (undefined: hidden). */
  readonly onDidUpdateStatusBar: vscode.Event<StatusBarUpdate>;
}

export async function activate(context: vscode.ExtensionContext): Promise<TherapyNoteLintApi> {
  const module = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6009'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ scheme: 'file', language: 'markdown' }, { scheme: 'untitled', language: 'markdown' }],
    // A function, so that every (re)start sends the trust state of that moment.
    initializationOptions: () => ({ trusted: vscode.workspace.isTrusted }),
    synchronize: {
      // The server also pulls settings itself (workspace/configuration); this tells it when
      // they change.
      configurationSection: 'therapyNoteLint',
      fileEvents: vscode.workspace.createFileSystemWatcher('**/.therapy-note-lint.json'),
    },
    // Restart a server that exits or crashes (the in-editor suite kills it and checks that
    // it comes back). vscode-languageclient's default handler does not always: a write
    // that fails as the server dies (EPIPE) makes it shut the client down for good.
    errorHandler: new RestartOnCrash(),
  };
  client = new LanguageClient('therapyNoteLint', 'Therapy Note Lint', serverOptions, clientOptions);
  const lc = client;

  const status = new BillingStatus(lc);
  context.subscriptions.push(
    status,
    vscode.commands.registerCommand('therapyNoteLint.showBillingSummary', (uri?: string | vscode.Uri) => status.showSummary(uri)),
    vscode.commands.registerCommand('therapyNoteLint.insertTemplate', (name?: string) =>
      insertTemplate(context.asAbsolutePath(path.join('snippets', 'therapy-notes.json')), name)),
    // Untrusted workspaces: the server ignores external files until trust is granted; a
    // restart sends `trusted: true` in the new initialize request.
    vscode.workspace.onDidGrantWorkspaceTrust(() => { void lc.restart(); }),
    lc.onDidChangeState((e) => { if (e.newState === State.Running) status.refreshSoon(0); }),
  );

  await lc.start();
  status.refreshSoon(0);
  return {
    client: lc,
    statusBarText: () => status.text(),
    onDidUpdateStatusBar: status.onDidUpdate,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
