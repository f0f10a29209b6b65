// Compare runs against the simulator: six jobs in ONE GetMetricData call per refresh, the simulator's values,
// only the differing hyperparameters in the table; a tuning job's best children; the tree's multi-selection.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { ComparePanel } from '../../../src/metrics/comparePanel';
import { CommandId } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { computeSeries } from '../../../sim/src/model/metrics';
import type { Simulator } from '../../../sim/src/server';
import { child, extensionApi, simulatorForExtension, waitFor } from '../helpers';
import { openCompare } from './panelHelpers';

const GMD = 'cloudwatch.GetMetricData';
const T = DEMO.tuning;
const childNamed = (n: number) => [...T.children.completed, T.children.failed, T.children.stopped, ...T.children.inProgress].find((c) => c.includes(`-00${n}-`)) as string;

describe('Compare runs', function () {
  this.timeout(120_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  afterEach(async () => {
    api.compare.panels.forEach((p) => p.dispose());
    await waitFor('the compare tabs to close', () => (vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview)) ? undefined : true));
  });

  after(async () => {
    await sim?.close();
  });

  const gmdCalls = async () => (await sim.control.requestCounts())[GMD] ?? 0;

  it('six training jobs: one GetMetricData call per refresh, the simulator\'s values, only the differing hyperparameters', async () => {
    const names = [1, 2, 3, 4, 5, 6].map(childNamed);
    await sim.control.resetRequestCounts();
    const panel = await openCompare({ trainingJobNames: names });
    assert.strictEqual(await gmdCalls(), 1, 'the first refresh is one call for all six jobs');
    const data = panel.lastData;
    const spec = panel.spec;
    assert.ok(data && spec);
    assert.strictEqual(data.calls, 1);
    assert.deepStrictEqual(spec.jobs.map((j) => j.name), names);
    assert.deepStrictEqual(spec.charts.map((c) => c.title), ['train:auc', 'validation:auc']);
    assert.strictEqual(data.series.length, 12, 'two metrics × six jobs');

    // Every series holds the simulator's own values of its job over the window (all but the newest minutes).
    const account = sim.state.accounts.get('us-east-1');
    const nowSec = sim.state.clock.now() / 1000;
    let compared = 0;
    for (const s of spec.charts.flatMap((c) => c.series)) {
      const generated = account?.metrics.get('/aws/sagemaker/TrainingJobs', s.metricName, [{ Name: 'TrainingJobName', Value: s.label }]);
      assert.ok(generated, `the simulator has ${s.metricName} of ${s.label}`);
      const expected = computeSeries(generated, Math.floor(data.range.start / 60_000) * 60, Math.ceil(data.range.end / 60_000) * 60, data.periodSeconds, 'Average', nowSec);
      const byTime = new Map(expected.timestamps.map((t, i) => [t * 1000, expected.values[i]]));
      const shown = data.series.find((d) => d.id === s.id);
      assert.ok(shown && shown.values.length > 0, `${s.metricName} of ${s.label} has points`);
      shown.timestamps.slice(0, -2).forEach((t, i) => {
        assert.strictEqual(shown.values[i], byTime.get(t), `${s.metricName} of ${s.label} at ${new Date(t).toISOString()}`);
        compared++;
      });
    }
    assert.ok(compared > 50, `${compared} values compared`);

    // The page drew every series and shows only the tuned hyperparameters (the static ones are the same).
    assert.deepStrictEqual(panel.shown?.hyperparameters, ['eta', 'max_depth', 'min_child_weight', 'subsample']);
    assert.ok(Object.values(panel.shown?.points ?? {}).every((n) => n > 0), JSON.stringify(panel.shown?.points));
    assert.match(panel.shown?.text ?? '', /12 series in 1 GetMetricData call\b/);

    await panel.refresh();
    assert.strictEqual(await gmdCalls(), 2, 'a refresh is one more call');
    await panel.receive({ type: 'setView', view: { instanceMetrics: true } });
    await waitFor('the instance metrics charts', () => (panel.refreshCount >= 3 ? true : undefined));
    assert.strictEqual(await gmdCalls(), 3, 'with CPU, GPU and memory too: still one call');
    assert.strictEqual(panel.lastData?.series.length, 12 + 6 * 3);
  });

  it('a tuning job: its best `top` children by the objective, with their objective values', async () => {
    const panel = await openCompare({ tuningJobName: T.name, top: 3 });
    const ranked = Object.entries(T.objectives)
      .filter(([name]) => [...T.children.completed, T.children.stopped].includes(name))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3);
    assert.deepStrictEqual(panel.spec?.jobs.map((j) => [j.name, j.objectiveValue]), ranked);
    assert.deepStrictEqual(panel.spec?.objective, { type: 'Maximize', metricName: 'validation:auc' });
    assert.strictEqual(panel.lastData?.calls, 1);
  });

  it('from the tree: the selected training jobs (the command gets the clicked node and the selection)', async () => {
    const tuningRoot = await child(api, undefined, 'Tuning Jobs');
    const tuning = await child(api, tuningRoot.node, T.name);
    const [a, b] = [await child(api, tuning.node, childNamed(1)), await child(api, tuning.node, childNamed(2))];
    assert.strictEqual(a.item.contextValue, 'trainingJob');
    const panel = await openCompare(a.node, [a.node, b.node]);
    assert.deepStrictEqual(panel.spec?.jobs.map((j) => j.name), [childNamed(1), childNamed(2)]);
    // "Compare Children" on the tuning job: the default six best.
    const children = (await vscode.commands.executeCommand(CommandId.CompareTuningChildren, tuning.node)) as ComparePanel | undefined;
    assert.ok(children);
    assert.deepStrictEqual(children.target, { kind: 'tuningJob', tuningJobName: T.name, top: 6 });
  });
});
