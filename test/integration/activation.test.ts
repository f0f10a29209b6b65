// Runs inside a real VS Code extension host (code-server via test/rig, or desktop VS Code).
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import { extensionApi, waitFor } from './helpers';

const EXTENSION_ID = 'sagemaker-tools.sagemaker-monitor';
// DESIGN §2: commands other extensions, keybindings and tests rely on.
const COMMANDS = [
  'sagemakerMonitor.refresh',
  'sagemakerMonitor.selectProfile',
  'sagemakerMonitor.selectRegion',
  'sagemakerMonitor.openMetrics',
  'sagemakerMonitor.tailLogs',
  'sagemakerMonitor.stopTail',
];

function findFile(dir: string, match: (p: string) => boolean): string | undefined {
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch { return undefined; }
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) { const f = findFile(p, match); if (f) return f; }
    else if (match(p)) return p;
  }
  return undefined;
}

describe('SageMaker Monitor in a real extension host', () => {
  let ext: vscode.Extension<unknown>;

  it('runs on the expected VS Code version', () => {
    const expected = process.env.SMM_EXPECTED_VSCODE_VERSION;
    console.log(`vscode.version=${vscode.version} node=${process.version} appHost=${vscode.env.appHost} remoteName=${vscode.env.remoteName ?? '-'}`);
    assert.match(vscode.version, /^1\.\d+\.\d+/);
    if (expected) assert.ok(vscode.version.startsWith(expected), `vscode.version ${vscode.version} should start with ${expected}`);
  });

  it('has the extension installed and activates it', async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is present`);
    ext = found;
    await ext.activate();
    assert.strictEqual(ext.isActive, true);
    assert.strictEqual(ext.packageJSON.displayName, 'SageMaker Monitor'); // package.nls.json is applied
  });

  it('registers every command of the contract', async () => {
    const all = new Set(await vscode.commands.getCommands(true));
    const missing = COMMANDS.filter(c => !all.has(c));
    assert.deepStrictEqual(missing, [], `commands not registered: ${missing.join(', ')}`);
    const declared = (ext.packageJSON.contributes?.commands ?? []) as { command: string }[];
    for (const c of COMMANDS) assert.ok(declared.some(d => d.command === c), `${c} declared in package.json`);
  });

  it('contributes the activity-bar container and the explorer view', () => {
    const contributes = ext.packageJSON.contributes ?? {};
    const containers = (contributes.viewsContainers?.activitybar ?? []) as { id: string }[];
    assert.ok(containers.some(c => c.id === 'sagemakerMonitor'), 'view container sagemakerMonitor');
    const views = (contributes.views?.sagemakerMonitor ?? []) as { id: string }[];
    assert.ok(views.some(v => v.id === 'sagemakerMonitor.explorer'), 'view sagemakerMonitor.explorer');
  });

  it('opens the SageMaker container and focuses the explorer view', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('workbench.view.extension.sagemakerMonitor');
    await vscode.commands.executeCommand('sagemakerMonitor.explorer.focus');
    // The view is shown (its visibility reaches the provider, which polls only then) and asks for its roots.
    await waitFor('the explorer view to be visible', () => (api.explorer.isVisible ? true : undefined));
    const roots = await api.explorer.getChildren(undefined);
    assert.ok(roots.length > 0, 'the tree shows its root nodes');
  });

  it('writes its diagnostics LogOutputChannel "SageMaker Monitor"', async function () {
    // Output channels are also files: <user-data-dir>/logs/<session>/exthost*/<extension id>/<channel>.log
    const userDataDir = process.env.SMM_USER_DATA_DIR;
    if (!userDataDir) this.skip(); // only known when started by test/rig/runIntegration.mjs
    const file = await waitFor('the "SageMaker Monitor" log file', () =>
      findFile(path.join(userDataDir!, 'logs'), p => p.endsWith(path.join(EXTENSION_ID, 'SageMaker Monitor.log'))));
    console.log(`diagnostics channel file: ${path.relative(userDataDir!, file)}`);
  });
});
