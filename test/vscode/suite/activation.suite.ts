import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { State } from 'vscode-languageclient/node';
import { api, open, serverPids } from './helpers';

describe('the extension', () => {
  it('activates on a Markdown note and starts the language server over IPC', async () => {
    await open('notes/clean.note.md');
    const { client } = await api();
    assert.equal(client.state, State.Running);
    assert.equal(client.initializeResult?.serverInfo?.name, 'therapy-note-lint');
    const pids = serverPids();
    assert.equal(pids.length, 1, `one server process, found ${pids.length}`);
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
    await restarted;
    const now = serverPids();
    assert.equal(now.length, 1);
    assert.notEqual(now[0], pid);
    assert.equal(client.state, State.Running);
  });
});
