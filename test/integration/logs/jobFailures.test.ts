// Show Failure, jump to source and Tail Logs From for processing and transform jobs, in a real extension
// host against the simulator's demo scenario (plus a failed transform job the demo does not have).
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ShownFailure } from '../../../src/logs/triage';
import { CommandId, EXTENSION_ID, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { PROCESSING_JOB_ERROR, PROCESSING_JOB_TRACEBACK } from '../../../sim/scenarios/demoJobs';
import type { Simulator } from '../../../sim/src/server';
import { FAILED_TRANSFORM_JOB, FAILED_TRANSFORM_REASON, addFailedTransformJob } from '../../fixtures/failedTransform';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor } from '../helpers';

const P = DEMO.processingJobs;
const X = DEMO.transformJobs;
/** The code frames of the demo's processing traceback, outermost first: preprocess.py lines 58, 49, 34. */
const CODE_FRAMES = PROCESSING_JOB_TRACEBACK.filter((f) => f.file.startsWith('/opt/ml/processing/input/code/'));

function workspaceFile(rel: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the rig opens a copy of sample-workspace');
  return vscode.Uri.joinPath(folder.uri, rel);
}

async function links(uri: vscode.Uri): Promise<vscode.DocumentLink[]> {
  return (await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', uri, 1000)) ?? [];
}

/** The file link on the line of a document that shows `File "<file>", line <n>`. */
async function frameLink(doc: vscode.TextDocument, file: string, line: number): Promise<vscode.DocumentLink | undefined> {
  const at = doc.getText().split('\n').findIndex((l) => l.includes(`File "${file}", line ${line},`));
  assert.ok(at >= 0, `a line with ${file}:${line}`);
  return (await links(doc.uri)).find((l) => l.range.start.line === at && l.target?.scheme === 'file');
}

const ours = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'SageMaker');

describe('Logs: Show Failure, jump to source and Tail Logs From for processing and transform jobs', function () {
  this.timeout(60_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let instances: string[];
  let mappings: unknown;

  const tailOf = (name: string) => api.logTails().find((t) => t.channelName === logChannelName(name));
  const linesOf = (name: string) => (tailOf(name)?.text ?? '').split('\n').filter((l) => l !== '' && !l.includes('=== ['));
  const ended = (name: string) => waitFor(`the tail of ${name} to end`, () => (tailOf(name)?.state === 'ended' ? true : undefined), 30_000);
  const report = (shown: ShownFailure) => waitFor('the report document', () => vscode.workspace.textDocuments.find((d) => d.uri.toString() === shown.report.toString()));

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    instances = (await addFailedTransformJob(sim)).sort();
    mappings = vscode.workspace.getConfiguration('sagemakerMonitor').inspect('sourceMappings')?.workspaceValue;
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.timestamps', 'utc');
    await setSetting('logs.liveTail', 'never');
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await setSetting('logs.backfillLines', undefined);
  });

  after(async () => {
    api?.triage.clear();
    await setSetting('sourceMappings', mappings);
    for (const key of ['logs.pollIntervalSeconds', 'logs.timestamps', 'logs.liveTail']) {
      await setSetting(key, undefined);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sim?.close();
  });

  it('Show Failure on a failed processing job: FailureReason, ExitMessage, traceback, last lines; the error on preprocess.py line 34', async () => {
    const shown = await vscode.commands.executeCommand<ShownFailure>(CommandId.ShowFailure, { processingJobName: P.failed });
    assert.ok(shown, 'Show Failure returned');
    assert.deepStrictEqual([shown.job, shown.processingJobName], [{ kind: 'processing', name: P.failed }, P.failed]);
    const doc = await report(shown);
    assert.strictEqual(doc.languageId, 'sagemaker-log');
    const text = doc.getText();
    assert.match(text, new RegExp(`^=== \\[failure\\] Processing job ${P.failed} failed at `));
    assert.ok(text.includes('FailureReason:\n  AlgorithmError: See job logs for more information\nExitMessage:\n  Traceback (most recent call last):'), text.slice(0, 400));
    assert.ok(text.includes('=== [traceback] first traceback, algo-1'), text);
    assert.ok(text.includes(`=== [host] algo-1: last `), text);
    assert.ok(text.trimEnd().endsWith(`[algo-1] ${PROCESSING_JOB_ERROR}`), text.slice(-200));

    assert.deepStrictEqual(shown.diagnostic && [shown.diagnostic.uri.path, shown.diagnostic.line], [workspaceFile('preprocess.py').path, 34]);
    const problems = ours(workspaceFile('preprocess.py'));
    assert.strictEqual(problems.length, 1, JSON.stringify(problems));
    assert.strictEqual(problems[0].range.start.line, 33);
    assert.strictEqual(problems[0].message, `${PROCESSING_JOB_ERROR} (processing job ${P.failed}, algo-1)`);
    assert.strictEqual((problems[0].code as { target: vscode.Uri }).target.toString(), shown.report.toString());
    assert.deepStrictEqual(
      problems[0].relatedInformation?.map((r) => [vscode.workspace.asRelativePath(r.location.uri), r.location.range.start.line + 1]),
      [
        ['preprocess.py', 49],
        ['preprocess.py', 58],
      ],
    );
    // The report's own frames link to the workspace.
    const link = await frameLink(doc, CODE_FRAMES[2].file, CODE_FRAMES[2].line);
    assert.strictEqual(link?.target?.path, workspaceFile('preprocess.py').path);
    assert.strictEqual(link.target.fragment, 'L34');
  });

  it('dismissFailure takes a processing job and leaves the other jobs\' entries; a new tail of the job clears its own', async () => {
    await vscode.commands.executeCommand(CommandId.ShowFailure, { processingJobName: P.failed });
    await vscode.commands.executeCommand(CommandId.ShowFailure, { trainingJobName: DEMO.jobs.failed });
    assert.strictEqual(api.triage.diagnosticsOf({ processingJobName: P.failed }).length, 1);
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.failed).length, 1);
    await vscode.commands.executeCommand(CommandId.DismissFailure, { processingJobName: P.failed });
    assert.strictEqual(ours(workspaceFile('preprocess.py')).length, 0);
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.failed).length, 1);
    await vscode.commands.executeCommand(CommandId.ShowFailure, { processingJobName: P.failed });
    await vscode.commands.executeCommand(CommandId.TailLogs, { processingJobName: P.failed, follow: false });
    assert.strictEqual(api.triage.diagnosticsOf({ processingJobName: P.failed }).length, 0);
    await vscode.commands.executeCommand(CommandId.DismissFailure);
    assert.strictEqual(api.triage.diagnosticsOf(DEMO.jobs.failed).length, 0);
  });

  it('Show Failure on a failed transform job: FailureReason and the last lines of each instance\'s model server and data log', async () => {
    const shown = await vscode.commands.executeCommand<ShownFailure>(CommandId.ShowFailure, { transformJobName: FAILED_TRANSFORM_JOB });
    assert.ok(shown, 'Show Failure returned');
    assert.strictEqual(shown.diagnostic, undefined, 'no traceback, no Problems entry');
    assert.strictEqual(shown.report.path, `/transform/${FAILED_TRANSFORM_JOB}.log`);
    const text = (await report(shown)).getText();
    assert.match(text, new RegExp(`^=== \\[failure\\] Transform job ${FAILED_TRANSFORM_JOB} failed at .*\nFailureReason:\n  ${FAILED_TRANSFORM_REASON}\n\n=== \\[traceback\\] no Python traceback`));
    for (const id of instances) {
      assert.ok(text.includes(`=== [host] ${id}: last 20 lines (${FAILED_TRANSFORM_JOB}/${id}-`), `${id}: ${text}`);
      const dataLog = text.slice(text.indexOf(`=== [host] ${id}/data-log: last `));
      assert.ok(dataLog.startsWith('=== [host]'), `${id}/data-log: ${text}`);
      assert.match(dataLog, new RegExp(`\\[${id}/data-log\\] .*Message: could not convert string to float`));
    }
    assert.strictEqual(api.triage.diagnosticsOf({ transformJobName: FAILED_TRANSFORM_JOB }).length, 0);
  });

  it('Show Failure on a job that has not failed says so, for each kind', async () => {
    await assert.rejects(api.triage.show({ processingJobName: P.completed }), { message: `Processing job ${P.completed} has not failed (it is Completed).` });
    await assert.rejects(api.triage.show({ transformJobName: X.inProgress }), { message: `Transform job ${X.inProgress} has not failed (it is InProgress).` });
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.ShowFailure, { transformJobName: X.completed }), undefined);
    assert.strictEqual(api.triage.diagnosticsOf({ processingJobName: P.completed }).length, 0);
  });

  it('AccessDenied on DescribeTransformJob: the message names sagemaker:DescribeTransformJob, and no report opens', async () => {
    await sim.control.injectFault({ operation: 'sagemaker.DescribeTransformJob', type: 'accessDenied' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await assert.rejects(api.triage.show({ transformJobName: FAILED_TRANSFORM_JOB }), (e: Error) => {
      assert.strictEqual(e.message, `Show Failure: cannot read transform job ${FAILED_TRANSFORM_JOB}. Access denied: the credentials lack permission for sagemaker:DescribeTransformJob.`);
      return true;
    });
    assert.strictEqual(await vscode.commands.executeCommand(CommandId.ShowFailure, { transformJobName: FAILED_TRANSFORM_JOB }), undefined);
    assert.ok(!vscode.window.visibleTextEditors.some((e) => e.document.uri.scheme === 'sagemaker-failure'));
  });

  it('the tree offers Show Failure on failed processing and transform jobs only, and runs it with the node', async () => {
    const menu = (vscode.extensions.getExtension(EXTENSION_ID)?.packageJSON as { contributes: { menus: Record<string, { command: string; when?: string }[]> } }).contributes.menus['view/item/context'];
    const when = menu.find((m) => m.command === CommandId.ShowFailure)?.when ?? '';
    const offered = new RegExp(/viewItem =~ \/(.+)\/$/.exec(when)?.[1] ?? '^$');
    api.explorer.refresh();
    const processing = await children(api, (await child(api, undefined, 'Processing Jobs')).node);
    const transform = await children(api, (await child(api, undefined, 'Transform Jobs')).node);
    const byName = new Map([...processing, ...transform].map((n) => [n.label, n]));
    assert.deepStrictEqual(
      // A job tailed above is watched (`processingJobFailedWatched`): the same menus, with Unwatch.
      [P.failed, P.completed, P.inProgress, FAILED_TRANSFORM_JOB, X.completed].map((name) => [name, byName.get(name)?.item.contextValue?.replace(/Watched$/, ''), offered.test(String(byName.get(name)?.item.contextValue))]),
      [
        [P.failed, 'processingJobFailed', true],
        [P.completed, 'processingJob', false],
        [P.inProgress, 'processingJob', false],
        [FAILED_TRANSFORM_JOB, 'transformJobFailed', true],
        [X.completed, 'transformJob', false],
      ],
    );
    // The other actions of a job stay on the failed ones.
    const tail = menu.find((m) => m.command === CommandId.TailLogs && m.when?.includes('viewItem =~'))?.when ?? '';
    assert.ok(new RegExp(/viewItem =~ \/(.+)\/$/.exec(tail)?.[1] ?? '^$').test('transformJobFailed'), tail);
    const shown = await vscode.commands.executeCommand<ShownFailure>(CommandId.ShowFailure, byName.get(P.failed)?.node);
    assert.deepStrictEqual(shown?.job, { kind: 'processing', name: P.failed });
    assert.strictEqual(api.triage.diagnosticsOf({ processingJobName: P.failed }).length, 1);
    await vscode.commands.executeCommand(CommandId.DismissFailure, byName.get(P.failed)?.node);
    assert.strictEqual(api.triage.diagnosticsOf({ processingJobName: P.failed }).length, 0);
  });

  it('a processing tail links its traceback to sample-workspace/preprocess.py, by the job\'s code input; a source mapping for it wins', async () => {
    // A frame of a module next to the script, and a second copy of that module elsewhere in the workspace:
    // only the job's code input (the directory holding preprocess.py) tells them apart.
    const job = sim.state.account('us-east-1').processingJobs.get(P.failed);
    assert.ok(job);
    const helper = '/opt/ml/processing/input/code/utils/data.py';
    await sim.control.appendLogEvents('/aws/sagemaker/ProcessingJobs', `${P.failed}/algo-1-${Math.floor(job.startTime / 1000)}`, [{ message: `  File "${helper}", line 7, in load_raw` }]);
    const archive = workspaceFile('archive');
    await vscode.workspace.fs.writeFile(workspaceFile('archive/utils/data.py'), await vscode.workspace.fs.readFile(workspaceFile('utils/data.py')));
    try {
      await vscode.commands.executeCommand(CommandId.TailLogs, { processingJobName: P.failed, follow: false });
      await ended(P.failed);
      const marker = `File "${helper}", line 7,`;
      const doc = await waitFor('the channel document', () =>
        vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && decodeURIComponent(d.uri.toString()).includes(logChannelName(P.failed)) && d.getText().includes(marker)),
      );
      for (const f of CODE_FRAMES) {
        const link = await frameLink(doc, f.file, f.line);
        assert.strictEqual(link?.target?.path, workspaceFile('preprocess.py').path, `${f.file}:${f.line}`);
        assert.strictEqual(link.target.fragment, `L${f.line}`);
      }
      const helperLink = await frameLink(doc, helper, 7);
      assert.strictEqual(helperLink?.target?.path, workspaceFile('utils/data.py').path, 'utils/data.py next to preprocess.py, not archive/utils/data.py');

      await vscode.workspace.fs.writeFile(workspaceFile('archive/preprocess.py'), await vscode.workspace.fs.readFile(workspaceFile('preprocess.py')));
      await setSetting('sourceMappings', { '/opt/ml/code': '${workspaceFolder}', '/opt/ml/processing/input/code': '${workspaceFolder}/archive' });
      const mapped = await waitFor('the link to follow the mapping', async () => {
        const link = await frameLink(doc, CODE_FRAMES[2].file, CODE_FRAMES[2].line);
        return link?.target?.path === workspaceFile('archive/preprocess.py').path ? link : undefined;
      });
      assert.strictEqual(mapped.target?.fragment, 'L34');
    } finally {
      await setSetting('sourceMappings', mappings);
      await vscode.workspace.fs.delete(archive, { recursive: true });
    }
  });

  it('Tail Logs From the start of a processing job, of one of its hosts, and of a transform job\'s data log', async () => {
    await setSetting('logs.backfillLines', 3);
    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { processingJobName: P.completed, from: 'jobStart' });
    await ended(P.completed);
    const whole = linesOf(P.completed);
    assert.ok(whole.length > 3, `more than the last 3 lines: ${whole.length}`);
    assert.match(whole[0], / Received arguments --host algo-1 /);
    const started = sim.state.account('us-east-1').processingJobs.get(P.completed)?.startTime ?? 0;
    assert.ok(Date.parse(whole[0].split(' ').slice(0, 2).join('T')) >= started, whole[0]);

    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { processingJobName: P.inProgress, host: 'algo-2', from: 'jobStart', follow: false });
    await ended(P.inProgress);
    const host = linesOf(P.inProgress);
    assert.ok(host.length > 3 && host.every((l) => !/\[algo-\d\]/.test(l)), host.slice(0, 3).join('\n'));
    assert.match(host[0], / Received arguments --host algo-2 /);

    await vscode.commands.executeCommand(CommandId.TailLogsFrom, { transformJobName: X.completed, dataLog: true, from: 'jobStart' });
    await ended(X.completed);
    assert.strictEqual(linesOf(X.completed).filter((l) => /part-\d{5}\.csv: Completed$/.test(l)).length, 12);
  });
});
