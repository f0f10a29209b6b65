#!/usr/bin/env node
// `npm run bench`: figures, never pass/fail. Medians over repeated runs, the machine described, results
// written to bench/results/ (ignored) as JSON and as a markdown table.
//
//   node scripts/bench.mjs [--runs N] [--quick]
//
// Measured today (the other figures of the benchmark issue arrive with the log and metric features):
//   P5  activation in the real extension host (VS Code 1.100.3), bundle sizes, .vsix size
//   P7  time to the first tree level with 5,000 training jobs and 500 endpoints; requests of a full expansion
//   P1  backfill of 4 hosts × 50,000 lines by `aws logs tail`, the logs_for_job strategy and the bare bound
//   P3  requests per minute while following a 16-host job, for the same peers
//   SIM simulator throughput (GetLogEvents events/s and friends), so it is never the bottleneck
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const runs = Number(args[args.indexOf('--runs') + 1]) || (quick ? 1 : 3);
const resultsDir = path.join(root, 'bench', 'results');
fs.mkdirSync(resultsDir, { recursive: true });

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : NaN;
};
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const run = (cmd, cmdArgs, opts = {}) => execFileSync(cmd, cmdArgs, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], ...opts });

const machine = {
  cpu: os.cpus()[0]?.model ?? 'unknown',
  cores: os.cpus().length,
  memoryGiB: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  os: `${os.type()} ${os.release()}`,
  date: new Date().toISOString(),
};
console.log(`bench on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}, ${runs} run(s) each`);

// ── P5: bundles and package ────────────────────────────────────────────────────────────────────────────
run('npm', ['run', '--silent', 'package']);
run('npm', ['run', '--silent', 'compile']);
const sizes = {
  extensionJs: fs.statSync(path.join(root, 'dist', 'extension.js')).size,
  awsBackendJs: fs.statSync(path.join(root, 'dist', 'aws-backend.js')).size,
  webview: fs.readdirSync(path.join(root, 'dist', 'webview')).filter((f) => f.endsWith('.js')).reduce((n, f) => n + fs.statSync(path.join(root, 'dist', 'webview', f)).size, 0),
  vsix: fs.statSync(path.join(root, 'artifacts', 'sagemaker-monitor.vsix')).size,
};

// ── P5 + P7: inside the extension host, against the large scenario in its own process ─────────────────
const host = [];
for (let i = 0; i < runs; i++) {
  const out = path.join(os.tmpdir(), `smm-bench-${process.pid}-${i}.json`);
  const r = spawnSync(process.execPath, ['test/rig/runIntegration.mjs', '--vscode', '1.100.3', '--tests', 'out/bench/host/index.js', '--scenario', 'large'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, SMM_BENCH_OUT: out },
    maxBuffer: 64 * 2 ** 20,
  });
  if (!fs.existsSync(out)) {
    console.error(r.stdout.slice(-3000), r.stderr.slice(-3000));
    throw new Error('the extension-host benchmark wrote no results');
  }
  host.push(JSON.parse(fs.readFileSync(out, 'utf8')));
  fs.rmSync(out);
  process.stdout.write(`  host run ${i + 1}/${runs}: activation ${host.at(-1).activationMs.toFixed(1)} ms, first level ${median(host.at(-1).firstLevelMs).toFixed(0)} ms\n`);
}

// ── SIM: simulator throughput ─────────────────────────────────────────────────────────────────────────
const simOut = run(process.execPath, ['out/sim/src/bench.js', '--lines', quick ? '10000' : '50000']);
const simFigures = JSON.parse(simOut.slice(simOut.indexOf('{'), simOut.lastIndexOf('}') + 1));

// ── P1, P3: log backfill and follow, for the peers users would pick instead (bench/logs/peers.ts) ──────
const logsOut = run(process.execPath, ['out/bench/logs/main.js', ...(quick ? ['--quick'] : [])]);
const logs = JSON.parse(/SMM_BENCH_LOGS (\{.*\})/.exec(logsOut)[1]);
const ms = (r) => (typeof r === 'object' ? `${(r.ms / 1000).toFixed(2)} s` : r);

const last = host.at(-1);
const rows = [
  ['P5', 'activation (extension host, VS Code 1.100.3)', `${median(host.map((h) => h.activationMs)).toFixed(1)} ms`, '< 50 ms'],
  ['P5', 'dist/extension.js (production, loaded at activation)', kib(sizes.extensionJs), '< 1.5 MB'],
  ['P5', 'dist/aws-backend.js (the AWS SDK, loaded on first request)', kib(sizes.awsBackendJs), ''],
  ['P5', 'webview bundles', kib(sizes.webview), ''],
  ['P5', '.vsix', kib(sizes.vsix), '< 3 MB'],
  ['P7', `first tree level (${last.firstLevelCounts?.endpoints} endpoints, 5,000 jobs, first page)`, `${median(host.flatMap((h) => h.firstLevelMs)).toFixed(0)} ms`, '< 1 s'],
  ['P7', `full expansion (${last.fullExpansionNodes} nodes)`, `${median(host.map((h) => h.fullExpansionMs)).toFixed(0)} ms, ${Object.values(last.fullExpansionRequests ?? {}).reduce((a, b) => a + b, 0)} requests`, ''],
  ['P7', 'requests of that expansion', Object.entries(last.fullExpansionRequests ?? {}).map(([k, v]) => `${k} ${v}`).join(', '), ''],
  ['P1', `backfill ${logs.p1.hosts} hosts × ${logs.p1.linesPerHost.toLocaleString('en-US')} lines: the extension's engine, formatted for the channel (${logs.p1.extension.requests} requests, budget 8/s burst 12)`, ms(logs.p1.extension), '≥ 5× faster than aws logs tail, ≤ 1.5× the bound'],
  ['P1', '… `aws logs tail` (CLI v2)', ms(logs.p1.awsLogsTail), ''],
  ['P1', '… logs_for_job strategy (re-implemented: one GetLogEvents per stream per round, sequential)', ms(logs.p1.logsForJob), ''],
  ['P1', '… bare bound (parallel GetLogEvents, nothing else)', ms(logs.p1.bareBound), ''],
  ['P3', `requests/min following a ${logs.p3.hosts}-host job: \`aws logs tail --follow\``, String(logs.p3.awsLogsTail), ''],
  ['P3', '… logs_for_job strategy (10 s rounds)', String(logs.p3.logsForJob), ''],
  ['SIM', 'GetLogEvents through the SDK', `${Math.max(simFigures.getLogEvents_round1_eventsPerSec ?? 0, simFigures.getLogEvents_round2_eventsPerSec ?? 0).toLocaleString('en-US')} events/s`, '≥ 20,000/s'],
];
const table = ['| | figure | value | target |', '| --- | --- | --- | --- |', ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const header = `Measured ${machine.date.slice(0, 10)} on ${machine.cores} × ${machine.cpu}, ${machine.memoryGiB} GiB, Node ${machine.node}; medians of ${runs} run(s).`;
fs.writeFileSync(path.join(resultsDir, 'latest.json'), JSON.stringify({ machine, sizes, host, logs, sim: simFigures }, null, 2));
fs.writeFileSync(path.join(resultsDir, 'latest.md'), `${header}\n\n${table}\n`);
console.log(`\n${header}\n\n${table}\n\nwritten to bench/results/latest.{json,md}`);
