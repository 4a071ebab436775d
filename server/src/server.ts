/**
 * The language server (`dist/server.js --stdio` or `--node-ipc`). For now it starts,
 * answers `initialize` with no features and shuts down cleanly; diagnostics, code actions,
 * code lenses and hovers over the engine come with the language-server issue.
 */
import { createConnection, ProposedFeatures, TextDocuments } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { VERSION } from './cli/version';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

connection.onInitialize(() => ({
  capabilities: {},
  serverInfo: { name: 'therapy-note-lint', version: VERSION },
}));

documents.listen(connection);
connection.listen();
