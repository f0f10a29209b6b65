// extensionTestsPath entry: VS Code (desktop, or code-server through test/rig/code-shim.js) loads this
// module inside the extension host and awaits run(). It runs every *.test.js next to it with mocha (bdd)
// and ends with one machine-readable line that scripts/test.mjs sums:
//   SMM_TIER_RESULT {"tier":"integration-1.100.3","passed":N,"failed":M,"pending":K}
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import type MochaType from 'mocha';

type MochaCtor = typeof MochaType;

// mocha 12 is ESM with a CommonJS build inside; load that build directly so the suite also runs in
// desktop VS Code builds whose Node cannot require() ES modules.
function loadMocha(): MochaCtor {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('mocha/lib/mocha.cjs') as MochaCtor;
  } catch {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const m = require('mocha') as { default?: MochaCtor } & MochaCtor;
    return m.default ?? m;
  }
}

function findTests(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...findTests(p));
    else if (e.name.endsWith('.test.js')) out.push(p);
  }
  return out.sort();
}

export function run(): Promise<void> {
  // The report travels through the workbench console as plain text; mocha's picocolors colours when CI is set.
  if (process.env.FORCE_COLOR === undefined) process.env.NO_COLOR = '1';
  const Mocha = loadMocha();
  const tier = process.env.SMM_TIER || `integration-${vscode.version}`;
  const grep = process.env.SMM_TEST_GREP;
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 60000, ...(grep ? { grep } : {}) });
  for (const f of findTests(__dirname)) mocha.addFile(f);
  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run(failures => {
        const s = runner.stats ?? { passes: 0, failures, pending: 0 };
        console.log(`SMM_TIER_RESULT ${JSON.stringify({ tier, passed: s.passes, failed: s.failures, pending: s.pending })}`);
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (e) {
      console.error(e);
      console.log(`SMM_TIER_RESULT ${JSON.stringify({ tier, passed: 0, failed: 1, pending: 0, error: String(e) })}`);
      reject(e instanceof Error ? e : new Error(String(e)));
    }
  });
}
