/**
 * Privacy, end to end on the built CLI and server:
 * - no network: both run the whole test corpus (test/fixtures and examples, with a
 *   configuration naming NCCI PTP files) in a child process where every outbound
 *   connection, DNS lookup and fetch throws and is recorded (deny-network.cjs); none may be
 *   attempted;
 * - no note text in logs: a canary string written into notes (in the body, the front
 *   matter, broken YAML, a file that is not UTF-8, a note on which a rule throws) never
 *   appears on the CLI's standard error at default verbosity, nor in the server's log
 *   (window/logMessage) or standard error.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  CodeActionRequest, CodeLensRequest, CompletionRequest, DocumentDiagnosticRequest, DocumentSymbolRequest, ExecuteCommandRequest, HoverRequest,
} from 'vscode-languageserver-protocol/node';
import { md } from '../helpers';
import { cleanup, tempDir } from '../cli/harness';
import { Client, capabilities } from '../lsp/harness';
import { THROW_MARKER } from '../throwing-rule';

const PRELOAD = resolve('test/privacy/deny-network.cjs');
const CLI = resolve('dist/cli.js');
const CANARY = 'CANARY-Zq81-PATIENT';

function* markdownFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) yield* markdownFiles(p);
    else if (name.endsWith('.md')) yield p;
  }
}

/** The test corpus in a temporary folder, with a configuration that names the NCCI PTP file. */
function corpus(): string {
  const dir = tempDir({ '.therapy-note-lint.json': '{ "ncciPtpFiles": ["fixtures/ncci/ptp-therapy-f1.txt"] }\n' });
  cpSync('test/fixtures', join(dir, 'fixtures'), { recursive: true });
  cpSync('examples', join(dir, 'examples'), { recursive: true });
  return dir;
}

/** Notes that carry the canary wherever a careless log line could pick it up. */
function canaryNotes(dir: string): void {
  const body = (extra: string[]) => md(
    '---', `patient: ${CANARY}`, 'date: 2026-04-07', 'discipline: PT', 'note_type: daily', ...extra, '---', '',
    '## Subjective', `Reports ${CANARY} less pain.`, '', '## Objective', `- 97530 Ther act 23 min: ${CANARY} lifting x10 (LTG1)`, `- 97110 ${CANARY}`, '',
    '## Billing', `- 97530 x3 GP ${CANARY}`, `- 9753 ${CANARY}`,
  );
  writeFileSync(join(dir, 'canary-body.note.md'), body([]));
  writeFileSync(join(dir, 'canary-bad-yaml.note.md'), body([`visit: [${CANARY}`, `payer: ${CANARY}`]));
  writeFileSync(join(dir, 'canary-throws.note.md'), body([]).replace('Reports', `Reports ${THROW_MARKER}`));
  writeFileSync(join(dir, 'canary-latin1.note.md'), Buffer.concat([Buffer.from(`---\nnote_type: daily\n---\n${CANARY} `), Buffer.from([0xe9, 0xff, 0x0a])]));
}

function run(args: string[], cwd: string, log: string, node: string[] = [CLI]) {
  const r = spawnSync(process.execPath, ['--require', PRELOAD, ...node, ...args], { cwd, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', DENY_NETWORK_LOG: log } });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const attempts = (log: string) => (existsSync(log) ? readFileSync(log, 'utf8') : '');

describe('privacy: no network', function () {
  this.timeout(300000);
  let dir = '';
  afterEach(() => cleanup(dir));

  it('the preload makes every kind of connection fail loudly and records it (so the tests below can fail)', () => {
    dir = tempDir({});
    const log = join(dir, 'attempts.log');
    const script = [
      "const tries = [() => fetch('http://127.0.0.1:9'), () => require('node:net').connect(9, '127.0.0.1'), () => require('node:dns').lookup('example.org', () => {}),",
      "  () => require('node:https').get('https://127.0.0.1:9'), () => require('node:dgram').createSocket('udp4'), () => require('node:tls').connect(9, '127.0.0.1')];",
      'for (const t of tries) { try { t(); console.log("allowed"); } catch (e) { console.log(e.message); } }',
    ].join('\n');
    const r = run(['-e', script], dir, log, []);
    assert.equal(r.stdout, ['fetch', 'net.connect', 'dns.lookup', 'https.get', 'dgram.createSocket', 'tls.connect'].map((w) => `network access attempted (${w}): blocked by test/privacy/deny-network.cjs\n`).join(''));
    assert.equal(attempts(log), 'fetch\nnet.connect\ndns.lookup\nhttps.get\ndgram.createSocket\ntls.connect\n');
  });

  it('the CLI lints, reports in every format and fixes the whole corpus without one attempt', () => {
    dir = corpus();
    const log = join(dir, 'attempts.log');
    const files = [...markdownFiles(dir)].length;
    assert.ok(files >= 120, `${files} files`);
    for (const args of [['.'], ['-f', 'json', '.'], ['-f', 'sarif', '.'], ['-f', 'json', '-o', 'report.json', '.'], ['--payer', 'commercial', '.'], ['--fix', '.']]) {
      const r = run(args, dir, log);
      assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`); // the corpus has errors on purpose
      assert.equal(r.stderr, '', args.join(' '));
    }
    assert.equal(JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')).summary.files, files);
    assert.equal(attempts(log), '');
  });

  it('the server lints the whole corpus (every request it answers, fix-all and the workspace command) without one attempt', async () => {
    dir = corpus();
    const log = join(dir, 'attempts.log');
    process.env.DENY_NETWORK_LOG = log;
    // What the CLI finds in the same corpus, with the same configuration: the server must say the same.
    const cliFindings = (JSON.parse(run(['-f', 'json', '.'], dir, log).stdout) as { files: { findings: unknown[] }[] }).files.reduce((n, f) => n + f.findings.length, 0);
    const c = new Client(['--require', PRELOAD, resolve('dist/server.js'), '--stdio']);
    delete process.env.DENY_NETWORK_LOG;
    try {
      await c.initialize(capabilities({ pull: true, snippets: true }), [dir]);
      let diagnostics = 0;
      for (const path of markdownFiles(dir)) {
        const uri = await c.open(path);
        const textDocument = { uri };
        const lines = c.docs.get(uri)!.lineCount;
        const report = (await c.conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument })) as { items: unknown[] };
        diagnostics += report.items.length;
        await c.conn.sendRequest(CodeLensRequest.type, { textDocument });
        await c.conn.sendRequest(DocumentSymbolRequest.type, { textDocument });
        await c.conn.sendRequest(CodeActionRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: lines, character: 0 } }, context: { diagnostics: [] } });
        for (let line = 0; line < lines; line += 7) {
          await c.conn.sendRequest(HoverRequest.type, { textDocument, position: { line, character: 4 } });
          await c.conn.sendRequest(CompletionRequest.type, { textDocument, position: { line, character: 2 } });
        }
        await c.conn.sendRequest('therapyNoteLint/billingSummary', { uri });
      }
      assert.ok(cliFindings > 100);
      assert.equal(diagnostics, cliFindings);
      const result = (await c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'therapyNoteLint.lintWorkspace', arguments: [] })) as { files: number };
      assert.ok(result.files >= 120);
      assert.equal(await c.shutdown(), 0);
    } finally {
      c.child.kill();
    }
    assert.equal(c.stderr, '');
    assert.equal(attempts(log), '');
  });
});

describe('privacy: no note text in logs', function () {
  this.timeout(120000);
  let dir = '';
  afterEach(() => cleanup(dir));

  it('the CLI’s standard error never holds the canary, in any format, fixing or not, when a rule throws', () => {
    dir = tempDir({});
    canaryNotes(dir);
    const log = join(dir, 'attempts.log');
    for (const args of [['.'], ['-f', 'json', '.'], ['-f', 'sarif', '.'], ['--fix', '.'], ['-q', '.']]) {
      const r = run(args, dir, log);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`); // the file that is not UTF-8
      // Exactly the one line about the file that is not UTF-8: no note text, no stack trace.
      assert.equal(r.stderr, 'therapy-note-lint: canary-latin1.note.md: not UTF-8 text; left untouched\n');
    }
    // The same through the source, with a rule that throws an error quoting the note.
    // (tsx itself tries a local socket to a parent process: its attempts go to a log of their own.)
    const r = run(['-f', 'json', '.'], dir, join(dir, 'tsx-attempts.log'), ['--require', require.resolve('tsx/cjs'), resolve('test/privacy/throwing-cli.ts')]);
    assert.equal(r.stderr, 'therapy-note-lint: canary-latin1.note.md: not UTF-8 text; left untouched\n');
    const findings = (JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string; message: string }[] }[] }).files.find((f) => f.path === 'canary-throws.note.md')!.findings;
    assert.equal(findings.find((f) => f.ruleId === 'internal-error')?.message, 'Rule missing-minutes failed on this note (TypeError); its findings are missing. Please report this.');
    assert.equal(attempts(log), '');
  });

  it('the server’s log and standard error never hold the canary (open, edit, every request, workspace lint, a rule that throws)', async () => {
    dir = tempDir({});
    canaryNotes(dir);
    for (const server of [[resolve('dist/server.js')], ['--require', require.resolve('tsx/cjs'), resolve('test/lsp/throwing-server.ts')]]) {
      const c = new Client([...server, '--stdio']);
      try {
        await c.initialize(capabilities({ pull: false }), [dir]);
        for (const name of ['canary-body.note.md', 'canary-bad-yaml.note.md', 'canary-throws.note.md']) {
          const uri = await c.open(join(dir, name));
          const textDocument = { uri };
          await c.diagnosticsPushed(uri);
          await c.conn.sendRequest(CodeLensRequest.type, { textDocument });
          await c.conn.sendRequest(HoverRequest.type, { textDocument, position: { line: 11, character: 4 } });
          await c.conn.sendRequest(CodeActionRequest.type, { textDocument, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } }, context: { diagnostics: [] } });
        }
        await c.conn.sendRequest(ExecuteCommandRequest.type, { command: 'therapyNoteLint.lintWorkspace', arguments: [] });
        assert.equal(await c.shutdown(), 0);
      } finally {
        c.child.kill();
      }
      const all = [...c.logs, c.stderr].join('\n');
      assert.ok(!all.includes(CANARY), all);
      if (server.length > 1) assert.ok(c.logs.some((l) => l.includes('(rule missing-minutes): TypeError')), 'the throwing rule was logged');
    }
  });
});
