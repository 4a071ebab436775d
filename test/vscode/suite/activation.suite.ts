import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { CloseAction, ErrorAction, State, type ErrorHandlerResult } from 'vscode-languageclient/node';
import { RestartOnCrash } from '../../../client/src/restart';
import { api, open, serverPids, workspaceUri } from './helpers';

describe('the extension', () => {
  it('activates on a Markdown note and starts the language server over IPC', async () => {
    await open('notes/clean.note.md');
    const { client } = await api();
    assert.equal(client.state, State.Running);
    assert.equal(client.initializeResult?.serverInfo?.name, 'therapy-note-lint');
    const pids = serverPids();
    assert.equal(pids.length, 1, `one server process, found ${pids.length}`);
  });

  it('tells the server whether the workspace is trusted (initializationOptions, read at each start)', async () => {
    const { client } = await api();
    const options = client.clientOptions.initializationOptions;
    assert.equal(typeof options, 'function', 'a function, so that a restart after trust is granted sends the new state');
    // code-server runs with --disable-workspace-trust: every workspace is trusted.
    assert.equal(vscode.workspace.isTrusted, true);
    assert.deepEqual(options(), { trusted: true });
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const c of ['therapyNoteLint.showBillingSummary', 'therapyNoteLint.insertTemplate', 'therapyNoteLint.lintWorkspace']) {
      assert.ok(all.includes(c), `command ${c} is registered`);
    }
  });

  it('restarts the server when it dies', async () => {
    const { client } = await api();
    const [pid] = serverPids();
    assert.ok(pid, 'a running server');
    const restarted = new Promise<void>((resolve) => {
      const sub = client.onDidChangeState((e) => {
        if (e.newState === State.Running) { sub.dispose(); resolve(); }
      });
    });
    process.kill(pid, 'SIGKILL');
    // Requests written as the server dies fail with EPIPE, which must not stop the client.
    const uri = workspaceUri('notes/clean.note.md').toString();
    for (let i = 0; i < 5; i++) client.sendRequest('therapyNoteLint/billingSummary', { uri }).catch(() => undefined);
    await restarted;
    const now = serverPids();
    assert.equal(now.length, 1);
    assert.notEqual(now[0], pid);
    assert.equal(client.state, State.Running);
    const summary = await client.sendRequest('therapyNoteLint/billingSummary', { uri }) as { isNote: boolean };
    assert.equal(summary.isNote, true, 'the new server answers');
  });

  it('its error handler never shuts the client down on a connection error, and restarts 4 times in 3 minutes', async () => {
    const { client } = await api();
    assert.equal(client.clientOptions.errorHandler?.constructor.name, 'RestartOnCrash');
    let now = 0;
    const handler = new RestartOnCrash(() => now);
    // The default handler answers Shutdown to an error without a count (a failed write).
    assert.equal((handler.error(new Error('write EPIPE'), undefined, undefined) as ErrorHandlerResult).action, ErrorAction.Continue);
    for (let i = 0; i < 4; i++) {
      assert.equal((await handler.closed()).action, CloseAction.Restart, `restart ${i + 1}`);
      now += 10_000;
    }
    assert.equal((await handler.closed()).action, CloseAction.DoNotRestart, 'a fifth stop within 3 minutes');
    now += 3 * 60_000;
    assert.equal((await handler.closed()).action, CloseAction.Restart, 'restarts again once the window has passed');
  });
});
