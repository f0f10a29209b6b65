/** The open compare panels: one per comparison (revealed when opened again), restored after a reload. */
import * as vscode from 'vscode';
import { compareTargetLabel, parseCompareTarget, type CompareTarget } from '../shared/compareTargets';
import { isCompareViewState, type CompareViewState } from '../shared/compareProtocol';
import { WebviewViewType } from '../shared/ids';
import { Disposable } from '../shared/lifecycle';
import { isRecord } from '../shared/webviewProtocol';
import { ComparePanel, type ComparePanelServices } from './comparePanel';

const INITIAL_VIEW: CompareViewState = { instanceMetrics: false };

function keyOf(t: CompareTarget): string {
  return `${t.kind}:${t.kind === 'tuningJob' ? `${t.tuningJobName}/${t.top}` : [...t.trainingJobNames].sort().join(',')}`;
}

function titleOf(t: CompareTarget): string {
  return t.kind === 'tuningJob' ? `Compare: ${t.tuningJobName}` : `Compare: ${t.trainingJobNames.length} jobs`;
}

/** A stored target as the command's plain-object argument, so it is checked like one. */
function argumentOf(saved: Record<string, unknown>): Record<string, unknown> {
  return saved.kind === 'tuningJob' ? { tuningJobName: saved.tuningJobName, top: saved.top } : { trainingJobNames: saved.trainingJobNames };
}

export class ComparePanels extends Disposable implements vscode.WebviewPanelSerializer {
  private readonly open = new Map<string, ComparePanel>();
  private readonly opened = this._register(new vscode.EventEmitter<ComparePanel>());
  readonly onDidOpen = this.opened.event;
  /** Replaces VS Code's save dialog for the exports (tests answer it without a dialog). */
  showSaveDialog: ComparePanelServices['showSaveDialog'];

  constructor(private readonly services: ComparePanelServices) {
    super();
    this._register(vscode.window.registerWebviewPanelSerializer(WebviewViewType.Compare, this));
    this._register({ dispose: () => [...this.open.values()].forEach((p) => p.dispose()) });
  }

  get panels(): readonly ComparePanel[] {
    return [...this.open.values()];
  }

  show(target: CompareTarget): ComparePanel {
    const existing = this.open.get(keyOf(target));
    if (existing) {
      existing.reveal();
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(WebviewViewType.Compare, titleOf(target), vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: true });
    return this.adopt(panel, target, INITIAL_VIEW);
  }

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = isRecord(state) ? state : {};
    const parsed = parseCompareTarget(isRecord(saved.target) ? argumentOf(saved.target) : undefined);
    if (!parsed.ok || this.open.has(keyOf(parsed.value))) {
      panel.dispose();
      return;
    }
    this.adopt(panel, parsed.value, isCompareViewState(saved.view) ? saved.view : INITIAL_VIEW);
  }

  private adopt(panel: vscode.WebviewPanel, target: CompareTarget, view: CompareViewState): ComparePanel {
    const key = keyOf(target);
    panel.title = titleOf(target);
    const compare = new ComparePanel(panel, target, view, {
      ...this.services,
      showSaveDialog: (options) => (this.showSaveDialog ?? this.services.showSaveDialog ?? vscode.window.showSaveDialog)(options),
    });
    this.open.set(key, compare);
    compare.onDidDispose(() => this.open.get(key) === compare && this.open.delete(key));
    this.services.log.info(`Compare ${compareTargetLabel(target)}`);
    this.opened.fire(compare);
    return compare;
  }
}
