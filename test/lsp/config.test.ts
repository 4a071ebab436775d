/**
 * Protocol tests for settings: `workspace/configuration` merged with the nearest
 * `.therapy-note-lint.json`, both watched, `workspace/diagnostic/refresh` on change,
 * multi-root scopes, workspace trust, a broken configuration file and lintWorkspace.
 * Works on a copy of the fixtures in a temporary folder (it edits configuration files).
 */
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CodeLensRequest, DidChangeWatchedFilesNotification, DocumentDiagnosticRequest, ExecuteCommandRequest, FileChangeType,
  type Diagnostic,
} from 'vscode-languageserver-protocol/node';
import { Client, capabilities, FIXTURES, onlyRules, uriOf } from './harness';

const CONFIG = '.therapy-note-lint.json';

function workspace(): string {
  const root = realpathSync(mkdtempSync(join(tmpdir(), 'tnl-lsp-')));
  for (const f of ['a', 'b', 'up/inner']) {
    mkdirSync(join(root, f), { recursive: true });
    cpSync(join(FIXTURES, 'config/plain.note.md'), join(root, f, 'plain.note.md'));
  }
  cpSync(join(FIXTURES, 'config/plain.note.md'), join(root, 'a/second.note.md'));
  writeFileSync(join(root, 'a/handbook.md'), '# Handbook\n\nNot a note.\n');
  writeFileSync(join(root, 'b', CONFIG), '{ "rules": { "units-mismatch": "warning" } }\n');
  // Above the workspace folder `up/inner`: ignored when the workspace is not trusted.
  writeFileSync(join(root, 'up', CONFIG), '{ "defaultPayer": "commercial" }\n');
  return root;
}

async function pull(c: Client, uri: string): Promise<Diagnostic[]> {
  return ((await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: Diagnostic[] }).items;
}
const codes = (ds: Diagnostic[]) => ds.map((d) => [d.code, d.severity]);
async function lensTitles(c: Client, uri: string): Promise<string[]> {
  const lenses = (await c.conn.sendRequest(CodeLensRequest.type, { textDocument: { uri } })) as { command: { title: string } }[];
  return lenses.map((l) => l.command.title);
}

const RULES = onlyRules('units-mismatch', 'total-time-mismatch');
const CMS_LENSES = ['97110 · 23 min → 1 unit (CMS)', '97140 · 10 min → 1 unit (CMS)', 'Timed 33 min → 2 units: 97110 ×1, 97140 ×1 · billed 2 ✓'];
const AMA_LENSES = ['97110 · 23 min → 2 units (AMA)', '97140 · 10 min → 1 unit (AMA)', 'Timed 33 min → 3 units: 97110 ×2, 97140 ×1 · billed 2 ✗'];

describe('language server: settings and configuration files (trusted, multi-root)', function () {
  let root: string;
  let c: Client;
  before(async () => {
    root = workspace();
    c = new Client();
    c.settings[''] = { rules: RULES };
    await c.initialize(capabilities({ pull: true }), [join(root, 'a'), join(root, 'b'), join(root, 'up/inner')]);
    // The configuration-file watcher and the settings section are registered dynamically.
    await c.until(() => c.registrations.length >= 2);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('registers a watcher for configuration files and notes, and for the settings section', () => {
    const watch = c.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles');
    assert.deepEqual(watch?.registerOptions, { watchers: [{ globPattern: '**/.therapy-note-lint.json' }, { globPattern: '**/*.md' }] });
    assert.deepEqual(c.registrations.find((r) => r.method === 'workspace/didChangeConfiguration')?.registerOptions, { section: 'therapyNoteLint' });
  });

  it('asks for the settings of the document\'s workspace folder (multi-root scope)', async () => {
    const a = await c.open(join(root, 'a/plain.note.md'));
    assert.deepEqual(codes(await pull(c, a)), []);
    assert.deepEqual(await lensTitles(c, a), CMS_LENSES);
    assert.ok(c.configRequests.some((i) => i.scopeUri === uriOf(join(root, 'a')) && i.section === 'therapyNoteLint'));
  });

  it('editor settings per folder: payer, method and enable', async () => {
    const a = uriOf(join(root, 'a/plain.note.md'));
    c.settings[uriOf(join(root, 'a'))] = { rules: RULES, payer: 'commercial' };
    const asked = c.configRequests.length;
    let refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(codes(await pull(c, a)), [['units-mismatch', 1]]);
    assert.deepEqual(await lensTitles(c, a), AMA_LENSES);
    // Folder a's settings were read once, to compare them, and kept: not asked for again.
    assert.equal(c.configRequests.slice(asked).filter((i) => i.scopeUri === uriOf(join(root, 'a'))).length, 1);

    // The method setting applies last: CMS counting even for the commercial profile.
    c.settings[uriOf(join(root, 'a'))] = { rules: RULES, payer: 'commercial', method: 'cms' };
    refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(codes(await pull(c, a)), []);
    assert.deepEqual(await lensTitles(c, a), CMS_LENSES);

    c.settings[uriOf(join(root, 'a'))] = { rules: RULES, payer: 'commercial', codeLens: { enable: false } };
    refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(await lensTitles(c, a), []);
    assert.deepEqual(codes(await pull(c, a)), [['units-mismatch', 1]]);

    c.settings[uriOf(join(root, 'a'))] = { rules: RULES, payer: 'commercial', enable: false };
    refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    assert.deepEqual(codes(await pull(c, a)), []);
    delete c.settings[uriOf(join(root, 'a'))];
  });

  it('the nearest configuration file overrides the editor settings, rule by rule', async () => {
    c.settings[''] = { rules: { ...RULES, 'units-mismatch': 'info' }, payer: 'commercial' };
    const refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    const b = await c.open(join(root, 'b/plain.note.md'));
    // Folder b's file says warning; the editor says info: the file wins.
    assert.deepEqual(codes(await pull(c, b)), [['units-mismatch', 2]]);
    const a = uriOf(join(root, 'a/plain.note.md'));
    assert.deepEqual(codes(await pull(c, a)), [['units-mismatch', 3]]);
    c.settings[''] = { rules: RULES };
  });

  it('a changed configuration file: didChangeWatchedFiles → workspace/diagnostic/refresh, and new diagnostics', async () => {
    const b = uriOf(join(root, 'b/plain.note.md'));
    writeFileSync(join(root, 'b', CONFIG), '{ "defaultPayer": "commercial", "rules": { "units-mismatch": "error" } }\n');
    const refreshed = c.nextRefresh();
    const lensRefreshed = c.nextLensRefresh();
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(join(root, 'b', CONFIG)), type: FileChangeType.Changed }] });
    await refreshed;
    await lensRefreshed;
    assert.deepEqual(codes(await pull(c, b)), [['units-mismatch', 1]]);
    assert.deepEqual(await lensTitles(c, b), AMA_LENSES);
  });

  it('a broken configuration file: one diagnostic on it and one message naming file, line and column; the note is still linted', async () => {
    const file = join(root, 'b', CONFIG);
    writeFileSync(file, '{\n  "rules": { "units-mismatch": "loud" }\n}\n');
    const refreshed = c.nextRefresh();
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: FileChangeType.Changed }] });
    await refreshed;
    const b = uriOf(join(root, 'b/plain.note.md'));
    // Linted with the editor settings alone (medicare, CMS: nothing to report).
    assert.deepEqual(codes(await pull(c, b)), []);
    await c.until(() => c.messages.length > 0 && c.published.has(uriOf(file)));
    const detail = '"rules.units-mismatch" must be a severity ("error", "warning", "info", "off") or an object such as { "severity": "warning" }; found "loud".';
    assert.deepEqual(c.messages, [{
      type: 1,
      message: `Therapy Note Lint: ${file}:2:32: ${detail} Notes under it are linted without this file until it is fixed.`,
    }]);
    assert.deepEqual(c.published.get(uriOf(file)), {
      uri: uriOf(file),
      diagnostics: [{ range: { start: { line: 1, character: 31 }, end: { line: 1, character: 31 } }, severity: 1, source: 'therapy-note-lint', message: detail }],
    });
    // Asking again shows no second message.
    await pull(c, b);
    assert.equal(c.messages.length, 1);
    // Fixed: the diagnostic on the file is cleared.
    writeFileSync(file, '{ "rules": { "units-mismatch": "warning" } }\n');
    c.published.delete(uriOf(file));
    await c.conn.sendNotification(DidChangeWatchedFilesNotification.type, { changes: [{ uri: uriOf(file), type: FileChangeType.Changed }] });
    // (Not the next refresh: the episode index's re-scan may ask for one at any time.)
    await c.until(() => c.published.has(uriOf(file)));
    assert.deepEqual(c.published.get(uriOf(file)), { uri: uriOf(file), diagnostics: [] });
  });

  it('trusted: a configuration file above the workspace folder applies', async () => {
    const inner = await c.open(join(root, 'up/inner/plain.note.md'));
    assert.deepEqual(await lensTitles(c, inner), AMA_LENSES);
  });

  it('therapyNoteLint.lintWorkspace pushes the diagnostics of closed notes; opening one clears them (no duplicates)', async () => {
    c.settings[''] = { rules: RULES, payer: 'commercial' };
    const refreshed = c.nextRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await refreshed;
    const second = uriOf(join(root, 'a/second.note.md'));
    const result = await c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'therapyNoteLint.lintWorkspace', arguments: [] });
    assert.deepEqual(result, { files: 5, notes: 4, findings: 4 });
    assert.deepEqual(c.published.get(second)?.diagnostics.map((d) => [d.code, d.range.start.line]), [['units-mismatch', 21]]);
    assert.equal(c.published.has(uriOf(join(root, 'a/handbook.md'))), false);
    // Open notes keep their own (pulled) diagnostics: nothing pushed for them.
    assert.equal(c.published.has(uriOf(join(root, 'a/plain.note.md'))), false);
    await c.open(join(root, 'a/second.note.md'));
    await c.until(() => c.published.get(second)?.diagnostics.length === 0);
    c.settings[''] = { rules: RULES };
  });
});

describe('language server: untrusted workspace', function () {
  let root: string;
  let c: Client;
  before(async () => {
    root = workspace();
    c = new Client();
    c.settings[''] = { rules: RULES };
    await c.initialize(capabilities({ pull: true }), [join(root, 'up/inner'), join(root, 'b')], false);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('ignores a configuration file above the workspace folder', async () => {
    const inner = await c.open(join(root, 'up/inner/plain.note.md'));
    assert.deepEqual(await lensTitles(c, inner), CMS_LENSES);
  });

  it('still reads a configuration file inside the workspace folder', async () => {
    writeFileSync(join(root, 'b', CONFIG), '{ "defaultPayer": "commercial" }\n');
    const b = await c.open(join(root, 'b/plain.note.md'));
    assert.deepEqual(await lensTitles(c, b), AMA_LENSES);
  });
});

describe('language server: a client that sends its settings in didChangeConfiguration (no workspace/configuration)', function () {
  let root: string;
  let c: Client;
  before(async () => {
    root = workspace();
    c = new Client();
    const caps = capabilities({ pull: true });
    await c.initialize({ ...caps, workspace: { ...caps.workspace, configuration: false } }, [join(root, 'a')]);
  });
  after(async () => {
    assert.equal(await c.shutdown(), 0);
    rmSync(root, { recursive: true, force: true });
  });

  it('uses the settings sent; the same settings again change nothing; new ones refresh diagnostics and lenses', async () => {
    const a = await c.open(join(root, 'a/plain.note.md'));
    let lensRefreshed = c.nextLensRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { therapyNoteLint: { rules: RULES, payer: 'commercial' } } });
    await lensRefreshed;
    assert.deepEqual(codes(await pull(c, a)), [['units-mismatch', 1]]);
    assert.deepEqual(await lensTitles(c, a), AMA_LENSES);

    const lensRefreshes = c.lensRefreshCount;
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { therapyNoteLint: { rules: RULES, payer: 'commercial' } } });
    assert.deepEqual(codes(await pull(c, a)), [['units-mismatch', 1]]);
    assert.equal(c.lensRefreshCount, lensRefreshes, 'the same settings: no refresh');

    lensRefreshed = c.nextLensRefresh();
    await c.conn.sendNotification('workspace/didChangeConfiguration', { settings: { therapyNoteLint: { rules: RULES } } });
    await lensRefreshed;
    assert.deepEqual(codes(await pull(c, a)), []);
    assert.deepEqual(await lensTitles(c, a), CMS_LENSES);
    assert.deepEqual(c.configRequests, [], 'never asked for workspace/configuration');
  });
});
