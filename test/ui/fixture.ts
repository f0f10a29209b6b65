// UI tier fixture (plain Node, no VS Code API): the packaged .vsix installed into a fresh code-server,
// the sample workspace open, the simulator behind it when built, and headless Debian Chromium via
// playwright-core. Tests get `page`; screenshots go to the ignored artifacts/screenshots/.
//
// Env: SMM_VSIX (use this .vsix instead of packaging), SMM_EXTENSION_PATH (extension folder to package,
// default repo root), SMM_UI_VSCODE (1.100.3 default, or 1.139.1), SMM_KEEP_TMP=1.
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';

export const repoRoot = path.resolve(__dirname, '..', '..', '..'); // out/test/ui -> repo
export const screenshotsDir = path.join(repoRoot, 'artifacts', 'screenshots');

// The rig helpers are plain CommonJS beside the sources (no compile step); typed here by hand.
interface CodeServerHandle { url: string; logFile: string; stop(): Promise<void> }
interface Rig {
  VSCODE_TO_CODE_SERVER: Record<string, string>;
  QUIET_USER_SETTINGS: Record<string, unknown>;
  installCodeServer(version: string): { bin: string; nodeBin?: string };
  startCodeServer(opts: { bin: string; nodeBin?: string; userDataDir: string; extensionsDir: string; stateDir: string;
    env?: NodeJS.ProcessEnv }): Promise<CodeServerHandle>;
  launchChromium(stateDir: string): Promise<Browser>;
}
interface Session {
  dir: string; userDataDir: string; extensionsDir: string; workspace: string; env: NodeJS.ProcessEnv;
  sim?: { url: string }; dispose(): Promise<void>;
}
// eslint-disable-next-line @typescript-eslint/no-require-imports
const rig = require(path.join(repoRoot, 'test', 'rig', 'codeServer.js')) as Rig;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createSession } = require(path.join(repoRoot, 'test', 'rig', 'session.js')) as {
  createSession(opts: { name: string }): Promise<Session>;
};

export interface UiFixture {
  page: Page;
  browser: Browser;
  session: Session;
  server: CodeServerHandle;
  /** The workbench URL with the workspace folder open. */
  url: string;
  /** Saves artifacts/screenshots/<name> (e.g. "explorer.png") and returns its path. */
  screenshot(name: string): Promise<string>;
  dispose(): Promise<void>;
}

/** The extension packaged as .vsix (packaged once per run unless SMM_VSIX is given). */
export function packagedVsix(): string {
  if (process.env.SMM_VSIX) return path.resolve(process.env.SMM_VSIX);
  const extDir = path.resolve(process.env.SMM_EXTENSION_PATH || repoRoot);
  const out = path.join(repoRoot, 'artifacts', extDir === repoRoot ? 'sagemaker-monitor.vsix' : 'ui-test-extension.vsix');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const vsce = path.join(repoRoot, 'node_modules', '.bin', 'vsce');
  // stdin closed: vsce must never wait on a question in CI.
  execFileSync(vsce, ['package', '--no-dependencies', '-o', out], { cwd: extDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return out;
}

function installVsix(bin: string, nodeBin: string | undefined, vsix: string, session: Session): void {
  const env: NodeJS.ProcessEnv = { ...session.env, EXTENSIONS_GALLERY: '{}', XDG_CONFIG_HOME: path.join(session.dir, 'xdg'), XDG_DATA_HOME: path.join(session.dir, 'xdg') };
  if (nodeBin) env.PATH = `${nodeBin}${path.delimiter}${env.PATH ?? ''}`;
  const out = execFileSync(bin, ['--config', path.join(session.dir, 'install-config.yaml'), '--user-data-dir', session.userDataDir,
    '--extensions-dir', session.extensionsDir, '--install-extension', vsix], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (!/successfully installed/i.test(out)) throw new Error(`code-server --install-extension ${vsix}:\n${out}`);
}

export async function startUi(): Promise<UiFixture> {
  const vscodeVersion = process.env.SMM_UI_VSCODE || '1.100.3';
  const csVersion = rig.VSCODE_TO_CODE_SERVER[vscodeVersion];
  if (!csVersion) throw new Error(`SMM_UI_VSCODE=${vscodeVersion}: unknown version`);
  const vsix = packagedVsix();
  const { bin, nodeBin } = rig.installCodeServer(csVersion);
  const session = await createSession({ name: 'ui' });
  let server: CodeServerHandle | undefined;
  let browser: Browser | undefined;
  // mocha skips after() hooks when the process is signalled: stop code-server and the simulator here too.
  const onSignal = () => { void dispose().finally(() => process.exit(130)); };
  const dispose = async () => {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    await browser?.close().catch(() => undefined);
    await server?.stop();
    await session.dispose();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    installVsix(bin, nodeBin, vsix, session);
    server = await rig.startCodeServer({ bin, nodeBin, userDataDir: session.userDataDir, extensionsDir: session.extensionsDir,
      stateDir: session.dir, env: session.env });
    browser = await rig.launchChromium(session.dir);
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', e => { if (process.env.SMM_UI_VERBOSE) console.error('[page error]', e.message); });
    const url = `${server.url}?folder=${encodeURIComponent(session.workspace)}`;
    await page.goto(url);
    await page.locator('.monaco-workbench .part.activitybar').waitFor({ timeout: 60000 });
    fs.mkdirSync(screenshotsDir, { recursive: true });
    const screenshot = async (name: string) => {
      const file = path.join(screenshotsDir, name);
      await page.screenshot({ path: file });
      return file;
    };
    return { page, browser, session, server, url, screenshot, dispose };
  } catch (e) {
    await dispose();
    throw e;
  }
}

/**
 * Registers the hooks that start a fixture for a mocha suite and dispose of it after; returns its getter.
 * The first run may install code-server, hence the long timeout of the `before` hook.
 */
export function useUi(): () => UiFixture {
  let ui: UiFixture | undefined;
  before(async function () {
    this.timeout(300000);
    ui = await startUi();
  });
  after(async () => {
    await ui?.dispose();
  });
  return () => {
    if (!ui) {
      throw new Error('the UI fixture is not started (used outside its suite?)');
    }
    return ui;
  };
}

/**
 * The simulator behind the UI session. The UI tier needs it (its demo account is what the tests click): a
 * missing one is a failure, never a silently skipped test.
 */
export function simOf(ui: UiFixture): { url: string } {
  const sim = ui.session.sim;
  if (!sim) {
    throw new Error('the UI tier needs the simulator (out/sim/src/server.js, built by `npm run compile`), and it did not start');
  }
  return sim;
}
