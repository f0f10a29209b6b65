import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ContextValue, WATCHED_SUFFIX } from '../../../src/explorer/contextValues';
import { CommandId, WebviewViewType } from '../../../src/shared/ids';

const pkg = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8'));

describe('package.json: Logs Insights contributions', () => {
  it('Query Logs… on jobs (watched or not), tuning jobs, endpoints, variants, inference components and pipeline executions (and nothing else)', () => {
    const menu = pkg.contributes.menus['view/item/context'].find((m: { command: string }) => m.command === CommandId.QueryLogs);
    const items = /viewItem =~ \/\^\((.*)\)\$\//.exec(menu.when)?.[1].split('|');
    const jobs = [ContextValue.TrainingJob, ContextValue.ProcessingJob, ContextValue.ProcessingJobFailed, ContextValue.TransformJob, ContextValue.TransformJobFailed];
    assert.deepEqual(items?.sort(), [
      ...jobs, ...jobs.map((j) => `${j}${WATCHED_SUFFIX}`), ContextValue.TuningJob, ContextValue.Endpoint, ContextValue.Variant, ContextValue.InferenceComponent, ContextValue.PipelineExecution,
    ].sort());
  });

  it('Run Query: Ctrl+Enter / Cmd+Enter in a cwlq editor, in its title bar, and in the palette only there', () => {
    const key = pkg.contributes.keybindings.find((k: { command: string }) => k.command === CommandId.RunQuery);
    assert.deepEqual([key.key, key.mac, key.when], ['ctrl+enter', 'cmd+enter', 'editorTextFocus && editorLangId == cwlq']);
    assert.ok(pkg.contributes.menus['editor/title'].some((m: { command: string; when: string }) => m.command === CommandId.RunQuery && m.when === 'editorLangId == cwlq'));
    assert.ok(pkg.contributes.menus.commandPalette.some((m: { command: string; when: string }) => m.command === CommandId.RunQuery && m.when === 'editorLangId == cwlq'));
  });

  it('activates on a results view to restore after a reload (VS Code 1.100 needs the event spelt out)', () => {
    for (const viewType of Object.values(WebviewViewType)) {
      assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${viewType}`), viewType);
    }
  });

  it('ships the grammar and the language configuration in the package', () => {
    const ignore = readFileSync(join(__dirname, '..', '..', '..', '..', '.vscodeignore'), 'utf8');
    assert.match(ignore, /^!syntaxes\/\*\.tmLanguage\.json$/m);
    assert.match(ignore, /^!syntaxes\/\*\.language-configuration\.json$/m);
  });
});
