// One isolated "session" for the rig (integration runner, UI fixture, npm start): a temp folder with a fresh
// user-data-dir and extensions-dir, a copy of sample-workspace/, private AWS config files with fake
// credentials, and the local AWS simulator when it has been compiled (out/sim/src/server.js).
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module, usable without a build step */
const fs = require('fs');
const os = require('os');
const path = require('path');
const { repoRoot, QUIET_USER_SETTINGS } = require('./codeServer.js');

const FAKE_AWS = { AWS_ACCESS_KEY_ID: 'AKIDSIMULATOR', AWS_SECRET_ACCESS_KEY: 'simulator' };

function copyWorkspace(dest) {
  const src = path.join(repoRoot, 'sample-workspace');
  if (fs.existsSync(src)) fs.cpSync(src, dest, { recursive: true });
  else { // the simulator helper owns sample-workspace/; until it exists use a minimal stand-in
    fs.mkdirSync(dest, { recursive: true });
    fs.writeFileSync(path.join(dest, 'README.md'), '# Sample workspace\n');
    fs.writeFileSync(path.join(dest, 'train.py'), 'print("training")\n');
  }
}

function mergeJson(file, extra) {
  let cur = {};
  try { cur = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { /* absent or JSONC: replaced */ }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify({ ...cur, ...extra }, null, 2) + '\n');
}

/** Starts the simulator if it has been compiled; returns undefined otherwise. */
async function startSimulatorIfBuilt(scenario = 'demo', quirks = undefined) {
  const mod = path.join(repoRoot, 'out', 'sim', 'src', 'server.js');
  if (!fs.existsSync(mod)) return undefined;
  const { startSimulator } = require(mod);
  return startSimulator({ port: 0, scenario, ...(quirks ? { quirks } : {}) });
}

/**
 * The environment carries fake keys and private AWS files whose default profile has region us-east-1;
 * AWS_REGION is set only when opts.region is given (it would override every profile's region).
 * @param {{ name: string, simulator?: boolean, scenario?: string, quirks?: object, baseDir?: string, region?: string,
 *   workspace?: string, endpointIn?: 'workspace' | 'user' }} opts
 *   workspace: open this folder as is instead of a temp copy of sample-workspace/ (then endpointIn 'user').
 *   endpointIn: where sagemakerMonitor.endpointUrl = simulator URL is written (default 'workspace').
 * @returns {Promise<{ dir: string, userDataDir: string, extensionsDir: string, workspace: string,
 *   env: NodeJS.ProcessEnv, sim?: { url: string, close(): Promise<void> }, dispose(): Promise<void> }>}
 */
async function createSession(opts) {
  const base = opts.baseDir || os.tmpdir();
  fs.mkdirSync(base, { recursive: true });
  const dir = fs.mkdtempSync(path.join(base, `smm-${opts.name}-`));
  const userDataDir = path.join(dir, 'user-data');
  const extensionsDir = path.join(dir, 'extensions');
  const workspace = opts.workspace || path.join(dir, 'workspace');
  fs.mkdirSync(extensionsDir, { recursive: true });
  mergeJson(path.join(userDataDir, 'User', 'settings.json'), QUIET_USER_SETTINGS);
  if (!opts.workspace) copyWorkspace(workspace);

  // Private AWS files: the extension must never see the developer's real ~/.aws.
  const awsDir = path.join(dir, 'aws');
  fs.mkdirSync(awsDir);
  fs.writeFileSync(path.join(awsDir, 'config'), '[default]\nregion = us-east-1\n\n[profile simulator-eu]\nregion = eu-west-1\n');
  fs.writeFileSync(path.join(awsDir, 'credentials'),
    `[default]\naws_access_key_id = ${FAKE_AWS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${FAKE_AWS.AWS_SECRET_ACCESS_KEY}\n\n` +
    `[simulator-eu]\naws_access_key_id = ${FAKE_AWS.AWS_ACCESS_KEY_ID}\naws_secret_access_key = ${FAKE_AWS.AWS_SECRET_ACCESS_KEY}\n`);

  const sim = opts.simulator === false ? undefined : await startSimulatorIfBuilt(opts.scenario, opts.quirks);
  const settings = sim ? { 'sagemakerMonitor.endpointUrl': sim.url } : {};
  if (opts.workspace || opts.endpointIn === 'user') mergeJson(path.join(userDataDir, 'User', 'settings.json'), settings);
  else mergeJson(path.join(workspace, '.vscode', 'settings.json'), settings);

  const env = {
    ...process.env,
    ...FAKE_AWS,
    AWS_CONFIG_FILE: path.join(awsDir, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(awsDir, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true', // no IMDS probing on a machine without network
    ...(opts.region ? { AWS_REGION: opts.region } : {}),
    SMM_USER_DATA_DIR: userDataDir,
    ...(sim ? { SMM_SIMULATOR_URL: sim.url } : {}),
  };
  if (!opts.region) { delete env.AWS_REGION; delete env.AWS_DEFAULT_REGION; }
  delete env.AWS_PROFILE;
  delete env.AWS_DEFAULT_PROFILE;
  delete env.AWS_SESSION_TOKEN;

  const dispose = async () => {
    if (sim) await sim.close().catch(() => {});
    if (!process.env.SMM_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true });
  };
  return { dir, userDataDir, extensionsDir, workspace, env, sim, dispose };
}

module.exports = { createSession, startSimulatorIfBuilt, FAKE_AWS };
