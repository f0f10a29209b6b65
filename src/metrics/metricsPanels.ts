/** The open metrics panels: one per target (revealed when opened again), restored after a reload. */
import * as vscode from 'vscode';
import { CONFIG_SECTION, WebviewViewType } from '../shared/ids';
import { Disposable } from '../shared/lifecycle';
import { isPanelViewState, type PanelViewState } from '../shared/metricsProtocol';
import { isAutoRefresh, isTimeRangePreset, type AutoRefresh } from '../shared/metrics/period';
import { isJobMetricsTarget, metricsTargetLabel, parseMetricsTarget, type MetricsTarget } from '../shared/targets';
import { isRecord } from '../shared/webviewProtocol';
import { MetricsPanel, type MetricsPanelServices } from './metricsPanel';

export const METRICS_VIEW_TYPE = WebviewViewType.Metrics;

export interface MetricsDefaults {
  readonly defaultTimeRange: () => string;
  readonly autoRefresh: () => string;
}

const settingsDefaults: MetricsDefaults = {
  defaultTimeRange: () => vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('metrics.defaultTimeRange', '3h'),
  autoRefresh: () => vscode.workspace.getConfiguration(CONFIG_SECTION).get<string>('metrics.autoRefresh', '1m'),
};

function targetKey(t: MetricsTarget): string {
  return `${t.kind}:${metricsTargetLabel(t)}`;
}

export class MetricsPanels extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, MetricsPanel>();
  private readonly opened = this._register(new vscode.EventEmitter<MetricsPanel>());
  readonly onDidOpen = this.opened.event;
  /** Replaces VS Code's save dialog for the panels' exports (tests answer it without a dialog). */
  showSaveDialog: MetricsPanelServices['showSaveDialog'];

  constructor(
    private readonly services: MetricsPanelServices,
    private readonly defaults: MetricsDefaults = settingsDefaults,
  ) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(METRICS_VIEW_TYPE, this));
    this._register({ dispose: () => [...this.open.values()].forEach((p) => p.dispose()) });
  }

  get panels(): readonly MetricsPanel[] {
    return [...this.open.values()];
  }

  panelFor(target: MetricsTarget): MetricsPanel | undefined {
    return this.open.get(targetKey(target));
  }

  /** Opens the target's panel, or reveals it when it is open already. */
  show(target: MetricsTarget): MetricsPanel {
    const existing = this.open.get(targetKey(target));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(METRICS_VIEW_TYPE, titleOf(target), vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
    return this.adopt(panel, target, this.initialView(target));
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = isRecord(state) ? state : {};
    const parsed = parseMetricsTarget(saved.target);
    if (!parsed.ok || this.open.has(targetKey(parsed.value))) {
      panel.dispose();
      return;
    }
    const view = isPanelViewState(saved.view) ? saved.view : this.initialView(parsed.value);
    this.adopt(panel, parsed.value, view);
  }

  private adopt(panel: vscode.WebviewPanel, target: MetricsTarget, view: PanelViewState): MetricsPanel {
    const key = targetKey(target);
    panel.title = titleOf(target);
    const metrics = new MetricsPanel(panel, target, view, {
      ...this.services,
      showSaveDialog: (options) => (this.showSaveDialog ?? this.services.showSaveDialog ?? vscode.window.showSaveDialog)(options),
    });
    this.open.set(key, metrics);
    metrics.onDidDispose(() => this.open.get(key) === metrics && this.open.delete(key));
    this.opened.fire(metrics);
    return metrics;
  }

  private initialView(target: MetricsTarget): PanelViewState {
    const preset = this.defaults.defaultTimeRange();
    const auto = this.defaults.autoRefresh();
    const autoRefresh: AutoRefresh = isAutoRefresh(auto) ? auto : '1m';
    return {
      // A pipeline runs a few times a day or a week: its panel opens on two weeks (ListMetrics' own horizon).
      range: isJobMetricsTarget(target) ? { kind: 'job' } : target.kind === 'pipeline' ? { kind: 'preset', preset: '2w' } : { kind: 'preset', preset: isTimeRangePreset(preset) ? preset : '3h' },
      autoRefresh,
    };
  }
}

function titleOf(t: MetricsTarget): string {
  return `Metrics: ${metricsTargetLabel(t)}`;
}
