/**
 * The open Logs Insights results views (one per editor, or per Query Logs target) and the fields they saw;
 * restored after a window reload from the query id their page kept (the results read again, not stored).
 */
import * as vscode from 'vscode';
import { isPersistedInsights } from '../shared/insightsProtocol';
import { Disposable } from '../shared/lifecycle';
import { askWaitForSlot, INSIGHTS_VIEW_TYPE, InsightsPanel, type InsightsServices } from './resultsPanel';

export class InsightsViews extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, InsightsPanel>();
  private readonly opened = this._register(new vscode.EventEmitter<InsightsPanel>());
  readonly onDidOpen = this.opened.event;
  /** Fields seen in results (newest last), offered by completions. */
  readonly seenFields = new Set<string>();
  /** Replaces the "wait for a free slot?" question (tests answer it). */
  askWaitForSlot: InsightsServices['askWaitForSlot'];

  constructor(private readonly services: InsightsServices) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(INSIGHTS_VIEW_TYPE, this));
    this._register({ dispose: () => [...this.open.values()].forEach((p) => p.dispose()) });
  }

  get panels(): readonly InsightsPanel[] {
    return [...this.open.values()];
  }

  panelFor(key: string): InsightsPanel | undefined {
    return this.open.get(key);
  }

  /** The view of `key`, opened beside the editor, or revealed when open already. */
  show(key: string, title: string): InsightsPanel {
    const existing = this.open.get(key);
    if (existing) {
      existing.reveal();
      return existing;
    }
    const webviewPanel = vscode.window.createWebviewPanel(INSIGHTS_VIEW_TYPE, title, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, { enableScripts: true, retainContextWhenHidden: true });
    return this.adopt(webviewPanel, key);
  }

  /**
   * A view of the last session: its query shown again and its results read again (GetQueryResults) in the
   * background, so VS Code is not kept waiting on a query that still runs (`restored` resolves when done).
   */
  deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown): Promise<void> {
    if (!isPersistedInsights(state) || this.open.has(state.key)) {
      webviewPanel.dispose();
      return Promise.resolve();
    }
    const panel = this.adopt(webviewPanel, state.key);
    webviewPanel.title = state.title;
    panel.restored = panel.restore(state);
    return Promise.resolve();
  }

  private adopt(webviewPanel: vscode.WebviewPanel, key: string): InsightsPanel {
    const panel = new InsightsPanel(webviewPanel, key, {
      ...this.services,
      onFields: (fields) => fields.forEach((f) => this.seenFields.add(f)),
      askWaitForSlot: (message) => (this.askWaitForSlot ?? this.services.askWaitForSlot ?? askWaitForSlot)(message),
    });
    this.open.set(key, panel);
    panel.onDidDispose(() => this.open.get(key) === panel && this.open.delete(key));
    this.opened.fire(panel);
    return panel;
  }
}
