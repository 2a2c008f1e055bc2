#!/usr/bin/env bash
# Drives `postmortem lsp` with a client it was not written against:
# Microsoft's vscode-languageserver-protocol for Node (the protocol layer
# of VS Code's language client). Prints what the server answers for a
# report: capabilities, diagnostics, code actions, inlay hints, hover,
# symbols, an error for an unknown document, and the exit code after
# shutdown + exit. Needs node and npm; not part of .ci/run.
#   scripts/lsp-client-check.sh [REPORT.md]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
report=$(realpath "${1:-$repo/internal/lsp/testdata/incident.md}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -C "$repo" -o "$work/postmortem" ./cmd/postmortem
cd "$work"
npm init -y >/dev/null
npm install --silent vscode-languageserver-protocol@3.17.5 >/dev/null
cat > check.js <<'JS'
const cp = require('child_process');
const fs = require('fs');
const path = require('path');
const rpc = require('vscode-languageserver-protocol/node');
const file = path.resolve(process.argv[2]);
const uri = 'file://' + file;
const text = fs.readFileSync(file, 'utf8');
const proc = cp.spawn(path.resolve('postmortem'), ['lsp', '--stdio']);
proc.stderr.on('data', d => process.stderr.write(d));
const conn = rpc.createProtocolConnection(new rpc.StreamMessageReader(proc.stdout), new rpc.StreamMessageWriter(proc.stdin));
conn.listen();
const diags = new Promise(res => conn.onNotification(rpc.PublishDiagnosticsNotification.type, p => { if (p.uri === uri) res(p); }));
(async () => {
  const init = await conn.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: { workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } } });
  conn.onRequest(rpc.RegistrationRequest.type, p => { console.log('registerCapability:', JSON.stringify(p.registrations.map(r => r.registerOptions))); return null; });
  console.log('capabilities:', JSON.stringify(init.capabilities));
  await conn.sendNotification(rpc.InitializedNotification.type, {});
  await conn.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
  const d = await diags;
  console.log('diagnostics v' + d.version + ':', d.diagnostics.map(x => `${x.code} ${x.range.start.line + 1}:${x.range.start.character}`).join(', '));
  const acts = await conn.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range: { start: { line: 12, character: 0 }, end: { line: 12, character: 0 } }, context: { diagnostics: [] } });
  console.log('code actions:', acts.map(a => `[${a.kind}] ${a.title}`).join(' | '));
  const hints = await conn.sendRequest(rpc.InlayHintRequest.type, { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 60, character: 0 } } });
  console.log('inlay hints:', hints.map(h => `${h.position.line + 1}:${h.position.character} ${h.label}`).join(' | '));
  const hov = await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: 25, character: 5 } });
  console.log('hover:', JSON.stringify(hov.contents.value));
  const syms = await conn.sendRequest(rpc.DocumentSymbolRequest.type, { textDocument: { uri } });
  console.log('symbols:', syms.map(s => s.name + (s.children ? `(${s.children.length})` : '')).join(', '));
  try { await conn.sendRequest(rpc.HoverRequest.type, { textDocument: { uri: 'file:///nope.md' }, position: { line: 0, character: 0 } }); }
  catch (e) { console.log('unknown document error:', e.code, e.message); }
  await conn.sendRequest(rpc.ShutdownRequest.type);
  await conn.sendNotification(rpc.ExitNotification.type);
})().catch(e => { console.error('FAIL', e); process.exit(1); });
proc.on('exit', code => { console.log('server exit code', code); process.exit(code); });
JS
node check.js "$report"
