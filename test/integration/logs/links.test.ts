// Jump to source in a real extension host: output channel documents of language sagemaker-log, the link
// provider resolving the demo traceback to sample-workspace files, and Show Failure's diagnostic.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { logChannelName } from '../../../src/shared/ids';
import { DEMO, FAILED_JOB_ERROR, FAILED_JOB_TRACEBACK } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

/** The demo traceback as the tail writes it: timestamp, host tag, message. */
function channelText(marker: string): string {
  const prefix = '2026-11-24 12:00:01.123 [algo-1] ';
  const frames = FAILED_JOB_TRACEBACK.flatMap((f) => [`${prefix}  File "${f.file}", line ${f.line}, in ${f.func}`, `${prefix}    ${f.code}`]);
  return [`${prefix}${marker}`, `${prefix}Traceback (most recent call last):`, ...frames, `${prefix}${FAILED_JOB_ERROR}`, `${prefix}  File "/etc/passwd", line 1, in <module>`].join('\n') + '\n';
}

async function links(uri: vscode.Uri): Promise<vscode.DocumentLink[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri, 1000)) ?? [];
}

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the rig opens a copy of sample-workspace');
  return vscode.Uri.joinPath(folder.uri, rel);
}

const WORKSPACE_FRAMES = FAILED_JOB_TRACEBACK.filter((f) => f.file.startsWith('/opt/ml/code/'));

describe('Logs: jump to source and Show Failure', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  const channels: vscode.OutputChannel[] = [];

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  after(async () => {
    channels.forEach((c) => c.dispose());
    api?.triage.clear();
    await setSetting('sourceMappings', undefined);
    await sim?.close();
  });

  async function channelDocument(marker: string): Promise<vscode.TextDocument> {
    const channel = vscode.window.createOutputChannel(logChannelName(DEMO.jobs.failed), 'sagemaker-log');
    channels.push(channel);
    channel.append(channelText(marker));
    channel.show(true);
    return waitFor('the output channel document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes(marker)));
  }

  it('output channels are documents with scheme output and the channel language', async () => {
    const doc = await channelDocument('probe-language');
    assert.strictEqual(doc.uri.scheme, 'output');
    assert.strictEqual(doc.languageId, 'sagemaker-log', `output document ${doc.uri.toString()}`);
    console.log(`      output channel document (VS Code ${vscode.version}): ${doc.uri.toString()} · ${doc.languageId}`);
  });

  it('links every workspace frame of the demo traceback to its file and line, and no site-packages frame', async () => {
    const doc = await channelDocument('probe-links');
    const found = await links(doc.uri);
    for (const f of WORKSPACE_FRAMES) {
      const line = doc.getText().split('\n').findIndex((l) => l.includes(`File "${f.file}", line ${f.line},`));
      const link = found.find((l) => l.range.start.line === line && l.target?.scheme === 'file');
      assert.ok(link?.target, `a resolved link on line ${line} for ${f.file}:${f.line}`);
      assert.strictEqual(link.target.path, workspaceFile(f.file.replace('/opt/ml/code/', '')).path);
      assert.strictEqual(link.target.fragment, `L${f.line}`);
    }
    const libraryLines = doc
      .getText()
      .split('\n')
      .map((l, i) => (l.includes('site-packages') ? i : -1))
      .filter((i) => i >= 0);
    assert.ok(libraryLines.length > 0);
    const ours = (l: vscode.DocumentLink) => l.target?.scheme === 'file' || l.target?.toString().startsWith('command:sagemakerMonitor.openSourceLink');
    assert.deepStrictEqual(found.filter((l) => libraryLines.includes(l.range.start.line) && ours(l)), [], 'site-packages frames are not linked');
    const passwd = found.find((l) => ours(l) && doc.lineAt(l.range.start.line).text.includes('/etc/passwd'));
    assert.ok(passwd?.target, 'a path outside the workspace gets a link that explains, not one that opens it');
    assert.strictEqual(passwd.target.scheme, 'command');
  });

  it('links lines appended after the first scan, and rescans a cleared channel', async () => {
    const doc = await channelDocument('probe-append');
    const channel = channels[channels.length - 1];
    assert.ok((await links(doc.uri)).some((l) => l.target?.scheme === 'file'));
    channel.append('2026-11-24 12:00:02.000 [algo-1] see utils/data.py:7:5 for the loader\n');
    const grown = await waitFor('the appended line', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.getText().includes('utils/data.py:7:5')));
    const line = grown.getText().split('\n').findIndex((l) => l.includes('utils/data.py:7:5'));
    const appended = (await links(grown.uri)).find((l) => l.range.start.line === line && l.target?.scheme === 'file');
    assert.strictEqual(appended?.target?.path, workspaceFile('utils/data.py').path);
    assert.strictEqual(appended.target.fragment, 'L7,5');
    channel.replace('2026-11-24 12:00:03.000 [algo-1] only model/classifier.py:3 now\n');
    const replaced = await waitFor('the replaced channel', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === doc.uri.toString() && d.getText().includes('only model/classifier.py:3 now') && !d.getText().includes('probe-append')));
    const after = (await links(replaced.uri)).filter((l) => l.target?.scheme === 'file');
    assert.deepStrictEqual(after.map((l) => [l.range.start.line, l.target?.path]), [[0, workspaceFile('model/classifier.py').path]]);
  });

  it('a source mapping that leads outside the workspace is refused', async () => {
    await setSetting('sourceMappings', { '/opt/ml/code': '${workspaceFolder}/../..' });
    const editor = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('sagemakerMonitor.openSourceLink', { path: '/opt/ml/code/etc/passwd', line: 1 });
    assert.strictEqual(editor, undefined);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.path.endsWith('/etc/passwd')));
    await setSetting('sourceMappings', { '/opt/ml/code': '${workspaceFolder}' });
    const opened = await vscode.commands.executeCommand<vscode.TextEditor | undefined>('sagemakerMonitor.openSourceLink', { path: '/opt/ml/code/train.py', line: 41, column: 9 });
    assert.strictEqual(opened?.document.uri.path, workspaceFile('train.py').path);
    assert.deepStrictEqual([opened.selection.active.line, opened.selection.active.character], [40, 8]);
    await setSetting('sourceMappings', undefined);
  });

  it('two equally good matches: the link asks with a quick pick', async () => {
    const copy = workspaceFile('archive/utils/training.py');
    await vscode.workspace.fs.writeFile(copy, new TextEncoder().encode('# an older copy\n'));
    try {
      // An endpoint's channel: no HyperParameters to tell the copies apart.
      const channel = vscode.window.createOutputChannel(logChannelName(DEMO.endpoints.twoVariants), 'sagemaker-log');
      channels.push(channel);
      channel.append('2026-11-24 12:00:01.123 [Primary/i-0abc]   File "/srv/app/utils/training.py", line 33, in train_one_epoch\n');
      channel.show(true);
      const doc = await waitFor('the endpoint channel document', () => vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes('/srv/app/utils/training.py')));
      const link = await waitFor('a link that asks', async () => (await links(doc.uri)).find((l) => l.target?.scheme === 'command'));
      const target = link.target;
      assert.ok(target && target.toString().startsWith('command:sagemakerMonitor.openSourceLink'));
      const args = JSON.parse(decodeURIComponent(target.query)) as { path: string; line: number }[];
      assert.deepStrictEqual([args[0].path, args[0].line], ['/srv/app/utils/training.py', 33]);
      let opened: vscode.TextEditor | undefined;
      let done = false;
      const run = Promise.resolve(vscode.commands.executeCommand<vscode.TextEditor | undefined>('sagemakerMonitor.openSourceLink', ...args)).then((e) => {
        opened = e;
        done = true;
      });
      // The first pick is the shorter path: the workspace's own utils/training.py.
      await waitFor('the quick pick to be answered', async () => {
        await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
        return done || undefined;
      });
      await run;
      assert.strictEqual(opened?.document.uri.path, workspaceFile('utils/training.py').path);
      assert.strictEqual(opened.selection.active.line, 32);
    } finally {
      await vscode.workspace.fs.delete(copy);
    }
  });

  it('Show Failure reports the failure and puts the error on model/classifier.py line 28', async () => {
    const shown = await vscode.commands.executeCommand<{ report: vscode.Uri; diagnostic?: { uri: vscode.Uri; line: number } }>('sagemakerMonitor.showFailure', {
      trainingJobName: DEMO.jobs.failed,
    });
    assert.ok(shown, 'Show Failure returned');
    const report = await waitFor('the report document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.report.toString()));
    assert.strictEqual(report.languageId, 'sagemaker-log');
    const text = report.getText();
    assert.match(text, /^=== \[failure\] Training job bert-sentiment-finetune failed/);
    assert.ok(text.includes('AlgorithmError: ExecuteUserScriptError:'), 'FailureReason');
    assert.ok(text.includes('=== [traceback] first traceback, algo-1'), text);
    assert.ok(text.includes('=== [host] algo-1: last 20 lines'), text);
    const tailSection = text.slice(text.indexOf('=== [host] algo-1'));
    assert.strictEqual(tailSection.trim().split('\n').length, 21);

    const problems = vscode.languages.getDiagnostics().flatMap(([uri, ds]) => ds.filter((d) => d.source === 'SageMaker').map((d) => ({ uri, d })));
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    assert.strictEqual(problems[0].uri.path, workspaceFile('model/classifier.py').path);
    assert.strictEqual(problems[0].d.range.start.line, 27);
    assert.strictEqual(problems[0].d.severity, vscode.DiagnosticSeverity.Error);
    assert.ok(problems[0].d.message.startsWith(FAILED_JOB_ERROR), problems[0].d.message);
    const code = problems[0].d.code as { value: string; target: vscode.Uri };
    assert.deepStrictEqual([code.value, code.target.toString()], [DEMO.jobs.failed, shown.report.toString()]);
    assert.deepStrictEqual(
      problems[0].d.relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1]),
      [
        ['utils/training.py', 33],
        ['train.py', 41],
        ['train.py', 52],
      ],
    );

    const reportLinks = await links(report.uri);
    const classifierLine = text.split('\n').findIndex((l) => l.includes('model/classifier.py", line 28'));
    const link = reportLinks.find((l) => l.range.start.line === classifierLine && l.target?.scheme === 'file');
    assert.strictEqual(link?.target?.path, workspaceFile('model/classifier.py').path);

    await vscode.commands.executeCommand('sagemakerMonitor.dismissFailure');
    assert.strictEqual(vscode.languages.getDiagnostics(workspaceFile('model/classifier.py')).filter((d) => d.source === 'SageMaker').length, 0);
  });

  it('tailing the job again clears its diagnostic', async () => {
    await vscode.commands.executeCommand('sagemakerMonitor.showFailure', { trainingJobName: DEMO.jobs.failed });
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.failed).length, 1);
    await vscode.commands.executeCommand('sagemakerMonitor.tailLogs', { trainingJobName: DEMO.jobs.failed });
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.failed).length, 0);
    assert.strictEqual(vscode.languages.getDiagnostics(workspaceFile('model/classifier.py')).filter((d) => d.source === 'SageMaker').length, 0);
    await vscode.commands.executeCommand('sagemakerMonitor.stopTail', { name: DEMO.jobs.failed });
  });

  it('Show Failure on a job that has not failed says so', async () => {
    const shown = await vscode.commands.executeCommand('sagemakerMonitor.showFailure', { trainingJobName: DEMO.jobs.completed });
    assert.strictEqual(shown, undefined);
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.completed).length, 0);
  });
});
