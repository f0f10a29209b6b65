#!/usr/bin/env node
// `npm test`: every tier in order, summed. The last line of output is exactly `N passed, N failed`.
//
//   node scripts/test.mjs [--only TIER[,TIER...]] [--skip-build]
//
// Tiers report their counts with a `SMM_TIER_RESULT {"tier":..,"passed":..,"failed":..,"pending":..}` line
// (scripts/mocha-tier.mjs for plain-Node tiers, test/integration/index.ts inside the extension host).
// A tier that exits without that line, or exits non-zero without a failed test, counts as 1 failed: a crash is
// never a silent 0. A build step that fails counts as 1 failed; the tiers still run (they show what broke).
// The check tiers (lint: ESLint with the layer zones; typecheck: tsc --noEmit over src, sim, test and the
// webview) count 1 passed or 1 failed each.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? new Set(args[onlyIdx + 1].split(',')) : undefined;
const skipBuild = args.includes('--skip-build');
const TIER_TIMEOUT_MS = +(process.env.SMM_TIER_TIMEOUT_MS || 15 * 60 * 1000);
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const node = process.execPath;

const steps = [
  { name: 'build', kind: 'build', cmd: npm, args: ['run', '--silent', 'build'] },
  { name: 'compile', kind: 'build', cmd: npm, args: ['run', '--silent', 'compile'] },
  { name: 'lint', kind: 'check', cmd: npm, args: ['run', '--silent', 'lint'] },
  { name: 'typecheck', kind: 'check', cmd: npm, args: ['run', '--silent', 'typecheck'] },
  { name: 'unit', cmd: node, args: ['scripts/mocha-tier.mjs', 'unit', 'out/test/unit'] },
  { name: 'sim', cmd: node, args: ['scripts/mocha-tier.mjs', 'sim', 'out/test/sim', '--timeout', '30000'] },
  { name: 'integration-1.100.3', cmd: node, args: ['test/rig/runIntegration.mjs', '--vscode', '1.100.3'] },
  { name: 'integration-1.139.1', cmd: node, args: ['test/rig/runIntegration.mjs', '--vscode', '1.139.1'] },
  { name: 'ui', cmd: node, args: ['scripts/mocha-tier.mjs', 'ui', 'out/test/ui', '--timeout', '180000'] },
].filter(s => (only ? only.has(s.name) : true) && !(skipBuild && s.kind === 'build'));

let current; // the running tier (its own process group), stopped on Ctrl-C
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => {
  if (!current) process.exit(130);
  console.error(`\n${sig}: stopping the running tier ...`);
  try { process.kill(-current.pid, 'SIGTERM'); } catch { /* gone */ }
  current.once('close', () => process.exit(130)); // it stops the code-server/simulator it started
  setTimeout(() => process.exit(130), 20000).unref();
});

function run(step) {
  return new Promise(resolve => {
    const t0 = Date.now();
    // Own process group: a timeout or Ctrl-C stops the whole tier (code-server, chromium, ...).
    const child = spawn(step.cmd, step.args, { cwd: root, env: process.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    current = child;
    const results = [];
    let buf = '';
    child.stdout.on('data', d => {
      process.stdout.write(d);
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const m = /SMM_TIER_RESULT (\{.*\})/.exec(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
        if (m) try { results.push(JSON.parse(m[1])); } catch { /* malformed: ignored, counted below */ }
      }
    });
    child.stderr.on('data', d => process.stderr.write(d));
    let killTimer;
    const timer = setTimeout(() => {
      console.error(`\n${step.name}: timed out after ${TIER_TIMEOUT_MS} ms, stopping it`);
      // SIGTERM first so the tier can stop the code-server it started (own process group), then SIGKILL.
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      killTimer = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 15000);
    }, TIER_TIMEOUT_MS);
    child.on('error', e => console.error(`${step.name}: ${e.message}`));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      current = undefined;
      const m = /SMM_TIER_RESULT (\{.*\})/.exec(buf);
      if (m) try { results.push(JSON.parse(m[1])); } catch { /* ignored */ }
      resolve({ code: code ?? signal, results, seconds: (Date.now() - t0) / 1000 });
    });
  });
}

const rows = [];
const tStart = Date.now();
for (const step of steps) {
  console.log(`\n──── ${step.name}: ${path.basename(step.cmd)} ${step.args.join(' ')}`);
  const r = await run(step);
  let passed = 0, failed = 0, pending = 0, note = '';
  if (step.kind === 'build') {
    if (r.code !== 0) { failed = 1; note = `exit ${r.code}`; }
  } else if (step.kind === 'check') {
    if (r.code === 0) passed = 1; else { failed = 1; note = `exit ${r.code}`; }
  } else if (r.results.length === 0) {
    failed = 1; note = `no SMM_TIER_RESULT (exit ${r.code})`;
  } else {
    for (const x of r.results) { passed += x.passed | 0; failed += x.failed | 0; pending += x.pending | 0; }
    if (r.code !== 0 && failed === 0) { failed = 1; note = `exit ${r.code} without a failed test`; }
    if (passed + failed + pending === 0) note = 'no tests';
  }
  rows.push({ name: step.name, build: step.kind === 'build', passed, failed, pending, seconds: r.seconds, note });
}

const pad = (s, n) => String(s).padStart(n);
console.log('\n──── summary');
console.log(`${'tier'.padEnd(22)}${pad('passed', 7)}${pad('failed', 7)}${pad('pending', 8)}${pad('time', 9)}`);
for (const r of rows) {
  console.log(`${r.name.padEnd(22)}${pad(r.build ? '-' : r.passed, 7)}${pad(r.failed, 7)}${pad(r.build ? '-' : r.pending, 8)}` +
    `${pad(r.seconds.toFixed(1) + 's', 9)}  ${r.failed ? 'FAIL' : 'ok'}${r.note ? ` (${r.note})` : ''}`);
}
const passed = rows.reduce((n, r) => n + r.passed, 0);
const failed = rows.reduce((n, r) => n + r.failed, 0);
console.log(`total time ${((Date.now() - tStart) / 1000).toFixed(1)}s`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
