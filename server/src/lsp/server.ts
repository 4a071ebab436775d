/**
 * The language server: a thin adapter from LSP to the engine (`lint()`) and its editor
 * helpers (`engine/editor.ts`). Every handler catches its own errors, logs the file and
 * rule id (never note text) and returns an empty result.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind, CodeLensRefreshRequest, FileChangeType, CompletionItemKind, DiagnosticSeverity, DidChangeConfigurationNotification, DidChangeWatchedFilesNotification,
  LSPErrorCodes, MarkupKind, MessageType, ShowMessageNotification, ResponseError, SymbolKind, TextDocuments, TextDocumentSyncKind,
  type CancellationToken, type ClientCapabilities, type CodeAction, type CodeLens, type CompletionItem, type Connection,
  type Diagnostic, type DocumentDiagnosticReport, type DocumentSymbol, type Hover, type InitializeParams, type InitializeResult, type SymbolInformation,
  type TextEdit as LspTextEdit, type WorkspaceEdit,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { ConfigResolver } from '../cli/config-loader';
import { VERSION } from '../cli/version';
import { ConfigError } from '../engine/config';
import {
  billingSummary, codeAt, codeHover, codeLenses, completionCandidates, disableFileEdit, disableLineEdit, documentSymbols,
  findingHover, fixAllText, intersects, contains, minimalEdit, placeholderText, type BillingSummaryResult, type EditorSymbol,
} from '../engine/editor';
import { episodeNote } from '../engine/episode';
import { EpisodeIndex } from '../engine/episode-index';
import { docsUrl, INTERNAL_ERROR, lint, sortFindings, type LintResult } from '../engine/lint';
import { Memo, withMemo } from '../engine/memo';
import { RULES_BY_ID } from '../engine/rules';
import type { Settings } from '../engine/settings';
import type { Finding, Position, Range, TextEdit } from '../engine/types';
import { MAX_LIVE_CHARS, tooLargeResult } from './limits';
import { rulePage } from './rule-pages';
import { warmUp } from './warm-up';
import {
  configKeys, DEFAULT_CLIENT_SETTINGS, isInside, mergeSettings, nearestConfig, normalizeClientSettings, type ClientSettings,
} from './settings';

export const SOURCE = 'therapy-note-lint';
export const FIX_ALL_KIND = 'source.fixAll.therapy-note-lint';
export const BILLING_SUMMARY_REQUEST = 'therapyNoteLint/billingSummary';
export const LINT_WORKSPACE_COMMAND = 'therapyNoteLint.lintWorkspace';
export const SHOW_BILLING_SUMMARY_COMMAND = 'therapyNoteLint.showBillingSummary';
const SECTION = 'therapyNoteLint';
const CONFIG_GLOB = '**/.therapy-note-lint.json';
const NOTE_GLOB = '**/*.md';
/** Files larger than this are not read into the episode index (no note is this large). */
const INDEX_MAX_BYTES = 2_000_000;
const EPISODE_REFRESH_DELAY_MS = 50;
const PUSH_DELAY_MS = 150;

interface Capabilities {
  pull: boolean;
  snippetEdits: boolean;
  documentChanges: boolean;
  configuration: boolean;
  watchDynamic: boolean;
  configDynamic: boolean;
  diagnosticRefresh: boolean;
  codeLensRefresh: boolean;
  hierarchicalSymbols: boolean;
  workspaceFolders: boolean;
}

function readCapabilities(c: ClientCapabilities): Capabilities {
  return {
    pull: !!c.textDocument?.diagnostic,
    snippetEdits: !!(c.workspace?.workspaceEdit as { snippetEditSupport?: boolean } | undefined)?.snippetEditSupport && !!c.workspace?.workspaceEdit?.documentChanges,
    documentChanges: !!c.workspace?.workspaceEdit?.documentChanges,
    configuration: !!c.workspace?.configuration,
    watchDynamic: !!c.workspace?.didChangeWatchedFiles?.dynamicRegistration,
    configDynamic: !!c.workspace?.didChangeConfiguration?.dynamicRegistration,
    diagnosticRefresh: !!c.workspace?.diagnostics?.refreshSupport,
    codeLensRefresh: !!c.workspace?.codeLens?.refreshSupport,
    hierarchicalSymbols: !!c.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport,
    workspaceFolders: !!c.workspace?.workspaceFolders,
  };
}

interface Folder {
  uri: string;
  path: string;
}

/** A linted document: the result, the settings used, and whether its text starts with a BOM (positions shift by one on line 0). */
interface Linted {
  result: LintResult;
  settings: Settings;
  client: ClientSettings;
  bom: boolean;
  /** An open document's memo (engine/memo.ts), made for these settings. */
  memo?: Memo;
}

function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

function sameRange(a: Range, b: Range): boolean {
  return a.start.line === b.start.line && a.start.character === b.start.character && a.end.line === b.end.line && a.end.character === b.end.character;
}

/** A promise whose failure (the client went away) is not an error of ours. */
function quiet(p: Promise<unknown>): void {
  p.catch(() => undefined);
}

function errName(err: unknown): string {
  return err instanceof Error ? err.name : 'error';
}

export function startServer(connection: Connection): void {
  // Never a crash: a stray rejection is logged (its kind only) and the server carries on.
  process.on('unhandledRejection', (err) => connection.console.error(`unhandled rejection (${errName(err)})`));
  const documents = new TextDocuments(TextDocument);
  let caps = readCapabilities({});
  let trusted = true;
  let folders: Folder[] = [];
  let globalClientSettings: unknown = undefined;
  const resolver = makeResolver(true);
  let configResolver = resolver;
  const clientSettings = new Map<string, Promise<ClientSettings>>();
  /** The comparison of the settings after the last didChangeConfiguration (see there). */
  let configurationCheck: Promise<void> = Promise.resolve();
  const cache = new Map<string, { version: number; generation: number; linted: Linted | null }>();
  /** What each open document's last lint kept, for the settings generation it was made for. */
  const memos = new Map<string, { generation: number; memo: Memo }>();
  let generation = 0;
  const pushTimers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Closed files whose diagnostics lintWorkspace pushed. */
  const pushedClosed = new Set<string>();
  /** Configuration files with a published error, and messages already shown. */
  const configErrorFiles = new Set<string>();
  const shownConfigErrors = new Set<string>();
  /** Episode facts of the workspace's notes: files on disk, and open documents as edited. */
  const episodes = new EpisodeIndex();
  const pendingEpisodeRefresh = new Set<string>();
  let episodeTimer: ReturnType<typeof setTimeout> | null = null;
  let scanGeneration = -1;

  const log = (msg: string) => connection.console.log(msg);
  const fail = (what: string, uri: string, err: unknown, ruleId?: string) =>
    connection.console.error(`${what} failed for ${uriToPath(uri) ?? uri}${ruleId ? ` (rule ${ruleId})` : ''}: ${errName(err)}`);

  function makeResolver(allowExternal: boolean): ConfigResolver {
    // The option is added to ConfigResolver by the NCCI work; passed anyway (contract).
    const Ctor = ConfigResolver as unknown as new (explicit?: string, options?: { allowExternalFiles: boolean }) => ConfigResolver;
    return new Ctor(undefined, { allowExternalFiles: allowExternal });
  }

  // ---------------------------------------------------------------------------------------
  // Initialisation

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    caps = readCapabilities(params.capabilities);
    const opts = params.initializationOptions as { trusted?: unknown; settings?: unknown } | undefined;
    trusted = opts?.trusted !== false;
    globalClientSettings = opts?.settings;
    configResolver = trusted ? resolver : makeResolver(false);
    if (params.workspaceFolders) folders = params.workspaceFolders.map((f) => ({ uri: f.uri, path: uriToPath(f.uri) ?? '' })).filter((f) => f.path);
    else if (params.rootUri && uriToPath(params.rootUri)) folders = [{ uri: params.rootUri, path: uriToPath(params.rootUri)! }];
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        ...(caps.pull ? { diagnosticProvider: { identifier: SOURCE, interFileDependencies: false, workspaceDiagnostics: false } } : {}),
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Therapy note' },
        completionProvider: { resolveProvider: false },
        executeCommandProvider: { commands: [LINT_WORKSPACE_COMMAND] },
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: SOURCE, version: VERSION },
    };
  });

  connection.onInitialized(() => {
    if (caps.watchDynamic) {
      connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: CONFIG_GLOB }, { globPattern: NOTE_GLOB }] })
        .catch((err) => log(`could not watch configuration files and notes (${errName(err)})`));
    }
    if (caps.configDynamic) {
      connection.client.register(DidChangeConfigurationNotification.type, { section: SECTION }).catch((err) => log(`could not watch settings (${errName(err)})`));
    }
    if (caps.workspaceFolders) {
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        folders = folders.filter((f) => !e.removed.some((r) => r.uri === f.uri));
        for (const a of e.added) {
          const path = uriToPath(a.uri);
          if (path) folders.push({ uri: a.uri, path });
        }
        settingsChanged();
      });
    }
    void scanWorkspace();
    warmUp();
  });

  // ---------------------------------------------------------------------------------------
  // Settings

  function folderFor(uri: string): Folder | undefined {
    let best: Folder | undefined;
    for (const f of folders) {
      const prefix = f.uri.endsWith('/') ? f.uri : f.uri + '/';
      if ((uri === f.uri || uri.startsWith(prefix)) && (!best || f.uri.length > best.uri.length)) best = f;
    }
    return best;
  }

  async function clientSettingsFor(uri: string): Promise<ClientSettings> {
    // A settings notification is being compared: what is asked after it gets its outcome.
    await configurationCheck;
    if (!caps.configuration) {
      const g = globalClientSettings as Record<string, unknown> | undefined;
      return normalizeClientSettings(g && typeof g === 'object' && SECTION in g ? g[SECTION] : g, log);
    }
    const scope = folderFor(uri)?.uri ?? uri;
    let p = clientSettings.get(scope);
    if (!p) {
      p = connection.workspace
        .getConfiguration({ scopeUri: scope, section: SECTION })
        .then((v) => normalizeClientSettings(v, log))
        .catch((err) => {
          log(`could not read the settings (${errName(err)}); using the defaults`);
          return { ...DEFAULT_CLIENT_SETTINGS };
        });
      clientSettings.set(scope, p);
    }
    return p;
  }

  function settingsFor(uri: string, client: ClientSettings): Settings {
    const path = uriToPath(uri);
    const folder = folderFor(uri);
    if (!path) return mergeSettings(client, folder?.path, null);
    const configPath = nearestConfig(path);
    // Untrusted workspace: configuration files above (outside) the workspace folder are ignored.
    if (!configPath || (!trusted && !(folder && isInside(folder.path, configPath)))) return mergeSettings(client, folder?.path, null);
    try {
      const file = { settings: configResolver.settingsFor(path), keys: configKeys(configPath) };
      return mergeSettings(client, folder?.path, file);
    } catch (err) {
      if (err instanceof ConfigError) reportConfigError(err, configPath);
      else log(`configuration ${configPath} could not be loaded (${errName(err)})`);
      return mergeSettings(client, folder?.path, null);
    }
  }

  function reportConfigError(err: ConfigError, configPath: string): void {
    const uri = pathToFileURL(configPath).href;
    if (!configErrorFiles.has(uri)) {
      configErrorFiles.add(uri);
      const line = Math.max(0, (err.line ?? 1) - 1);
      const character = Math.max(0, (err.column ?? 1) - 1);
      quiet(connection.sendDiagnostics({
        uri,
        diagnostics: [{
          range: { start: { line, character }, end: { line, character } },
          severity: DiagnosticSeverity.Error, source: SOURCE, message: err.detail,
        }],
      }));
    }
    if (!shownConfigErrors.has(err.message)) {
      shownConfigErrors.add(err.message);
      // A notification (window/showMessage): nothing to answer, nothing to wait for.
      connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Error,
        message: `Therapy Note Lint: ${err.message} Notes under it are linted without this file until it is fixed.`,
      }).catch(() => undefined);
    }
  }

  /** Settings or configuration files changed: forget everything and have the client ask again. */
  function settingsChanged(): void {
    generation++;
    clientSettings.clear();
    resolver.invalidate();
    if (configResolver !== resolver) configResolver.invalidate();
    for (const uri of configErrorFiles) quiet(connection.sendDiagnostics({ uri, diagnostics: [] }));
    configErrorFiles.clear();
    shownConfigErrors.clear();
    if (caps.pull) {
      if (caps.diagnosticRefresh) connection.languages.diagnostics.refresh().catch((err) => log(`diagnostic refresh failed (${errName(err)})`));
    } else for (const doc of documents.all()) schedulePush(doc, 0);
    if (caps.codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch((err: unknown) => log(`code lens refresh failed (${errName(err)})`));
    // The facts carry rule severities and fee amounts: index the workspace again.
    episodes.clear();
    void scanWorkspace();
  }

  // A didChangeConfiguration that changes nothing is not acted on: vscode-languageclient
  // sends one as soon as the server registers for the section, and acting on it linted
  // every open note and the workspace a second time at start-up and had VS Code ask again
  // for diagnostics and code lenses (which cancelled a quick fix the user had asked for).
  connection.onDidChangeConfiguration((params) => {
    if (!caps.configuration) {
      if (params.settings === undefined || params.settings === null) return settingsChanged();
      const same = JSON.stringify(params.settings) === JSON.stringify(globalClientSettings);
      globalClientSettings = params.settings;
      if (!same) settingsChanged();
      return;
    }
    configurationCheck = configurationCheck.then(async () => {
      const read = [...clientSettings.entries()];
      // Nothing read yet: nothing was linted with settings that could be stale.
      if (read.length === 0) return;
      const gen = generation;
      const compared = await Promise.all(read.map(async ([scope, before]) => {
        const was = JSON.stringify(await before);
        const warnings: string[] = [];
        const now = await connection.workspace.getConfiguration({ scopeUri: scope, section: SECTION })
          .then((v) => normalizeClientSettings(v, (w) => warnings.push(w)), () => null);
        return { scope, now, warnings, changed: now === null || JSON.stringify(now) !== was };
      }));
      if (generation !== gen || !compared.some((c) => c.changed)) return;
      settingsChanged();
      // The settings just read are the new ones: kept, not asked for again (their warnings
      // are logged as a first reading's are; unchanged settings warned when first read).
      for (const { scope, now, warnings } of compared) {
        if (!now) continue;
        for (const w of warnings) log(w);
        clientSettings.set(scope, Promise.resolve(now));
      }
    }).catch((err) => {
      log(`could not compare the settings (${errName(err)})`);
      settingsChanged();
    });
  });
  connection.onDidChangeWatchedFiles((params) => {
    const notes = params.changes.filter((c) => c.uri.toLowerCase().endsWith('.md'));
    if (notes.length < params.changes.length) {
      settingsChanged(); // a configuration file: everything is read again
      return;
    }
    // A note changed on disk. An open document is what the user sees: its text wins.
    for (const c of notes) {
      if (documents.get(c.uri)) continue;
      if (c.type === FileChangeType.Deleted) refreshEpisodes(episodes.set(c.uri, null));
      else void indexFile(c.uri);
    }
  });

  // ---------------------------------------------------------------------------------------
  // Linting

  async function lintDocument(doc: TextDocument): Promise<Linted | null> {
    await configurationCheck; // a lint kept from before changed settings is not reused
    const hit = cache.get(doc.uri);
    if (hit && hit.version === doc.version && hit.generation === generation) return hit.linted;
    const gen = generation;
    const client = await clientSettingsFor(doc.uri);
    let linted: Linted | null = null;
    if (client.enable) {
      const settings = settingsFor(doc.uri, client);
      const text = doc.getText();
      const memo = memoFor(doc.uri, gen);
      const result = text.length > MAX_LIVE_CHARS ? tooLargeResult(text.length, text.charCodeAt(0) === 0xfeff) : lint(text, { filePath: uriToPath(doc.uri), settings, memo });
      logFailures(doc.uri, result);
      linted = { result, settings, client, bom: result.bom, memo };
    }
    // A document changed while the settings were read is linted again on its next request.
    if (gen === generation) {
      cache.set(doc.uri, { version: doc.version, generation: gen, linted });
      index(doc.uri, linted);
    }
    return linted;
  }

  /** The document's memo; a new one when the settings changed since it was made. */
  function memoFor(uri: string, gen: number): Memo {
    const m = memos.get(uri);
    if (m && m.generation === gen) return m.memo;
    const memo = new Memo();
    memos.set(uri, { generation: gen, memo });
    return memo;
  }

  // ---------------------------------------------------------------------------------------
  // Episodes: the index of the workspace's notes

  /** How messages name a note: its path in the workspace folder. */
  function labelOf(uri: string): string {
    const path = uriToPath(uri);
    if (!path) return uri;
    const folder = folderFor(uri);
    return folder ? relative(folder.path, path).split('\\').join('/') : basename(path);
  }

  /** Puts a linted document's episode facts in the index; the other notes of its patient are refreshed. */
  function index(uri: string, linted: Linted | null): void {
    try {
      const facts = linted && linted.result.isNote ? withMemo(linted.memo, () => episodeNote(linted.result, uri, labelOf(uri), linted.settings)) : null;
      refreshEpisodes(episodes.set(uri, facts).filter((id) => id !== uri));
    } catch (err) {
      fail('episode index', uri, err);
    }
  }

  /**
   * Lints a closed file's text (read from disk) with its settings; a rule that throws is
   * logged. A file over the live limit gets the same one diagnostic as an open document.
   */
  function lintText(uri: string, path: string, text: string, client: ClientSettings): Linted {
    const settings = settingsFor(uri, client);
    const result = text.length > MAX_LIVE_CHARS ? tooLargeResult(text.length, text.charCodeAt(0) === 0xfeff) : lint(text, { filePath: path, settings });
    logFailures(uri, result);
    return { result, settings, client, bom: result.bom };
  }

  /** Reads a closed note from disk into the index. */
  async function indexFile(uri: string): Promise<void> {
    const path = uriToPath(uri);
    if (!path) return;
    try {
      const client = await clientSettingsFor(uri);
      if (documents.get(uri)) return; // opened meanwhile: the document wins
      let text: string | null = null;
      try {
        if (client.enable && statSync(path).size <= INDEX_MAX_BYTES) text = readFileSync(path, 'utf8');
      } catch {
        text = null; // gone or unreadable: out of the index
      }
      if (text === null) {
        refreshEpisodes(episodes.set(uri, null));
        return;
      }
      index(uri, lintText(uri, path, text, client));
    } catch (err) {
      fail('episode index', uri, err);
    }
  }

  /** Reads every note of the workspace folders into the index, a file at a time. */
  async function scanWorkspace(): Promise<void> {
    const gen = generation;
    if (scanGeneration === gen) return;
    scanGeneration = gen;
    for (const folder of [...folders]) {
      for (const path of markdownFiles(folder.path)) {
        if (generation !== gen) return; // settings changed: a new scan runs
        const uri = pathToFileURL(path).href;
        if (!documents.get(uri)) await indexFile(uri);
        await new Promise((r) => setImmediate(r));
      }
    }
  }

  /** Other notes' episode findings changed: have the client ask again (pull) or push them. */
  function refreshEpisodes(ids: string[]): void {
    for (const id of ids) if (documents.get(id)) pendingEpisodeRefresh.add(id);
    if (pendingEpisodeRefresh.size === 0 || episodeTimer) return;
    episodeTimer = setTimeout(() => {
      episodeTimer = null;
      const open = [...pendingEpisodeRefresh].map((id) => documents.get(id)).filter((d): d is TextDocument => !!d);
      pendingEpisodeRefresh.clear();
      if (open.length === 0) return;
      if (caps.pull) {
        if (caps.diagnosticRefresh) connection.languages.diagnostics.refresh().catch((err) => log(`diagnostic refresh failed (${errName(err)})`));
      } else for (const doc of open) schedulePush(doc, 0);
    }, EPISODE_REFRESH_DELAY_MS);
  }

  /** A note's findings: its own and its episode's. */
  function findingsOf(linted: Linted, uri: string): Finding[] {
    if (!linted.result.isNote) return linted.result.findings;
    let more: Finding[] = [];
    try {
      more = episodes.findings(uri);
    } catch (err) {
      fail('episode rules', uri, err);
    }
    return more.length === 0 ? linted.result.findings : sortFindings([...linted.result.findings, ...more]);
  }

  /** A rule (or the parser) that threw: logged once per document and rule, with the file and rule id only. */
  const loggedFailures = new Set<string>();
  function logFailures(uri: string, result: LintResult): void {
    for (const f of result.failures) {
      const key = `${uri}\n${f.ruleId}`;
      if (loggedFailures.has(key)) continue;
      loggedFailures.add(key);
      connection.console.error(`lint failed for ${uriToPath(uri) ?? uri}${f.ruleId ? ` (rule ${f.ruleId})` : ' (reading the note)'}: ${f.error}`);
    }
  }

  /** Engine range (text without BOM) → document range. */
  function toDoc(linted: Linted, r: Range): Range {
    if (!linted.bom) return r;
    const shift = (p: Position): Position => (p.line === 0 ? { line: 0, character: p.character + 1 } : p);
    return { start: shift(r.start), end: shift(r.end) };
  }
  function fromDoc(linted: Linted, p: Position): Position {
    return linted.bom && p.line === 0 ? { line: 0, character: Math.max(0, p.character - 1) } : p;
  }
  const toDocEdit = (linted: Linted, e: TextEdit): LspTextEdit => ({ range: toDoc(linted, e.range), newText: e.newText });

  const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

  function toDiagnostic(linted: Linted, f: Finding): Diagnostic {
    return {
      range: toDoc(linted, f.range),
      severity: SEVERITY[f.severity],
      code: f.ruleId,
      codeDescription: { href: docsUrl(f.ruleId) },
      source: SOURCE,
      message: f.message,
    };
  }

  function diagnosticsOf(linted: Linted | null, uri: string): Diagnostic[] {
    if (!linted || !linted.result.isNote) return [];
    return findingsOf(linted, uri).map((f) => toDiagnostic(linted, f));
  }

  /**
   * Pulled diagnostics carry a result id; asked again with the id of diagnostics that are
   * still the same, the answer is "unchanged", so the editor leaves its markers alone (no
   * flicker, and a quick fix being computed is not cancelled by a refresh that changed
   * nothing). The last report per open document is kept as its JSON, in memory only.
   */
  const lastReports = new Map<string, { resultId: string; json: string }>();
  let reportCount = 0;
  function diagnosticReport(uri: string, items: Diagnostic[], previousResultId: string | undefined): DocumentDiagnosticReport {
    const json = JSON.stringify(items);
    let last = lastReports.get(uri);
    if (last && last.json === json && previousResultId === last.resultId) return { kind: 'unchanged', resultId: last.resultId };
    if (!last || last.json !== json) {
      last = { resultId: String(++reportCount), json };
      lastReports.set(uri, last);
    }
    return { kind: 'full', resultId: last.resultId, items };
  }

  connection.languages.diagnostics.on(async (params, token) => {
    if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return { kind: 'full', items: [] };
    let items: Diagnostic[];
    try {
      const linted = await lintDocument(doc);
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.ServerCancelled, 'cancelled', { retriggerRequest: true });
      items = diagnosticsOf(linted, doc.uri);
    } catch (err) {
      if (err instanceof ResponseError) throw err;
      fail('diagnostics', doc.uri, err);
      items = [];
    }
    return diagnosticReport(doc.uri, items, params.previousResultId);
  });

  function schedulePush(doc: TextDocument, delay: number): void {
    if (caps.pull) return;
    const prev = pushTimers.get(doc.uri);
    if (prev) clearTimeout(prev);
    pushTimers.set(doc.uri, setTimeout(() => {
      pushTimers.delete(doc.uri);
      void push(doc.uri);
    }, delay));
  }

  async function push(uri: string): Promise<void> {
    const doc = documents.get(uri);
    if (!doc) return;
    try {
      const linted = await lintDocument(doc);
      if (documents.get(uri)?.version !== doc.version) return; // a newer version is on its way
      await connection.sendDiagnostics({ uri, version: doc.version, diagnostics: diagnosticsOf(linted, uri) });
    } catch (err) {
      fail('diagnostics', uri, err);
    }
  }

  documents.onDidOpen((e) => {
    if (pushedClosed.delete(e.document.uri) && caps.pull) quiet(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
    if (!caps.watchDynamic) resolver.invalidate(); // no file watching: pick up configuration edits here
    schedulePush(e.document, 0);
  });
  documents.onDidChangeContent((e) => schedulePush(e.document, PUSH_DELAY_MS));
  documents.onDidSave(() => {
    if (!caps.watchDynamic) {
      generation++;
      resolver.invalidate();
    }
  });
  documents.onDidClose((e) => {
    cache.delete(e.document.uri);
    memos.delete(e.document.uri);
    lastReports.delete(e.document.uri);
    void indexFile(e.document.uri); // back to the text on disk (or out, if it was never saved)
    const t = pushTimers.get(e.document.uri);
    if (t) clearTimeout(t);
    pushTimers.delete(e.document.uri);
    if (!caps.pull) quiet(connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] }));
  });

  // ---------------------------------------------------------------------------------------
  // Handlers over a linted note

  async function withNote<R>(what: string, uri: string, token: CancellationToken, empty: R, fn: (linted: Linted, doc: TextDocument, at: { rule?: string }) => R): Promise<R> {
    const at: { rule?: string } = {};
    try {
      if (token.isCancellationRequested) return empty;
      const doc = documents.get(uri);
      if (!doc) return empty;
      const linted = await lintDocument(doc);
      if (!linted || !linted.result.isNote || !linted.result.note || token.isCancellationRequested) return empty;
      return fn(linted, doc, at);
    } catch (err) {
      fail(what, uri, err, at.rule);
      return empty;
    }
  }

  const kindMatches = (kind: string, only: string[] | undefined) => !only || only.some((k) => kind === k || kind.startsWith(k + '.'));

  connection.onCodeAction((params, token) =>
    withNote('code actions', params.textDocument.uri, token, [] as CodeAction[], (linted, doc, at) => {
      const only = params.context.only;
      const actions: CodeAction[] = [];
      const uri = doc.uri;
      const { note } = linted.result;
      const plainEdit = (edits: LspTextEdit[]): WorkspaceEdit =>
        caps.documentChanges ? { documentChanges: [{ textDocument: { uri, version: doc.version }, edits }] } : { changes: { [uri]: edits } };
      if (kindMatches(CodeActionKind.QuickFix, only)) {
        const range = { start: fromDoc(linted, params.range.start), end: fromDoc(linted, params.range.end) };
        // The findings under the range, and those the client names in the context.
        const named = (f: Finding) => params.context.diagnostics.some((d) => d.code === f.ruleId && d.source === SOURCE && sameRange(d.range, toDoc(linted, f.range)));
        for (const f of findingsOf(linted, uri)) {
          if (!intersects(f.range, range) && !named(f)) continue;
          at.rule = f.ruleId;
          const diagnostic = toDiagnostic(linted, f);
          if (f.fix && f.fix.edits.length > 0) {
            actions.push({ title: f.fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], isPreferred: true, edit: plainEdit(f.fix.edits.map((e) => toDocEdit(linted, e))) });
          }
          for (const s of f.suggestions ?? []) {
            if (f.fix && JSON.stringify(s) === JSON.stringify(f.fix)) continue; // the fix, offered once
            const texts = s.edits.map((e) => placeholderText(e.newText));
            const snippet = caps.snippetEdits && texts.some((t) => t.hasPlaceholders);
            const edit: WorkspaceEdit = snippet
              ? {
                  documentChanges: [{
                    textDocument: { uri, version: doc.version },
                    edits: s.edits.map((e, i) => ({ range: toDoc(linted, e.range), snippet: { kind: 'snippet', value: texts[i].snippet } })) as unknown as LspTextEdit[],
                  }],
                }
              : plainEdit(s.edits.map((e) => toDocEdit(linted, e)));
            actions.push({ title: s.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit });
          }
          if (f.ruleId === INTERNAL_ERROR || !note) continue;
          const line = disableLineEdit(note, f);
          if (line) actions.push({ title: `Disable ${f.ruleId} for this line`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: plainEdit([toDocEdit(linted, line)]) });
          const file = disableFileEdit(note, f.ruleId);
          if (file) actions.push({ title: `Disable ${f.ruleId} for this file`, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: plainEdit([toDocEdit(linted, file)]) });
        }
        at.rule = undefined;
      }
      if (kindMatches(FIX_ALL_KIND, only) && (only || linted.result.findings.some((f) => f.fix))) {
        const edit = fixAllEdit(linted, doc);
        if (edit) actions.push({ title: 'Fix all safe therapy-note-lint problems', kind: FIX_ALL_KIND, edit: plainEdit([edit]) });
      }
      return actions;
    }),
  );

  function fixAllEdit(linted: Linted, doc: TextDocument): LspTextEdit | null {
    const full = doc.getText();
    const text = linted.bom ? full.slice(1) : full;
    const filePath = uriToPath(doc.uri);
    const fixed = fixAllText(text, linted.result, (t) => lint(t, { filePath, settings: linted.settings }));
    const m = minimalEdit(full, (linted.bom ? '\uFEFF' : '') + fixed);
    return m ? { range: { start: doc.positionAt(m.start), end: doc.positionAt(m.end) }, newText: m.newText } : null;
  }

  connection.onCodeLens((params, token) =>
    withNote('code lenses', params.textDocument.uri, token, [] as CodeLens[], (linted, doc) => {
      if (!linted.client.codeLensEnable) return [];
      return codeLenses(linted.result).map((l) => ({
        range: toDoc(linted, l.range),
        command: l.kind === 'summary' ? { title: l.title, command: SHOW_BILLING_SUMMARY_COMMAND, arguments: [doc.uri] } : { title: l.title, command: '' },
      }));
    }),
  );

  connection.onHover((params, token) =>
    withNote('hover', params.textDocument.uri, token, null as Hover | null, (linted, doc, at) => {
      const pos = fromDoc(linted, params.position);
      const parts: string[] = [];
      let range: Range | undefined;
      for (const f of findingsOf(linted, doc.uri)) {
        if (!contains(f.range, pos)) continue;
        at.rule = f.ruleId;
        parts.push(findingHover(f, RULES_BY_ID.get(f.ruleId)?.meta.description, rulePage(f.ruleId), docsUrl(f.ruleId)));
        range ??= f.range;
      }
      at.rule = undefined;
      const code = linted.result.note ? codeAt(linted.result.note, pos) : null;
      if (code) {
        parts.unshift(codeHover(linted.result, linted.settings.codes, code.code));
        range = code.range;
      }
      if (parts.length === 0) return null;
      return { contents: { kind: MarkupKind.Markdown, value: parts.join('\n\n---\n\n') }, range: range && toDoc(linted, range) };
    }),
  );

  const SYMBOL_KIND: Record<EditorSymbol['kind'], SymbolKind> = {
    section: SymbolKind.Namespace, intervention: SymbolKind.Event, goal: SymbolKind.Constant, billing: SymbolKind.Number,
  };

  connection.onDocumentSymbol((params, token) =>
    withNote('document symbols', params.textDocument.uri, token, [] as DocumentSymbol[] | SymbolInformation[], (linted, doc) => {
      const tree = documentSymbols(linted.result.note!, linted.settings.codes);
      const conv = (s: EditorSymbol): DocumentSymbol => ({
        name: s.name, detail: s.detail, kind: SYMBOL_KIND[s.kind], range: toDoc(linted, s.range), selectionRange: toDoc(linted, s.selectionRange), children: s.children.map(conv),
      });
      if (caps.hierarchicalSymbols) return tree.map(conv);
      const flat: SymbolInformation[] = [];
      const add = (s: EditorSymbol, container?: string) => {
        flat.push({ name: s.name, kind: SYMBOL_KIND[s.kind], location: { uri: doc.uri, range: toDoc(linted, s.range) }, containerName: container });
        for (const c of s.children) add(c, s.name);
      };
      for (const s of tree) add(s);
      return flat;
    }),
  );

  const COMPLETION_KIND = { code: CompletionItemKind.Value, name: CompletionItemKind.Keyword, goal: CompletionItemKind.Reference, modifier: CompletionItemKind.EnumMember } as const;

  connection.onCompletion((params, token) =>
    withNote('completion', params.textDocument.uri, token, [] as CompletionItem[], (linted) =>
      completionCandidates(linted.result.note!, linted.settings.codes, fromDoc(linted, params.position)).map((c) => ({
        label: c.label, kind: COMPLETION_KIND[c.kind], detail: c.detail, sortText: c.sortText, filterText: c.insertText,
        textEdit: { range: toDoc(linted, c.range), newText: c.insertText },
      })),
    ),
  );

  connection.onRequest(BILLING_SUMMARY_REQUEST, async (params: { uri?: unknown }, token: CancellationToken): Promise<BillingSummaryResult> => {
    const empty: BillingSummaryResult = { isNote: false, line: null, status: null, markdown: '' };
    if (!params || typeof params.uri !== 'string') return empty;
    return withNote('billing summary', params.uri, token, empty, (linted) => billingSummary(linted.result));
  });

  // ---------------------------------------------------------------------------------------
  // therapyNoteLint.lintWorkspace: every note of the workspace folders into Problems.

  connection.onExecuteCommand(async (params, token) => {
    if (params.command !== LINT_WORKSPACE_COMMAND) return null;
    let files = 0;
    let notes = 0;
    let findings = 0;
    for (const folder of folders) {
      for (const path of markdownFiles(folder.path)) {
        if (token.isCancellationRequested) return { files, notes, findings, cancelled: true };
        const uri = pathToFileURL(path).href;
        files++;
        try {
          const open = documents.get(uri);
          let linted: Linted | null;
          if (open) linted = await lintDocument(open);
          else {
            const client = await clientSettingsFor(uri);
            if (!client.enable) continue;
            linted = lintText(uri, path, readFileSync(path, 'utf8'), client);
          }
          if (!linted || !linted.result.isNote) continue;
          notes++;
          findings += findingsOf(linted, uri).length;
          if (open) continue; // an open note has its own diagnostics
          pushedClosed.add(uri);
          await connection.sendDiagnostics({ uri, diagnostics: diagnosticsOf(linted, uri) });
        } catch (err) {
          fail('lint workspace', uri, err);
        }
        // Let other requests in between files.
        await new Promise((r) => setImmediate(r));
      }
    }
    return { files, notes, findings };
  });

  documents.listen(connection);
  connection.listen();
}

/** Markdown files under a folder, skipping node_modules, .git and other hidden folders. */
function* markdownFiles(dir: string): Generator<string> {
  let entries: string[];
  try {
    entries = readdirSync(dir).sort();
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    let st;
    try {
      st = statSync(path);
    } catch {
      continue;
    }
    if (st.isDirectory()) yield* markdownFiles(path);
    else if (st.isFile() && name.toLowerCase().endsWith('.md')) yield path;
  }
}
