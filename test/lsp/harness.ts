/**
 * Drives `node dist/server.js --stdio` as an LSP client would: a real child process, the
 * real JSON-RPC framing. Requests the server sends (configuration, registration, refresh)
 * are answered here and recorded, so tests can await them instead of sleeping.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ConfigurationRequest, createProtocolConnection, DidOpenTextDocumentNotification, ExitNotification, InitializedNotification,
  InitializeRequest, LogMessageNotification, PublishDiagnosticsNotification, RegistrationRequest, ShowMessageNotification,
  ShutdownRequest, StreamMessageReader, StreamMessageWriter, DiagnosticRefreshRequest, CodeLensRefreshRequest,
  type ClientCapabilities, type ConfigurationItem, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
  type Registration, type ShowMessageParams, type TextEdit, type WorkspaceEdit,
} from 'vscode-languageserver-protocol/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ALL_RULES as RULES } from '../../server/src/engine/rules';

export const FIXTURES = resolve('test/lsp/fixtures');
export const uriOf = (path: string) => pathToFileURL(resolve(path)).href;

/** Every rule off except these: new rules landing elsewhere do not change exact expectations. */
export function onlyRules(...keep: string[]): Record<string, string> {
  return Object.fromEntries(RULES.map((r) => r.meta.id).filter((id) => !keep.includes(id)).map((id) => [id, 'off']));
}

/** A capability set like VS Code's, with pull diagnostics and snippet edits switched by flags. */
export function capabilities(opts: { pull: boolean; snippets?: boolean; refresh?: boolean; watch?: boolean }): ClientCapabilities {
  return {
    textDocument: {
      synchronization: { dynamicRegistration: false, didSave: true },
      ...(opts.pull ? { diagnostic: { dynamicRegistration: false, relatedDocumentSupport: false } } : {}),
      publishDiagnostics: { relatedInformation: false, versionSupport: true, codeDescriptionSupport: true },
      codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix', 'source', 'source.fixAll'] } }, isPreferredSupport: true },
      codeLens: {},
      hover: { contentFormat: ['markdown', 'plaintext'] },
      documentSymbol: { hierarchicalDocumentSymbolSupport: true },
      completion: { completionItem: { snippetSupport: true } },
    },
    workspace: {
      configuration: true,
      workspaceFolders: true,
      // snippetEditSupport is LSP 3.18 (vscode-languageclient 11 sends it).
      workspaceEdit: { documentChanges: true, ...(opts.snippets ? { snippetEditSupport: true } : {}) } as never,
      didChangeConfiguration: { dynamicRegistration: true },
      didChangeWatchedFiles: { dynamicRegistration: opts.watch ?? true },
      ...(opts.refresh ?? opts.pull ? { diagnostics: { refreshSupport: true } } : {}),
      codeLens: { refreshSupport: true },
    },
  };
}

export class Client {
  readonly conn: ProtocolConnection;
  readonly child: ChildProcessWithoutNullStreams;
  readonly docs = new Map<string, TextDocument>();
  readonly published = new Map<string, PublishDiagnosticsParams>();
  readonly messages: ShowMessageParams[] = [];
  readonly logs: string[] = [];
  readonly registrations: Registration[] = [];
  readonly configRequests: ConfigurationItem[] = [];
  stderr = '';
  /** Settings returned for `workspace/configuration` (section therapyNoteLint), by scope URI; '' for any. */
  settings: Record<string, unknown> = {};
  private waiters: { check: () => boolean; done: () => void }[] = [];
  private refreshes = 0;
  private lensRefreshes = 0;
  readonly exited: Promise<number | null>;

  /** `args`: what node runs (default: the built server over stdio). */
  constructor(args: string[] = [resolve('dist/server.js'), '--stdio']) {
    this.child = spawn(process.execPath, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d) => (this.stderr += String(d)));
    this.exited = new Promise((res) => this.child.on('exit', (code) => res(code)));
    this.conn = createProtocolConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.conn.onNotification(PublishDiagnosticsNotification.type, (p) => {
      this.published.set(p.uri, p);
      this.poke();
    });
    this.conn.onNotification(ShowMessageNotification.type, (p) => {
      this.messages.push(p);
      this.poke();
    });
    this.conn.onNotification(LogMessageNotification.type, (p) => {
      this.logs.push(p.message);
    });
    this.conn.onRequest(ConfigurationRequest.type, (p) => {
      this.configRequests.push(...p.items);
      return p.items.map((i) => (i.scopeUri && i.scopeUri in this.settings ? this.settings[i.scopeUri] : this.settings[''] ?? null));
    });
    this.conn.onRequest(RegistrationRequest.type, (p) => {
      this.registrations.push(...p.registrations);
      this.poke();
    });
    this.conn.onRequest(DiagnosticRefreshRequest.type, () => {
      this.refreshes++;
      this.poke();
    });
    this.conn.onRequest(CodeLensRefreshRequest.type, () => {
      this.lensRefreshes++;
      this.poke();
    });
    this.conn.listen();
  }

  async initialize(caps: ClientCapabilities, folders: string[], trusted = true): Promise<InitializeResult> {
    const result = await this.conn.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: folders[0] ? uriOf(folders[0]) : null,
      capabilities: caps,
      workspaceFolders: folders.map((f) => ({ uri: uriOf(f), name: f })),
      initializationOptions: { trusted },
    });
    await this.conn.sendNotification(InitializedNotification.type, {});
    return result;
  }

  async open(path: string, text?: string): Promise<string> {
    const uri = uriOf(path);
    const content = text ?? readFileSync(path, 'utf8');
    this.docs.set(uri, TextDocument.create(uri, 'markdown', 1, content));
    this.published.delete(uri);
    await this.conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text: content } });
    return uri;
  }

  private poke(): void {
    this.waiters = this.waiters.filter((w) => {
      if (!w.check()) return true;
      w.done();
      return false;
    });
  }

  /** Resolves when `check` holds (checked now and after every message from the server). */
  until(check: () => boolean): Promise<void> {
    if (check()) return Promise.resolve();
    return new Promise((done) => this.waiters.push({ check, done }));
  }

  diagnosticsPushed(uri: string): Promise<PublishDiagnosticsParams> {
    return this.until(() => this.published.has(uri)).then(() => this.published.get(uri)!);
  }

  /** Resolves at the next `workspace/diagnostic/refresh` request after this call. */
  nextRefresh(): Promise<void> {
    const n = this.refreshes;
    return this.until(() => this.refreshes > n);
  }

  /** How many `workspace/codeLens/refresh` requests the server has sent. */
  get lensRefreshCount(): number {
    return this.lensRefreshes;
  }

  nextLensRefresh(): Promise<void> {
    const n = this.lensRefreshes;
    return this.until(() => this.lensRefreshes > n);
  }

  /** The document text after applying a workspace edit (plain edits, or snippet edits as their snippet text). */
  apply(uri: string, edit: WorkspaceEdit | undefined): string {
    const doc = this.docs.get(uri)!;
    const edits: TextEdit[] = [];
    for (const e of Object.values(edit?.changes ?? {})) edits.push(...e);
    for (const dc of edit?.documentChanges ?? []) {
      if (!('edits' in dc)) continue;
      for (const e of dc.edits as (TextEdit & { snippet?: { value: string } })[]) {
        edits.push(e.snippet ? { range: e.range, newText: `SNIPPET[${e.snippet.value}]` } : e);
      }
    }
    return TextDocument.applyEdits(doc, edits);
  }

  async shutdown(): Promise<number | null> {
    await this.conn.sendRequest(ShutdownRequest.type);
    await this.conn.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.conn.dispose();
    return code;
  }
}
