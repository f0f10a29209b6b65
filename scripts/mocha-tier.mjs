#!/usr/bin/env node
// Runs one plain-Node test tier with mocha (bdd, spec reporter) and ends with the machine-readable line
// scripts/test.mjs sums (the integration tier prints the same line from inside the extension host):
//   SMM_TIER_RESULT {"tier":"unit","passed":N,"failed":M,"pending":K}
//
//   node scripts/mocha-tier.mjs TIER DIR... [--timeout MS] [--grep RE]
//   e.g. node scripts/mocha-tier.mjs unit out/test/unit
// Every *.test.js below the DIRs runs (compiled output; `npm run compile` first). No files = 0/0.
import fs from 'node:fs';
import path from 'node:path';

// Plain text when piped (npm test, CI): mocha's ✔/✖ symbols come from picocolors, which colours whenever
// CI is set; NO_COLOR must be in place before mocha is loaded.
if (!process.stdout.isTTY && process.env.FORCE_COLOR === undefined) process.env.NO_COLOR = '1';
const { default: Mocha } = await import('mocha');

const args = process.argv.slice(2);
const opt = name => { const i = args.indexOf(name); if (i < 0) return undefined; const v = args[i + 1]; args.splice(i, 2); return v; };
const timeout = +(opt('--timeout') ?? 10000);
const grep = opt('--grep') ?? process.env.SMM_TEST_GREP;
const [tier, ...dirs] = args;
if (!tier || dirs.length === 0) {
  console.error('usage: mocha-tier.mjs TIER DIR... [--timeout MS] [--grep RE]');
  process.exit(2);
}

function findTests(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? findTests(p) : e.name.endsWith('.test.js') ? [p] : [];
  }).sort();
}

const report = (stats, extra = {}) =>
  console.log(`SMM_TIER_RESULT ${JSON.stringify({ tier, passed: stats.passes, failed: stats.failures, pending: stats.pending, ...extra })}`);

const files = dirs.flatMap(d => findTests(path.resolve(d)));
if (files.length === 0) {
  console.log(`${tier}: no *.test.js under ${dirs.join(', ')}`);
  report({ passes: 0, failures: 0, pending: 0 });
  process.exit(0);
}

const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', timeout, color: !!process.stdout.isTTY, ...(grep ? { grep } : {}) });
for (const f of files) mocha.addFile(f);
try {
  await mocha.loadFilesAsync();
} catch (e) {
  console.error(`${tier}: failed to load test files:`, e);
  report({ passes: 0, failures: 1, pending: 0 }, { error: 'load' });
  process.exit(1);
}
const runner = mocha.run(failures => {
  report(runner.stats ?? { passes: 0, failures, pending: 0 });
  // Like `mocha --exit`: a leaked handle must not hang `npm test`.
  process.exit(failures ? 1 : 0);
});
