/** The `.cwlq` editor: a Run Query CodeLens over the query, and completions for the query language. */
import * as vscode from 'vscode';
import { CommandId } from '../shared/ids';
import { COMMANDS, FUNCTIONS, KEYWORDS, SYSTEM_FIELDS } from './model/language';

export const CWLQ_SELECTOR: vscode.DocumentSelector = { language: 'cwlq' };

export class QueryCodeLensProvider implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [
      new vscode.CodeLens(top, { title: '$(play) Run Query', tooltip: 'Run this query over the header\'s log groups and range (Ctrl+Enter)', command: CommandId.RunQuery, arguments: [document.uri] }),
      new vscode.CodeLens(top, { title: 'Save Query…', tooltip: 'Save as a CloudWatch Logs query definition', command: CommandId.SaveQuery, arguments: [] }),
      new vscode.CodeLens(top, { title: 'Open Saved Query…', command: CommandId.OpenSavedQuery, arguments: [] }),
    ];
  }
}

/** Completions: commands, functions, keywords, system fields and the fields the latest results had. */
export class QueryCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly seenFields: () => Iterable<string>) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const line = document.lineAt(position.line).text.slice(0, position.character);
    if (/^\s*#/.test(line)) {
      return [];
    }
    const atCommand = /(^|\|)\s*[A-Za-z]*$/.test(line);
    const items: vscode.CompletionItem[] = [];
    for (const c of COMMANDS) {
      const item = new vscode.CompletionItem(c.name, vscode.CompletionItemKind.Keyword);
      item.detail = c.detail;
      item.sortText = `${atCommand ? '0' : '4'}${c.name}`;
      items.push(item);
    }
    for (const f of FUNCTIONS) {
      const item = new vscode.CompletionItem(f.name, vscode.CompletionItemKind.Function);
      item.detail = f.detail;
      item.insertText = f.snippet ? new vscode.SnippetString(f.snippet) : f.name;
      item.sortText = `2${f.name}`;
      items.push(item);
    }
    for (const k of KEYWORDS) {
      const item = new vscode.CompletionItem(k, vscode.CompletionItemKind.Operator);
      item.sortText = `3${k}`;
      items.push(item);
    }
    const wordRange = document.getWordRangeAtPosition(position, /@?[A-Za-z_][\w.]*/);
    const fields = new Map<string, string>(SYSTEM_FIELDS.map((f) => [f.name, f.detail]));
    for (const f of this.seenFields()) {
      if (!fields.has(f)) {
        fields.set(f, 'a field of the latest results');
      }
    }
    for (const [name, detail] of fields) {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.Field);
      item.detail = detail;
      item.sortText = `${atCommand ? '5' : '1'}${name}`;
      if (wordRange) {
        item.range = wordRange;
      }
      items.push(item);
    }
    return items;
  }
}
