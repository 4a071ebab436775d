import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { createProtocolConnection, InitializeRequest, ShutdownRequest, ExitNotification, StreamMessageReader, StreamMessageWriter } from 'vscode-languageserver-protocol/node';

describe('language server (dist/server.js --stdio)', () => {
  it('starts, answers initialize, shuts down and exits 0', async () => {
    const child = spawn(process.execPath, [resolve('dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((res) => child.on('exit', (code) => res(code)));
    const conn = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
    conn.listen();
    const init = await conn.sendRequest(InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {}, workspaceFolders: null });
    assert.equal(init.serverInfo?.name, 'therapy-note-lint');
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    assert.equal(await exited, 0);
    conn.dispose();
  });
});
