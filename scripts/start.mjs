#!/usr/bin/env node
// `npm start`: the extension for real, offline. Builds it, starts the local AWS simulator (when its sources
// exist), installs code-server 4.100.3 (VS Code 1.100.3) on first use, and serves VS Code on
// http://127.0.0.1:8080/ with the extension, the sample workspace and the simulator as endpoint.
//
//   npm start [-- --port 8080] [--scenario demo|empty|large] [--vscode 1.100.3|1.139.1] [--no-sim] [--no-build]
//
// The extension folder is symlinked into a fresh extensions dir, so `npm run watch` + "Developer: Reload
// Window" picks up changes. Fake AWS credentials (AKIDSIMULATOR / simulator, us-east-1) are in the
// environment; the user settings point sagemakerMonitor.endpointUrl at the simulator. Ctrl-C stops everything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const rig = require('../test/rig/codeServer.js');
const { createSession } = require('../test/rig/session.js');
const root = rig.repoRoot;

const argv = process.argv.slice(2);
const opt = (name, def) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : def; };
const port = +opt('--port', process.env.PORT || 8080);
const scenario = opt('--scenario', 'demo');
const vscodeVersion = opt('--vscode', '1.100.3');
let withSim = !argv.includes('--no-sim');
const csVersion = rig.VSCODE_TO_CODE_SERVER[vscodeVersion];
if (!csVersion) { console.error(`unknown --vscode ${vscodeVersion}`); process.exit(2); }

function npmRun(args, { optional = false } = {}) {
  const r = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd: root, stdio: 'inherit' });
  if (r.status === 0) return true;
  if (!optional) { console.error(`npm ${args.join(' ')} failed`); process.exit(1); }
  return false;
}

if (!argv.includes('--no-build')) {
  console.log('building the extension ...');
  npmRun(['run', '--silent', 'build']);
  if (withSim && fs.existsSync(path.join(root, 'sim', 'tsconfig.json'))) {
    console.log('compiling the simulator ...');
    if (!npmRun(['exec', '--', 'tsc', '-p', 'sim/tsconfig.json'], { optional: true })) {
      console.warn('the simulator does not compile: starting without it');
      withSim = false;
    }
  }
}
const { bin, nodeBin } = rig.installCodeServer(csVersion);

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const workspace = path.join(root, 'sample-workspace');
let session;
try {
  // --quirks name[=value],…: the simulator misbehaves as sim/README.md's quirk modes say (e.g. gatewayHtml).
  const quirkSpec = opt('--quirks');
  const quirks = quirkSpec && withSim ? require('../out/sim/src/quirks.js').parseQuirksFlag(quirkSpec) : undefined;
  session = await createSession({ name: 'start', simulator: withSim, scenario, workspace, region: 'us-east-1', quirks });
} catch (e) {
  console.warn(`the simulator did not start (${e.message || e}): starting without it`);
  session = await createSession({ name: 'start', simulator: false, workspace, region: 'us-east-1' });
}
fs.symlinkSync(root, path.join(session.extensionsDir, `${pkg.publisher}.${pkg.name}-${pkg.version}`));

let server;
let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping ...');
  if (server) await server.stop();
  await session.dispose();
  process.exit(code);
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

try {
  server = await rig.startCodeServer({ bin, nodeBin, port, userDataDir: session.userDataDir,
    extensionsDir: session.extensionsDir, stateDir: session.dir, env: session.env });
} catch (e) {
  console.error(String(e.message || e));
  console.error(`(is port ${port} in use? try: npm start -- --port 8081)`);
  await stop(1);
}
server.exited.then(c => { if (!stopping) { console.error(`code-server exited (${c}); log: ${server.logFile}`); stop(1); } });

const url = `${server.url}?folder=${encodeURIComponent(session.workspace)}`;
console.log('');
console.log(`  SageMaker Monitor ${pkg.version} in VS Code ${vscodeVersion} (code-server ${csVersion})`);
console.log(`  simulator: ${session.sim ? `${session.sim.url} (scenario ${scenario}${opt('--quirks') ? `, quirks ${opt('--quirks')}` : ''})` : 'not running (no sim/ build): an empty account'}`);
if (session.sim) console.log(`  misbehave on demand: curl -X POST ${session.sim.url}/_sim/quirks -d '{"gatewayHtml":true}'  (DELETE to stop)`);
console.log(`  code-server log: ${server.logFile}`);
console.log('');
console.log(`  Open ${url}`);
console.log('');
console.log('  Ctrl-C stops code-server and the simulator.');
