// Opening and closing metric panels in the extension host, shared by the metrics suites.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ComparePanel } from '../../../src/metrics/comparePanel';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import type { SeriesSpec } from '../../../src/shared/metrics/panels';
import { CommandId } from '../../../src/shared/ids';
import { waitFor } from '../helpers';

/** Opens a panel through the command and waits for its first refresh. */
export async function openPanel(arg: object): Promise<MetricsPanel> {
  const show = async () => {
    const panel = (await vscode.commands.executeCommand(CommandId.OpenMetrics, arg)) as MetricsPanel | undefined;
    assert.ok(panel, 'the command returns the panel');
    return panel;
  };
  const refreshed = (panel: MetricsPanel, timeoutMs: number) =>
    waitFor(`the first refresh (${panel.describeState()})`, () => {
      assert.strictEqual(panel.lastError, undefined);
      return panel.refreshCount >= 1 ? true : undefined;
    }, timeoutMs);
  let panel = await show();
  try {
    await refreshed(panel, 10_000);
  } catch {
    // In the test rig's workbench the webview opened right after another panel sometimes never loads its
    // page (no 'ready'); a second panel does. Not seen in the UI tier.
    panel.dispose();
    panel = await show();
    await refreshed(panel, 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; now ${panel.describeState()}`);
    });
  }
  return panel;
}

/** Closes every panel and waits for their tabs to go (a webview created during a teardown may not load). */
export async function closePanels(api: SageMakerMonitorApi): Promise<void> {
  api.metrics.panels.forEach((p) => p.dispose());
  await waitFor('the metric panels\' tabs to close', () =>
    vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)) ? undefined : true,
  );
}

/** The panel's series of a metric, statistic and variant (or other dimension value). */
export function seriesOf(panel: MetricsPanel, metricName: string, stat: string, dimensionValue: string): SeriesSpec {
  const found = panel.spec?.charts.flatMap((c) => c.series).find((s) => s.metricName === metricName && s.stat === stat && s.dimensions.some((d) => d.Value === dimensionValue));
  assert.ok(found, `${metricName} (${stat}) of ${dimensionValue}`);
  return found;
}

/** Runs compareJobs and waits until the page shows the first refresh's data (a second panel if the rig's first never loads). */
export async function openCompare(...args: unknown[]): Promise<ComparePanel> {
  const show = async () => {
    const panel = (await vscode.commands.executeCommand(CommandId.CompareJobs, ...args)) as ComparePanel | undefined;
    assert.ok(panel, 'the command returns the panel');
    return panel;
  };
  const shown = (panel: ComparePanel, timeoutMs: number) =>
    waitFor(`the compare panel's data (${panel.describeState()})`, () => {
      assert.strictEqual(panel.lastError, undefined);
      return panel.refreshCount >= 1 && panel.shown?.state === 'data' ? true : undefined;
    }, timeoutMs);
  let panel = await show();
  try {
    await shown(panel, 15_000);
  } catch {
    panel.dispose();
    panel = await show();
    await shown(panel, 30_000);
  }
  return panel;
}

/**
 * Every log read the simulator counted between two moments was a tail's: the simulator's counts and the tails'
 * own (one entry per tail, in the same order) at each moment.
 */
export function assertOnlyTailsRead(before: Record<string, number>, after: Record<string, number>, tailsBefore: readonly Record<string, number>[], tailsAfter: readonly Record<string, number>[]): void {
  for (const [op, key] of [['logs.GetLogEvents', 'getEvents'], ['logs.FilterLogEvents', 'filterEvents']] as const) {
    const all = (after[op] ?? 0) - (before[op] ?? 0);
    const byTails = tailsAfter.reduce((sum, r, i) => sum + (r[key] ?? 0) - (tailsBefore[i]?.[key] ?? 0), 0);
    assert.strictEqual(all, byTails, `${op}: ${all} sent, ${byTails} of them by the tails`);
  }
}
