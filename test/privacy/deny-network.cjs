// Preloaded into a child process (`node --require test/privacy/deny-network.cjs …`): every
// way out of the machine fails loudly. Each attempt throws and is also appended, one line
// per attempt, to the file named by DENY_NETWORK_LOG, so a test sees attempts that the code
// under test caught and hid. Pipes and files (stdio, the LSP over --stdio) are untouched.
'use strict';
const { appendFileSync } = require('node:fs');

function blocked(what) {
  return function () {
    if (process.env.DENY_NETWORK_LOG) appendFileSync(process.env.DENY_NETWORK_LOG, `${what}\n`);
    throw new Error(`network access attempted (${what}): blocked by test/privacy/deny-network.cjs`);
  };
}
function patch(mod, name, names) {
  const m = require(mod);
  for (const n of names) if (typeof m[n] === 'function') m[n] = blocked(`${name}.${n}`);
  return m;
}

const net = patch('node:net', 'net', ['connect', 'createConnection']);
net.Socket.prototype.connect = blocked('net.Socket.connect');
patch('node:tls', 'tls', ['connect']);
patch('node:http', 'http', ['request', 'get']);
patch('node:https', 'https', ['request', 'get']);
patch('node:http2', 'http2', ['connect']);
patch('node:dgram', 'dgram', ['createSocket']);
const dnsNames = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveSrv', 'resolveTxt', 'reverse'];
const dns = patch('node:dns', 'dns', dnsNames);
for (const n of dnsNames) if (typeof dns.promises[n] === 'function') dns.promises[n] = blocked(`dns.promises.${n}`);
dns.Resolver = function () { blocked('dns.Resolver')(); };
globalThis.fetch = blocked('fetch');
if (typeof globalThis.WebSocket === 'function') globalThis.WebSocket = blocked('WebSocket');
