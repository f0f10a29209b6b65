// Metric panels of processing and transform jobs and their hosts, against the demo scenario.
import * as assert from 'assert';
import type { SageMakerMonitorApi } from '../../../src/extension';
import type { MetricsPanel } from '../../../src/metrics/metricsPanel';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { extensionApi, simulatorForExtension } from '../helpers';
import { closePanels, openPanel } from './panelHelpers';

describe('Metrics: processing and transform job panels', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
  });

  afterEach(() => closePanels(api));

  after(async () => {
    await sim?.close();
  });

  const chart = (panel: MetricsPanel, id: string) => {
    const found = panel.spec?.charts.find((c) => c.id === id);
    assert.ok(found, `${id} among ${panel.spec?.charts.map((c) => c.id).join()}`);
    return found;
  };
  const points = (panel: MetricsPanel, id: string) => panel.lastData?.series.find((s) => s.id === id)?.values.filter((v) => v !== null).length ?? 0;

  it('processing job: CPU, memory and disk per algo host over the job\'s run, no GPU on CPU hosts', async () => {
    const panel = await openPanel({ processingJobName: DEMO.processingJobs.inProgress });
    assert.deepStrictEqual(panel.spec?.charts.map((c) => c.id), ['CPUUtilization', 'MemoryUtilization', 'DiskUtilization']);
    const cpu = chart(panel, 'CPUUtilization');
    assert.deepStrictEqual(cpu.series.map((s) => [s.namespace, s.dimensions[0].Value]), [
      ['/aws/sagemaker/ProcessingJobs', `${DEMO.processingJobs.inProgress}/algo-1`],
      ['/aws/sagemaker/ProcessingJobs', `${DEMO.processingJobs.inProgress}/algo-2`],
    ]);
    assert.ok(cpu.series.every((s) => points(panel, s.id) > 0), 'both hosts have CPU points');
    // The default range is the job's own run: from its start (ProcessingStartTime), five minutes of margin before.
    const job = sim.state.account('us-east-1').processingJobs.get(DEMO.processingJobs.inProgress)!;
    const start = panel.lastData?.range.start ?? 0;
    assert.ok(Math.abs(start - (job.startTime - 5 * 60_000)) <= 60_000, `${new Date(start).toISOString()} vs ${new Date(job.startTime).toISOString()}`);
  });

  it('processing host: only that host', async () => {
    const panel = await openPanel({ processingJobName: DEMO.processingJobs.inProgress, host: 'algo-2' });
    assert.deepStrictEqual(chart(panel, 'MemoryUtilization').series.map((s) => s.dimensions[0].Value), [`${DEMO.processingJobs.inProgress}/algo-2`]);
  });

  it('transform job: per instance (Host job/instance-id) over its finished run; an instance alone', async () => {
    const ids = [...(sim.state.account('us-east-1').transformJobs.get(DEMO.transformJobs.completed)?.instanceIds ?? [])].sort();
    const panel = await openPanel({ transformJobName: DEMO.transformJobs.completed });
    const cpu = chart(panel, 'CPUUtilization');
    assert.deepStrictEqual(cpu.series.map((s) => s.dimensions[0].Value), ids.map((id) => `${DEMO.transformJobs.completed}/${id}`));
    assert.ok(cpu.series.every((s) => s.namespace === '/aws/sagemaker/TransformJobs' && points(panel, s.id) > 0));
    await closePanels(api);
    const one = await openPanel({ transformJobName: DEMO.transformJobs.completed, host: ids[1] });
    assert.deepStrictEqual(chart(one, 'DiskUtilization').series.map((s) => s.dimensions[0].Value), [`${DEMO.transformJobs.completed}/${ids[1]}`]);
    assert.strictEqual(one.spec?.title, `Metrics: ${DEMO.transformJobs.completed} / ${ids[1]}`);
  });
});
