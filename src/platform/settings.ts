import * as vscode from 'vscode';
import { CONFIG_SECTION } from '../shared/ids';
import type { ConnectionSettings } from '../aws/connection';

/** Typed access to the `sagemakerMonitor.*` settings declared in package.json. */
export class Settings {
  private get config(): vscode.WorkspaceConfiguration {
    return vscode.workspace.getConfiguration(CONFIG_SECTION);
  }

  connection(): ConnectionSettings {
    const c = this.config;
    return {
      profile: c.get<string>('profile', '').trim(),
      region: c.get<string>('region', '').trim(),
      endpointUrl: c.get<string>('endpointUrl', '').trim(),
    };
  }

  explorerPollIntervalSeconds(): number {
    return Math.max(5, this.config.get<number>('explorer.pollIntervalSeconds', 30));
  }

  /** `explorer.groups`: the raw setting (src/explorer/model/groups.ts reads it). */
  explorerGroups(): unknown {
    return this.config.get<unknown>('explorer.groups', {});
  }

  /** `metrics.logPatterns`: the raw setting (src/shared/logCurves/logPatterns.ts reads and checks it). */
  metricsLogPatterns(): unknown {
    return this.config.get<unknown>('metrics.logPatterns');
  }

  /** `notifications`: the raw setting (src/notifications/model/mode.ts reads it). */
  notifications(): unknown {
    return this.config.get<unknown>('notifications', 'watched');
  }

  /** The `logs.*` settings of the log tails. */
  logs(): { liveTail: 'auto' | 'never'; pollIntervalSeconds: number; backfillLines: number; timestamps: 'local' | 'utc' | 'none'; excludePattern: string; prettyPrintJson: boolean; stopLiveTailWhenHiddenMinutes: number } {
    const c = this.config;
    const timestamps = c.get<string>('logs.timestamps', 'local');
    return {
      liveTail: c.get<string>('logs.liveTail', 'auto') === 'never' ? 'never' : 'auto',
      pollIntervalSeconds: Math.min(60, Math.max(0.5, c.get<number>('logs.pollIntervalSeconds', 1))),
      backfillLines: Math.min(100_000, Math.max(0, Math.floor(c.get<number>('logs.backfillLines', 1000)))),
      timestamps: timestamps === 'utc' || timestamps === 'none' ? timestamps : 'local',
      excludePattern: c.get<string>('logs.excludePattern', ''),
      prettyPrintJson: c.get<boolean>('logs.prettyPrintJson', false) === true,
      stopLiveTailWhenHiddenMinutes: Math.max(0, c.get<number>('logs.stopLiveTailWhenHiddenMinutes', 5)),
    };
  }

  async update(key: 'profile' | 'region' | 'endpointUrl', value: string): Promise<void> {
    // Write where the user already set it (workspace or folder) so the change takes effect; else globally.
    const inspected = this.config.inspect<string>(key);
    const target =
      inspected?.workspaceFolderValue !== undefined
        ? vscode.ConfigurationTarget.WorkspaceFolder
        : inspected?.workspaceValue !== undefined
          ? vscode.ConfigurationTarget.Workspace
          : vscode.ConfigurationTarget.Global;
    await this.config.update(key, value === '' ? undefined : value, target);
  }

  /** Fires when any of the given `sagemakerMonitor.*` keys changes. */
  onDidChange(keys: readonly string[], listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (keys.some((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`))) {
        listener();
      }
    });
  }

  onDidChangeConnection(listener: () => void): vscode.Disposable {
    return vscode.workspace.onDidChangeConfiguration((e) => {
      if (['profile', 'region', 'endpointUrl'].some((k) => e.affectsConfiguration(`${CONFIG_SECTION}.${k}`))) {
        listener();
      }
    });
  }
}
