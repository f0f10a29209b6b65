#!/usr/bin/env node
// Stand-in for the VS Code executable that @vscode/test-electron's runTests({ vscodeExecutablePath }) spawns.
//
// runTests passes desktop-style arguments (--extensionDevelopmentPath, --extensionTestsPath, --user-data-dir,
// --extensions-dir, an optional folder, and flags like --no-sandbox that do not apply here). code-server ignores
// --extensionDevelopmentPath, so instead the shim starts code-server, opens the workbench in headless Chromium
// with the same information in the URL `payload`, streams the extension host's console to stdout and exits with
// the exit code the extension host reports (window.codeAutomationExit).
//
// Environment:
//   CODE_SERVER_BIN        code-server executable (default: .cache/code-server/$SMM_CODE_SERVER_VERSION/...)
//   CODE_SERVER_NODE_BIN   folder put first on PATH for code-server (Node 24 for code-server 4.139)
//   SMM_CODE_SERVER_VERSION  used only when CODE_SERVER_BIN is unset (default 4.100.3)
//   CHROMIUM_BIN           browser (default /usr/bin/chromium)
//   SMM_EXT_TEST_TIMEOUT_MS  whole-run timeout (default 600000)
//   SMM_SHIM_VERBOSE=1     also print workbench noise; SMM_SHIM_KEEP=1 keep the temp folder (code-server.log)
// Everything else in the environment reaches code-server and therefore the extension host.
'use strict';
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module: runTests spawns it directly */
const fs = require('fs');
const os = require('os');
const path = require('path');
const util = require('util');
const rig = require('./codeServer.js');

const TIMEOUT_MS = +(process.env.SMM_EXT_TEST_TIMEOUT_MS || 600000);
const VERBOSE = !!process.env.SMM_SHIM_VERBOSE;
// Workbench chatter that is forwarded together with the extension host's console.
const NOISE = /^(Resolving connection|Resolved connection|Creating a socket|Updating additional|Ignoring fetching additional builtin|\[(Service Worker|reconnection-grace-time|AgentHost:[^\]]*|AccountPolicyGate)\]|ChatSessionStore|%c(TRACE|DEBUG))/;

function parseArgs(argv) {
  const a = { dev: [], tests: undefined, userDataDir: undefined, extensionsDir: undefined, folder: undefined };
  const valued = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    let m = /^--([^=]+)=(.*)$/.exec(arg);
    if (!m && arg.startsWith('--') && valued.has(arg.slice(2)) && i + 1 < argv.length) m = [arg, arg.slice(2), argv[++i]];
    if (m) {
      const v = path.resolve(m[2]);
      if (m[1] === 'extensionDevelopmentPath') a.dev.push(v);
      else if (m[1] === 'extensionTestsPath') a.tests = v;
      else if (m[1] === 'user-data-dir') a.userDataDir = v;
      else if (m[1] === 'extensions-dir') a.extensionsDir = v;
    } else if (!arg.startsWith('-')) a.folder = path.resolve(arg);
  }
  return a;
}

function codeServerBin() {
  if (process.env.CODE_SERVER_BIN) return { bin: process.env.CODE_SERVER_BIN, nodeBin: process.env.CODE_SERVER_NODE_BIN };
  return rig.installCodeServer(process.env.SMM_CODE_SERVER_VERSION || '4.100.3');
}

/**
 * CPU profiles of the workbench's main thread, for the benchmarks: the extension host logs
 * `SMM_RENDERER_PROFILE start`, then `SMM_RENDERER_PROFILE stop <file.cpuprofile>` (bench/host/channelWatch.ts).
 */
function workbenchProfiler(page) {
  let cdp;
  return (line) => {
    const m = /SMM_RENDERER_PROFILE (start|stop)(?: (\S+))?/.exec(line);
    if (!m) return;
    (async () => {
      cdp ??= await page.context().newCDPSession(page);
      if (m[1] === 'start') {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
        await cdp.send('Profiler.start');
      } else {
        const { profile } = await cdp.send('Profiler.stop');
        fs.writeFileSync(m[2], JSON.stringify(profile));
      }
    })().catch(e => console.error('code-shim: workbench profile:', e && e.message || e));
  };
}

async function main() {
  const a = parseArgs(process.argv.slice(2));
  if (!a.tests) throw new Error('code-shim: --extensionTestsPath is required');
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-shim-'));
  a.userDataDir = a.userDataDir || path.join(tmp, 'user-data');
  a.extensionsDir = a.extensionsDir || path.join(tmp, 'extensions');

  let server, browser, interrupted = false, cleaning;
  const cleanup = () => (cleaning ??= (async () => {
    if (browser) await browser.close().catch(() => {});
    if (server) await server.stop();
    if (!process.env.SMM_SHIM_KEEP) fs.rmSync(tmp, { recursive: true, force: true });
    else console.log(`code-shim: kept ${tmp}`);
  })());
  // runTests forwards Ctrl-C as SIGINT (npm test sends SIGTERM): stop what we started, then exit.
  for (const sig of ['SIGINT', 'SIGTERM']) process.once(sig, () => {
    interrupted = true;
    cleanup().finally(() => process.exit(130));
  });

  let code = 1;
  try {
    const { bin, nodeBin } = codeServerBin();
    server = await rig.startCodeServer({ bin, nodeBin, userDataDir: a.userDataDir, extensionsDir: a.extensionsDir, stateDir: tmp });
    const open = !a.folder ? 'ew=true'
      : `${a.folder.endsWith('.code-workspace') ? 'workspace' : 'folder'}=${encodeURIComponent(a.folder)}`;
    const base = `${server.url}?${open}`;
    const auth = (await rig.readWorkbenchConfig(base)).remoteAuthority;

    browser = await rig.launchChromium(tmp);
    const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    let resolveExit;
    const exited = new Promise(r => (resolveExit = r));
    const profileWorkbench = workbenchProfiler(page);
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      const s = util.format(...(args || []));
      profileWorkbench(s);
      if (VERBOSE || !NOISE.test(s)) (type === 'error' ? process.stderr : process.stdout).write(s + '\n');
    });
    await page.exposeFunction('codeAutomationExit', c => resolveExit(c));
    page.on('crash', () => resolveExit('page crashed'));
    if (VERBOSE) page.on('pageerror', e => console.error('[page error]', e.message));
    await page.addInitScript(() => {
      // Built workbenches honour the URL payload (extensionDevelopmentPath/extensionTestsPath) only when
      // developmentOptions.enableSmokeTestDriver is set (required since VS Code ~1.10x; 1.139 enforces it).
      // code-server has no flag for it and intercepting the HTML with page.route() breaks the workbench
      // websocket, so patch the configuration as the workbench reads it from the DOM.
      const orig = Element.prototype.getAttribute;
      Element.prototype.getAttribute = function (name) {
        const v = orig.call(this, name);
        if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && v) {
          try {
            const c = JSON.parse(v);
            c.developmentOptions = { ...(c.developmentOptions || {}), enableSmokeTestDriver: true };
            return JSON.stringify(c);
          } catch { /* leave it */ }
        }
        return v;
      };
    });
    // Paths are on the code-server machine, addressed through its remote authority.
    const payload = [...a.dev.map(d => ['extensionDevelopmentPath', `vscode-remote://${auth}${d}`]),
      ['extensionTestsPath', `vscode-remote://${auth}${a.tests}`]];
    await page.goto(`${base}&payload=${encodeURIComponent(JSON.stringify(payload))}`);

    let timer;
    const result = await Promise.race([exited, server.exited.then(c => `code-server exited (${c})`),
      new Promise(r => { timer = setTimeout(() => r(`timed out after ${TIMEOUT_MS} ms`), TIMEOUT_MS); })]);
    clearTimeout(timer);
    if (typeof result === 'number') code = result;
    else if (!interrupted) {
      console.error(`code-shim: extension tests did not finish: ${result}; code-server log (tail):`);
      console.error(fs.readFileSync(server.logFile, 'utf8').split('\n').slice(-30).join('\n'));
    }
  } catch (e) {
    if (!interrupted) console.error('code-shim:', e && e.stack || e);
    code = 1;
  } finally {
    await cleanup();
  }
  process.exit(interrupted ? 130 : code);
}

main().catch(e => { console.error('code-shim:', e && e.message || e); process.exit(1); });
