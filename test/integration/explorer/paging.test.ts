// Paging through a large account, and the training job filter.
import * as assert from 'assert';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { TrainingJobsRootNode } from '../../../src/explorer/trainingJobNodes';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, simulatorForExtension } from '../helpers';

describe('Explorer: 5,000 training jobs', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'large', scenarioOptions: { trainingJobs: 5000, endpoints: 20, logLinesPerHost: 10, tuningJobs: 0, pipelines: 0 } });
    api.explorer.refresh();
  });

  after(async () => {
    await api.explorer.setTrainingJobFilter({});
    await sim?.close();
  });

  it('pages with "Load more…" until every job is listed once, newest first', async () => {
    await sim.control.resetRequestCounts();
    const root = (await child(api, undefined, 'Training Jobs')).node as TrainingJobsRootNode;
    let shown = await children(api, root);
    assert.strictEqual(shown.length, 51, 'a first page of 50 and "Load more…"');
    assert.strictEqual(shown.at(-1)?.label, 'Load more…');
    assert.strictEqual(shown.at(-1)?.item.command?.command, 'sagemakerMonitor.loadMoreTrainingJobs');
    while (shown.at(-1)?.label === 'Load more…') {
      await vscode_executeLoadMore();
      shown = await children(api, root);
    }
    const names = shown.map((s) => s.label);
    const total = sim.state.account('us-east-1').trainingJobs.size;
    assert.ok(total >= 5000, `${total} jobs in the account`);
    assert.strictEqual(names.length, total);
    assert.strictEqual(new Set(names).size, total, 'no job twice');
    const created = root.loadedJobs.map((j) => j.job.createdAt ?? 0);
    assert.ok(created.every((t, i) => i === 0 || created[i - 1] >= t), 'newest first');
    const counts = await sim.control.requestCounts();
    console.log(`5,000 jobs listed with ${counts['sagemaker.ListTrainingJobs'] ?? JSON.stringify(counts)} ListTrainingJobs calls`);
  });

  it('filters by name and status on the service side', async () => {
    await api.explorer.setTrainingJobFilter({ nameContains: 'job-0004', status: 'Failed' });
    const root = (await child(api, undefined, 'Training Jobs')).node;
    assert.strictEqual(api.explorer.getTreeItem(root).contextValue, 'trainingJobsRootFiltered');
    const shown = await children(api, root);
    assert.ok(shown.length > 0 && shown.length < 51, `${shown.length} jobs`);
    assert.ok(shown.every((s) => s.label.includes('job-0004')), shown.map((s) => s.label).join());
    assert.ok(shown.every((s) => String(s.item.description).startsWith('Failed')), shown.map((s) => s.item.description).join());
  });
});

async function vscode_executeLoadMore(): Promise<void> {
  const vscode = await import('vscode');
  await vscode.commands.executeCommand('sagemakerMonitor.loadMoreTrainingJobs');
}
