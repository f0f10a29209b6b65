import * as vscode from 'vscode';
import { Disposable } from '../shared/lifecycle';

/**
 * The SageMaker explorer. Until resources are listed it has no children, so VS Code shows the view's
 * welcome content (package.json `viewsWelcome`) with the connection actions.
 */
export class ExplorerProvider extends Disposable implements vscode.TreeDataProvider<vscode.TreeItem> {
  private readonly changed = this._register(new vscode.EventEmitter<vscode.TreeItem | undefined>());
  readonly onDidChangeTreeData = this.changed.event;

  refresh(): void {
    this.changed.fire(undefined);
  }

  getTreeItem(element: vscode.TreeItem): vscode.TreeItem {
    return element;
  }

  getChildren(): vscode.TreeItem[] {
    return [];
  }
}
