// Profile and region selection, and the status bar that shows them.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { connect, extensionApi, waitFor } from './helpers';

describe('Connection: profile, region, status bar', function () {
  this.timeout(30_000);

  after(async () => {
    await connect({ endpointUrl: process.env.SMM_SIMULATOR_URL ?? '', region: '' });
  });

  it('selects a profile and a region from plain-object arguments', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('sagemakerMonitor.selectProfile', { profile: 'simulator-eu' });
    await vscode.commands.executeCommand('sagemakerMonitor.selectRegion', { region: 'eu-west-1' });
    const config = vscode.workspace.getConfiguration('sagemakerMonitor');
    assert.strictEqual(config.get('profile'), 'simulator-eu');
    assert.strictEqual(config.get('region'), 'eu-west-1');
    await waitFor('the status bar to show the profile and region', () => (api.statusBar.text.includes('simulator-eu · eu-west-1') ? true : undefined));
  });

  it('shows the region of the profile when no region is set', async () => {
    const api = await extensionApi();
    await vscode.commands.executeCommand('sagemakerMonitor.selectProfile', 'simulator-eu');
    await vscode.commands.executeCommand('sagemakerMonitor.selectRegion', '');
    const previous = process.env.AWS_REGION;
    delete process.env.AWS_REGION;
    try {
      await api.statusBar.update();
      assert.match(api.statusBar.text, /simulator-eu · eu-west-1/);
    } finally {
      process.env.AWS_REGION = previous;
    }
  });

  it('refuses a region id that cannot exist, and keeps the setting', async () => {
    await vscode.commands.executeCommand('sagemakerMonitor.selectRegion', 'us-east-1');
    await vscode.commands.executeCommand('sagemakerMonitor.selectRegion', 'mars-north-1x');
    assert.strictEqual(vscode.workspace.getConfiguration('sagemakerMonitor').get('region'), 'us-east-1');
    await vscode.commands.executeCommand('sagemakerMonitor.selectProfile', '');
  });
});
