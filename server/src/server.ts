/**
 * The language server (`dist/server.js --stdio` or `--node-ipc`): the transport comes from
 * argv. Everything else is in `lsp/server.ts`, a thin adapter over the engine.
 */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './lsp/server';

startServer(createConnection(ProposedFeatures.all));
