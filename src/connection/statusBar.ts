import * as vscode from 'vscode';
import { effectiveProfile, explicitRegion } from '../aws/connection';
import type { Settings } from '../platform/settings';
import { CommandId } from '../shared/ids';
import { Disposable } from '../shared/lifecycle';

/** Shows the profile and region the explorer uses; a click offers to change them. */
export class ConnectionStatusBar extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('sagemakerMonitor.connection', vscode.StatusBarAlignment.Left, 10));

  constructor(
    private readonly settings: Settings,
    private readonly resolvedRegion: () => Promise<string | undefined>,
  ) {
    super();
    this.item.name = 'SageMaker Connection';
    this.item.command = CommandId.SelectConnection;
    this._register(settings.onDidChangeConnection(() => void this.update()));
    void this.update();
    this.item.show();
  }

  /** The text shown, for tests. */
  get text(): string {
    return this.item.text;
  }

  async update(): Promise<void> {
    const c = this.settings.connection();
    const profile = effectiveProfile(c);
    const region = explicitRegion(c) ?? (await this.resolvedRegion().catch(() => undefined)) ?? 'no region';
    this.item.text = `$(cloud) ${profile} · ${region}${c.endpointUrl ? ' $(plug)' : ''}`;
    const tip = new vscode.MarkdownString(`**SageMaker Monitor**\n\nProfile: \`${profile}\`  \nRegion: \`${region}\``);
    if (c.endpointUrl) {
      tip.appendMarkdown('  \nEndpoint: ').appendText(c.endpointUrl);
    }
    tip.appendMarkdown('\n\nClick to change.');
    this.item.tooltip = tip;
  }
}

/** The status bar's picker: profile, region or endpoint URL. */
export async function selectConnection(settings: Settings): Promise<void> {
  const c = settings.connection();
  const picked = await vscode.window.showQuickPick(
    [
      { label: '$(account) Profile', description: effectiveProfile(c), command: CommandId.SelectProfile },
      { label: '$(globe) Region', description: explicitRegion(c) ?? 'from the profile', command: CommandId.SelectRegion },
      { label: '$(plug) Endpoint URL', description: c.endpointUrl || 'AWS', command: 'workbench.action.openSettings', args: ['sagemakerMonitor.endpointUrl'] },
    ],
    { title: 'SageMaker Connection' },
  );
  if (picked) {
    await vscode.commands.executeCommand(picked.command, ...(picked.args ?? []));
  }
}
