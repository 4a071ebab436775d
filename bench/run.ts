/**
 * `npm run bench`: numbers, not pass/fail tests (README, "Performance").
 *
 * 1. CLI throughput: 10,000 generated notes (server/src/engine/generate.ts, seeded) linted by
 *    `dist/cli.js` and by markdownlint-cli2 with its default rules, in the same run,
 *    alternating; wall time and peak RSS (bench/rss.cjs) of each.
 * 2. Server latency over stdio (`dist/server.js --stdio`, a pull-diagnostics client like
 *    VS Code): didChange → diagnostics response for a 300-line note and a 1 MB note,
 *    p50/p99 over 200 edits.
 * 3. Scaling: one note grown to 1×, 2×, 4×, 8×, 16× its size, linted by the engine as the
 *    CLI bundles it; the ratio of times per doubling.
 *
 * Prints a table and writes bench/results.json (with the machine and its load average: a
 * shared machine makes every figure slower and noisier). Options: `--quick` (1,000 notes,
 * 40 edits, one run: a smoke run), `--runs N` (CLI runs per tool, default 3),
 * `--only cli|server|scaling` (repeatable), `--out FILE`.
 */
import { spawn } from 'node:child_process';
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { GCProfiler } from 'node:v8';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import {
  createProtocolConnection, DidChangeTextDocumentNotification, DidOpenTextDocumentNotification, DocumentDiagnosticRequest,
  ExitNotification, InitializedNotification, InitializeRequest, ShutdownRequest, StreamMessageReader, StreamMessageWriter,
  ConfigurationRequest, type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { generateNote, rng } from '../server/src/engine/generate';

const ROOT = resolve(__dirname, '..');
const CLI = join(ROOT, 'dist/cli.js');
const SERVER = join(ROOT, 'dist/server.js');
const MDL = join(ROOT, 'node_modules/markdownlint-cli2/markdownlint-cli2-bin.mjs');
const RSS = join(ROOT, 'bench/rss.cjs');

const argv = process.argv.slice(2);
const QUICK = argv.includes('--quick');
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ONLY = argv.flatMap((a, i) => (argv[i - 1] === '--only' ? [a] : []));
const wants = (part: string) => ONLY.length === 0 || ONLY.includes(part);
const RUNS = Number(opt('--runs') ?? (QUICK ? 1 : 3));
const NOTES = QUICK ? 1000 : 10000;
const EDITS = QUICK ? 40 : 200;
const OUT = resolve(opt('--out') ?? join(ROOT, 'bench/results.json'));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const percentile = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

function machine() {
  let commit = 'unknown';
  try {
    commit = execSync('git rev-parse --short HEAD', { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGB: round(totalmem() / 2 ** 30),
    freeMemoryGB: round(freemem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit,
  };
}

// ---------------------------------------------------------------------------------------
// 1. CLI throughput

interface Run {
  ms: number;
  peakRssMB: number;
  exitCode: number | null;
}

function timed(args: string[], cwd: string): Promise<Run> {
  const rssFile = join(tmpdir(), `tnl-bench-rss-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return new Promise((done, fail) => {
    const start = performance.now();
    const child = spawn(process.execPath, ['--require', RSS, ...args], { cwd, stdio: 'ignore', env: { ...process.env, BENCH_RSS_FILE: rssFile, NO_COLOR: '1' } });
    child.on('error', fail);
    child.on('exit', (code) => {
      const ms = performance.now() - start;
      let rss = NaN;
      try {
        rss = Number(readFileSync(rssFile, 'utf8')) / 2 ** 20;
        rmSync(rssFile);
      } catch {
        // the process died before its exit hook
      }
      done({ ms, peakRssMB: round(rss), exitCode: code });
    });
  });
}

function summary(runs: Run[]) {
  return {
    runsMs: runs.map((r) => Math.round(r.ms)),
    bestMs: Math.round(Math.min(...runs.map((r) => r.ms))),
    medianMs: Math.round(median(runs.map((r) => r.ms))),
    peakRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
    exitCodes: [...new Set(runs.map((r) => r.exitCode))],
  };
}

async function cliThroughput() {
  const dir = mkdtempSync(join(tmpdir(), 'tnl-bench-notes-'));
  let bytes = 0;
  const sizes = rng(2026);
  for (let i = 1; i <= NOTES; i++) {
    // Ordinary visits, 1–5 KB; one note in a hundred a long flowsheet of 20–60 KB.
    const target = i % 100 === 0 ? 20000 + Math.floor(sizes() * 40000) : 1000 + Math.floor(sizes() * 4000);
    const n = generateNote(i, target);
    const sub = join(dir, `clinic-${String(Math.floor((i - 1) / 1000)).padStart(2, '0')}`);
    if ((i - 1) % 1000 === 0) mkdirSync(sub);
    writeFileSync(join(sub, n.name), n.text);
    bytes += Buffer.byteLength(n.text);
  }
  process.stderr.write(`cli: ${NOTES} notes, ${round(bytes / 2 ** 20)} MB in ${dir}\n`);
  const ours: Run[] = [];
  const theirs: Run[] = [];
  try {
    // Warm the file cache once, then alternate so both tools see the same machine load.
    await timed([CLI, '.'], dir);
    for (let i = 0; i < RUNS; i++) {
      ours.push(await timed([CLI, '.'], dir));
      theirs.push(await timed([MDL, '**/*.md'], dir));
      process.stderr.write(`cli run ${i + 1}/${RUNS}: ours ${Math.round(ours[i].ms)} ms, markdownlint-cli2 ${Math.round(theirs[i].ms)} ms\n`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const o = summary(ours);
  const t = summary(theirs);
  return {
    notes: NOTES,
    megabytes: round(bytes / 2 ** 20, 2),
    command: 'node dist/cli.js <folder> (stylish report) vs markdownlint-cli2 "**/*.md" (default rules), output discarded',
    therapyNoteLint: o,
    markdownlintCli2: t,
    ratioBest: round(o.bestMs / t.bestMs, 3),
    ratioMedian: round(o.medianMs / t.medianMs, 3),
    target: { ratio: 0.2, peakRssMB: 200 },
  };
}

// ---------------------------------------------------------------------------------------
// 2. Server latency

async function serverLatency(label: string, text: string) {
  const child = spawn(process.execPath, [SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const conn: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  conn.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => null));
  conn.listen();
  const uri = pathToFileURL(join(tmpdir(), `bench-${label}.note.md`)).href;
  try {
    await conn.sendRequest(InitializeRequest.type, {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { textDocument: { diagnostic: { dynamicRegistration: false } }, workspace: { configuration: true } },
    });
    await conn.sendNotification(InitializedNotification.type, {});
    await conn.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'markdown', version: 1, text } });
    const first = (await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } })) as { items: unknown[] };
    const lines = text.split('\n');
    const pickLine = rng(99);
    const latencies: number[] = [];
    let version = 1;
    let line = 0;
    for (let i = 0; i < EDITS; i++) {
      // Type a character at the end of a line, then delete it: the text stays the same size.
      if (i % 2 === 0) line = Math.floor(pickLine() * lines.length);
      const end = lines[line].replace(/\r$/, '').length;
      const change = i % 2 === 0
        ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 'x' }
        : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
      const start = performance.now();
      await conn.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [change] });
      await conn.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri } });
      latencies.push(performance.now() - start);
    }
    await conn.sendRequest(ShutdownRequest.type);
    await conn.sendNotification(ExitNotification.type);
    return {
      lines: lines.length,
      bytes: Buffer.byteLength(text),
      diagnostics: first.items.length,
      edits: EDITS,
      p50Ms: round(percentile(latencies, 50)),
      p99Ms: round(percentile(latencies, 99)),
      maxMs: round(Math.max(...latencies)),
    };
  } finally {
    conn.dispose();
    child.kill();
  }
}

function noteWithLines(seed: number, lines: number): string {
  let lo = 1000;
  let hi = 200000;
  while (hi - lo > 200) {
    const mid = Math.floor((lo + hi) / 2);
    if (generateNote(seed, mid).text.split('\n').length < lines) lo = mid;
    else hi = mid;
  }
  return generateNote(seed, hi).text;
}

// ---------------------------------------------------------------------------------------
// 3. Scaling

/** Lints of a 64 KB note before the scaling measurements. */
const WARM_UP_LINTS = 40;

async function scaling() {
  const dir = mkdtempSync(join(tmpdir(), 'tnl-bench-engine-'));
  const file = join(dir, 'engine.cjs');
  await build({ entryPoints: [join(ROOT, 'bench/engine-entry.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: file, logLevel: 'warning' });
  const engine = require(file) as typeof import('./engine-entry');
  rmSync(dir, { recursive: true, force: true });
  const settings = engine.defaultSettings();
  const BASE = 64 * 1024;
  const reps = QUICK ? 3 : 7;
  const sizes: { factor: number; bytes: number; findings: number; bestMs: number; medianMs: number; gcMedianMs: number; bestWithoutGcMs: number }[] = [];
  // Warm the compiler first: without it the first sizes measure V8's interpreter, not the
  // engine (the 1× note took as long as the 2× one).
  const warm = engine.generateNote(4243, BASE).text;
  for (let i = 0; i < WARM_UP_LINTS; i++) engine.lint(warm, { settings });
  for (const factor of [1, 2, 4, 8, 16]) {
    // The same seed: a larger note is the smaller one with more interventions and billing lines.
    const { text } = engine.generateNote(4242, BASE * factor);
    let findings = 0;
    for (let i = 0; i < 2; i++) findings = engine.lint(text, { settings }).findings.length; // warm-up
    const ts: number[] = [];
    const gcs: number[] = [];
    for (let i = 0; i < reps; i++) {
      // The garbage collector's pauses during the lint, reported beside the times (not
      // taken out of them): they explain a doubling that costs more than twice.
      const gc = new GCProfiler();
      gc.start();
      const t = performance.now();
      engine.lint(text, { settings });
      ts.push(performance.now() - t);
      gcs.push(gc.stop().statistics.reduce((sum, e) => sum + e.cost, 0) / 1000);
    }
    sizes.push({
      factor, bytes: Buffer.byteLength(text), findings, bestMs: round(Math.min(...ts)), medianMs: round(median(ts)),
      gcMedianMs: round(median(gcs)), bestWithoutGcMs: round(Math.min(...ts.map((t, i) => t - gcs[i]))),
    });
  }
  const ratios = sizes.slice(1).map((s, i) => ({
    from: sizes[i].factor, to: s.factor, best: round(s.bestMs / sizes[i].bestMs, 2), median: round(s.medianMs / sizes[i].medianMs, 2),
    bestWithoutGc: round(s.bestWithoutGcMs / sizes[i].bestWithoutGcMs, 2),
  }));
  return { baseBytes: BASE, repetitions: reps, warmUpLints: WARM_UP_LINTS, sizes, ratiosPerDoubling: ratios, target: { ratioPerDoubling: 2.2 } };
}

// ---------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const loadStart = loadavg().map((x) => round(x, 2));
  const results: Record<string, unknown> = {
    date: started.toISOString(),
    machine: { ...machine(), loadAverageAtStart: loadStart },
    options: { quick: QUICK, runs: RUNS },
  };
  if (wants('cli')) results.cli = await cliThroughput();
  if (wants('server')) {
    const short = noteWithLines(300, 300);
    const big = generateNote(301, 1_000_000).text;
    results.server = {
      client: 'pull diagnostics (VS Code-like); time from sending didChange to the textDocument/diagnostic response',
      note300Lines: await serverLatency('300-lines', short),
      note1MB: await serverLatency('1mb', big),
      target: { note300LinesP99Ms: 10, note1MBP99Ms: 150 },
    };
  }
  if (wants('scaling')) results.scaling = await scaling();
  (results.machine as Record<string, unknown>).loadAverageAtEnd = loadavg().map((x) => round(x, 2));
  results.seconds = round((Date.now() - started.getTime()) / 1000);
  writeFileSync(OUT, JSON.stringify(results, null, 2) + '\n');
  print(results);
  process.stdout.write(`\nwritten: ${OUT}\n`);
}

function print(r: Record<string, any>): void {
  const m = r.machine;
  const out: string[] = [`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, Node ${m.node}; load average ${m.loadAverageAtStart.join(' ')} → ${m.loadAverageAtEnd.join(' ')}`, ''];
  const row = (cells: (string | number)[]) => out.push(cells.map((c, i) => String(c).padEnd(i === 0 ? 34 : 14)).join(''));
  if (r.cli) {
    const c = r.cli;
    out.push(`CLI: ${c.notes} notes (${c.megabytes} MB), ${r.options.runs} run(s) each`);
    row(['', 'best ms', 'median ms', 'peak RSS MB']);
    row(['therapy-note-lint', c.therapyNoteLint.bestMs, c.therapyNoteLint.medianMs, c.therapyNoteLint.peakRssMB]);
    row(['markdownlint-cli2 (default rules)', c.markdownlintCli2.bestMs, c.markdownlintCli2.medianMs, c.markdownlintCli2.peakRssMB]);
    row(['ratio (target ≤ 0.2)', c.ratioBest, c.ratioMedian, '']);
    out.push('');
  }
  if (r.server) {
    out.push(`Server: didChange → diagnostics, ${r.server.note300Lines.edits} edits`);
    row(['', 'p50 ms', 'p99 ms', 'max ms']);
    row([`300-line note (target p99 ≤ 10)`, r.server.note300Lines.p50Ms, r.server.note300Lines.p99Ms, r.server.note300Lines.maxMs]);
    row([`1 MB note (target p99 ≤ 150)`, r.server.note1MB.p50Ms, r.server.note1MB.p99Ms, r.server.note1MB.maxMs]);
    out.push('');
  }
  if (r.scaling) {
    out.push(`Scaling: one note, ${r.scaling.repetitions} lints per size (target ≤ 2.2 per doubling)`);
    row(['size', 'best ms', 'median ms', '× best/median', 'GC ms median', '× best w/o GC']);
    r.scaling.sizes.forEach((s: any, i: number) => {
      const d = r.scaling.ratiosPerDoubling[i - 1];
      row([`${s.factor}× (${Math.round(s.bytes / 1024)} KB)`, s.bestMs, s.medianMs, d ? `${d.best} / ${d.median}` : '', s.gcMedianMs ?? '', d?.bestWithoutGc ?? '']);
    });
  }
  process.stdout.write(out.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
