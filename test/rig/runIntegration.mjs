#!/usr/bin/env node
// Integration tier: the mocha suite in out/test/integration runs INSIDE a real VS Code extension host,
// started by @vscode/test-electron's runTests().
//
//   node test/rig/runIntegration.mjs [--vscode 1.100.3|1.139.1|all] [--tests out/…/index.js] [--scenario demo|large]
//
// Offline (default): vscodeExecutablePath = test/rig/code-shim.js, which runs code-server (VS Code 1.100.3
// on Node 20, or 1.139.1 on Node 24, installed once into .cache/code-server by scripts/install-code-server.sh)
// and drives its workbench with headless Debian Chromium.
//
// The SAME suite on desktop VS Code (needs a display, e.g. xvfb-run on Linux CI):
//   VSCODE_EXECUTABLE=/usr/share/code/code node test/rig/runIntegration.mjs   # a locally installed VS Code
//   SMM_VSCODE_DOWNLOAD=1 node test/rig/runIntegration.mjs --vscode 1.100.3    # runTests downloads that build
// (VSCODE_EXECUTABLE is the Electron binary, not the `code` CLI wrapper: on macOS
//  ".../Visual Studio Code.app/Contents/MacOS/Electron", on Windows "...\Code.exe".)
//
// Each run gets a fresh temp user-data-dir, extensions-dir and a copy of sample-workspace/ (see session.js);
// the environment (fake AWS credentials, SMM_SIMULATOR_URL when the simulator is built, SMM_* below)
// reaches the extension host. Other env: SMM_EXTENSION_PATH (extension under test, default: repo root),
// SMM_TEST_GREP (mocha --grep inside the host), SMM_KEEP_TMP=1 (keep the temp folders).
// The host prints `SMM_TIER_RESULT {...}` (see test/integration/index.ts); scripts/test.mjs sums those lines.
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { runTests } = require('@vscode/test-electron');
const rig = require('./codeServer.js');
const { createSession } = require('./session.js');

const here = path.dirname(fileURLToPath(import.meta.url));
const root = rig.repoRoot;
const argv = process.argv.slice(2);
const flag = argv.indexOf('--vscode');
const which = flag >= 0 ? argv[flag + 1] : (argv.find(a => a.startsWith('--vscode='))?.split('=')[1] ?? 'all');
const desktopExe = process.env.VSCODE_EXECUTABLE;
const download = !!process.env.SMM_VSCODE_DOWNLOAD;
const versions = which === 'all' ? Object.keys(rig.VSCODE_TO_CODE_SERVER) : [which];
for (const v of versions) {
  if (!desktopExe && !download && !rig.VSCODE_TO_CODE_SERVER[v]) {
    console.error(`runIntegration: unknown --vscode ${v} (known: ${Object.keys(rig.VSCODE_TO_CODE_SERVER).join(', ')}, all)`);
    process.exit(2);
  }
}
const extensionDevelopmentPath = path.resolve(process.env.SMM_EXTENSION_PATH || root);
// --tests: another extensionTestsPath (the benchmarks run through the same rig); --scenario: the simulator's.
const option = name => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const extensionTestsPath = path.resolve(option('tests') ?? path.join(root, 'out', 'test', 'integration', 'index.js'));
const scenario = option('scenario') ?? 'demo';
if (!fs.existsSync(extensionTestsPath)) {
  console.error(`runIntegration: ${path.relative(root, extensionTestsPath)} is missing: run \`npm run compile\` first`);
  process.exit(2);
}

async function runOne(vscodeVersion) {
  const t0 = Date.now();
  const tier = desktopExe ? 'integration-desktop' : `integration-${vscodeVersion}`;
  let codeServer;
  if (!desktopExe && !download) {
    try {
      codeServer = rig.installCodeServer(rig.VSCODE_TO_CODE_SERVER[vscodeVersion]);
    } catch (e) {
      console.error(`${tier}: could not install code-server: ${e.message.split('\n')[0]}`);
      return false;
    }
  }
  const session = await createSession({ name: `int-${vscodeVersion}`, scenario });
  const env = {
    SMM_TIER: tier,
    SMM_EXPECTED_VSCODE_VERSION: desktopExe ? (process.env.SMM_EXPECTED_VSCODE_VERSION || '') : vscodeVersion,
  };
  const options = {
    extensionDevelopmentPath,
    extensionTestsPath,
    launchArgs: [session.workspace, `--user-data-dir=${session.userDataDir}`, `--extensions-dir=${session.extensionsDir}`,
      '--disable-extensions'], // other installed extensions stay out of the way (desktop); ignored by the shim
    extensionTestsEnv: { ...session.env, ...env },
  };
  if (desktopExe) options.vscodeExecutablePath = desktopExe;
  else if (download) options.version = vscodeVersion;
  else {
    const { bin, nodeBin } = codeServer;
    options.vscodeExecutablePath = path.join(here, 'code-shim.js');
    Object.assign(options.extensionTestsEnv, { CODE_SERVER_BIN: bin, ...(nodeBin ? { CODE_SERVER_NODE_BIN: nodeBin } : {}) });
  }
  console.log(`\n=== ${tier}: ${desktopExe ? desktopExe : download ? 'downloaded VS Code ' + vscodeVersion : 'code-server ' + rig.VSCODE_TO_CODE_SERVER[vscodeVersion]}`);
  let ok = false;
  try {
    await runTests(options);
    ok = true;
  } catch (e) {
    console.error(`${tier}: ${e && e.message || e}`);
  } finally {
    await session.dispose();
  }
  console.log(`=== ${tier}: ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return ok;
}

// Interrupted (Ctrl-C, or npm test stopping the tier's process group): the shim receives the signal too and
// stops its code-server; let the current run unwind so the session (temp dirs, simulator) is disposed.
let interrupted = false;
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => {
  interrupted = true;
  setTimeout(() => process.exit(130), 20000).unref();
});

let failed = 0;
for (const v of desktopExe ? [versions[0]] : versions) {
  if (interrupted) break;
  if (!(await runOne(v))) failed++;
}
process.exit(interrupted ? 130 : failed ? 1 : 0);
