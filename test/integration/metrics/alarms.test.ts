// Alarm badges on the explorer's nodes and "Create alarm…" from a panel, against the simulator.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, waitFor, type ShownNode } from '../helpers';
import { closePanels, openPanel, seriesOf } from './panelHelpers';

const DESCRIBE_ALARMS = 'cloudwatch.DescribeAlarms';
const PUT_ALARM = 'cloudwatch.PutMetricAlarm';
const FIRING = 'fraud-detector-api-5xx-rate';

describe('Metrics: alarms on the tree and from panels', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    api.explorer.refresh();
  });

  afterEach(async () => {
    await sim.control.clearFaults();
    await closePanels(api);
  });

  after(async () => {
    await sim?.close();
  });

  const count = async (op: string) => (await sim.control.requestCounts())[op] ?? 0;
  const account = () => sim.state.account('us-east-1');
  const icon = (n: ShownNode) => (n.item.iconPath as vscode.ThemeIcon).id;

  /** An alarm as the simulator stores it; `over` names what differs. */
  const alarmRecord = (AlarmName: string, over: { Namespace: string; MetricName: string; Dimensions: { Name: string; Value: string }[]; Statistic: string; Threshold: number; ComparisonOperator: string; EvaluationPeriods?: number }) => ({
    AlarmName,
    Period: 60,
    EvaluationPeriods: 1,
    ActionsEnabled: true,
    AlarmActions: [],
    OKActions: [],
    InsufficientDataActions: [],
    updated: sim.state.clock.now(),
    ...over,
  });

  /** Every endpoint, variant and training job as the tree shows them after a full refresh. */
  async function expandAll() {
    const endpointsRoot = (await child(api, undefined, 'Endpoints')).node;
    const endpoints = await children(api, endpointsRoot);
    const variants = new Map<string, ShownNode[]>();
    for (const e of endpoints) {
      variants.set(e.label, await children(api, e.node));
    }
    const jobs = await children(api, (await child(api, undefined, 'Training Jobs')).node);
    return { endpoints, variants, jobs };
  }

  it('shows ALARM loudly on the endpoint and variant it watches, from one DescribeAlarms listing per refresh', async () => {
    await sim.control.resetRequestCounts();
    api.explorer.refresh();
    const { endpoints, variants, jobs } = await expandAll();
    const fraud = endpoints.find((e) => e.label === DEMO.endpoints.bursty);
    assert.ok(fraud);
    assert.strictEqual(fraud.item.description, `ALARM: ${FIRING} · InService`);
    assert.strictEqual(icon(fraud), 'bell-dot');
    const tooltip = (fraud.item.tooltip as vscode.MarkdownString).value.replace(/&nbsp;/g, ' ').replace(/\\/g, '');
    assert.match(tooltip, new RegExp(`Alarms \\(ALARM\\):.*${FIRING} — Threshold Crossed`, 's'));
    const allTraffic = variants.get(DEMO.endpoints.bursty)?.find((v) => v.label === 'AllTraffic');
    assert.ok(allTraffic?.item.description?.toString().startsWith(`ALARM: ${FIRING} · `), String(allTraffic?.item.description));
    // churn-xgb-prod's p99 latency alarm is OK: no badge; endpoints without alarms neither.
    const churn = endpoints.find((e) => e.label === DEMO.endpoints.twoVariants);
    assert.strictEqual(churn?.item.description, 'InService');
    assert.strictEqual(churn && icon(churn), 'pass');
    assert.ok(jobs.every((j) => !String(j.item.description).includes('ALARM')));
    assert.strictEqual(await count(DESCRIBE_ALARMS), 1, 'one listing for the whole tree');

    // Expanding again (cached children) and hovering do not list again; a refresh does, once.
    await expandAll();
    assert.strictEqual(await count(DESCRIBE_ALARMS), 1);
    api.explorer.refresh();
    await expandAll();
    assert.strictEqual(await count(DESCRIBE_ALARMS), 2);
  });

  it('pages DescribeAlarms and shows INSUFFICIENT_DATA quietly on a training job watched through its Host', async () => {
    // 120 more alarms (two pages of 100), one of them on a host of the completed job, on a metric it never published.
    for (let i = 0; i < 120; i++) {
      const name = `zz-filler-${String(i).padStart(3, '0')}`;
      account().alarms.set(name, alarmRecord(name, { Namespace: 'Custom/Filler', MetricName: 'Nothing', Dimensions: [{ Name: 'Queue', Value: String(i) }], Statistic: 'Sum', Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }));
    }
    account().alarms.set(
      'zzz-job-gpu',
      alarmRecord('zzz-job-gpu', { Namespace: '/aws/sagemaker/TrainingJobs', MetricName: 'GPUUtilization', Dimensions: [{ Name: 'Host', Value: `${DEMO.jobs.completed}/algo-1` }], Statistic: 'Maximum', EvaluationPeriods: 3, Threshold: 90, ComparisonOperator: 'LessThanThreshold' }),
    );
    try {
      await sim.control.resetRequestCounts();
      api.explorer.refresh();
      const { jobs, endpoints } = await expandAll();
      const job = jobs.find((j) => j.label === DEMO.jobs.completed);
      assert.ok(job && String(job.item.description).endsWith(' · alarm: insufficient data'), String(job?.item.description));
      assert.strictEqual(icon(job), 'pass', 'INSUFFICIENT_DATA keeps the status icon');
      assert.strictEqual(endpoints.find((e) => e.label === DEMO.endpoints.bursty)?.item.description, `ALARM: ${FIRING} · InService`);
      assert.strictEqual(await count(DESCRIBE_ALARMS), 2, '121 + 2 alarms are two pages of one listing');
    } finally {
      [...account().alarms.keys()].filter((k) => k.startsWith('zz')).forEach((k) => account().alarms.delete(k));
    }
  });

  it('follows alarm state changes by itself while the view is visible, one listing per interval', async () => {
    await setSetting('explorer.pollIntervalSeconds', 5);
    const name = 'it-churn-follow';
    try {
      await vscode.commands.executeCommand('sagemakerMonitor.explorer.focus');
      api.explorer.refresh();
      const { endpoints } = await expandAll();
      const churn = endpoints.find((e) => e.label === DEMO.endpoints.twoVariants);
      assert.ok(churn);
      assert.strictEqual(churn.item.description, 'InService');
      await sim.control.resetRequestCounts();
      const started = Date.now();
      // An alarm that fires at once (any invocation in a minute), added behind the extension's back.
      account().alarms.set(
        name,
        alarmRecord(name, { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.twoVariants }, { Name: 'VariantName', Value: 'Primary' }], Statistic: 'Sum', Threshold: 0, ComparisonOperator: 'GreaterThanThreshold' }),
      );
      const description = () => String(api.explorer.getTreeItem(churn.node).description);
      await waitFor('the badge to appear without a refresh', () => (description().startsWith(`ALARM: ${name}`) ? true : undefined), 20_000);
      const seconds = (Date.now() - started) / 1000;
      const listings = await count(DESCRIBE_ALARMS);
      assert.ok(listings >= 1 && listings <= Math.ceil(seconds / 5) + 1, `${listings} DescribeAlarms listings in ${seconds} s`);
      account().alarms.delete(name);
      await waitFor('the badge to go', () => (description() === 'InService' ? true : undefined), 20_000);
    } finally {
      account().alarms.delete(name);
      await setSetting('explorer.pollIntervalSeconds', undefined);
    }
  });

  it('without permission for DescribeAlarms the tree works as before, without badges', async () => {
    await sim.control.injectFault({ operation: 'DescribeAlarms', type: 'accessDenied' });
    api.explorer.refresh();
    const { endpoints, jobs } = await expandAll();
    assert.deepStrictEqual(endpoints.map((e) => e.label).sort(), Object.values(DEMO.endpoints).sort());
    assert.strictEqual(endpoints.find((e) => e.label === DEMO.endpoints.bursty)?.item.description, 'InService');
    assert.ok(jobs.length >= 5 && jobs.every((j) => j.item.contextValue !== 'failure'));
    await sim.control.clearFaults();
    api.explorer.refresh();
    assert.strictEqual((await expandAll()).endpoints.find((e) => e.label === DEMO.endpoints.bursty)?.item.description, `ALARM: ${FIRING} · InService`);
  });

  it('Create alarm… from a panel: PutMetricAlarm with the exact fields, the panel draws it, the tree shows it', async () => {
    api.explorer.refresh();
    await expandAll();
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const latency = seriesOf(panel, 'ModelLatency', 'p90', 'Canary');
    const invocations = seriesOf(panel, 'Invocations', 'Sum', 'Primary');
    await sim.control.resetRequestCounts();

    // Threshold in the chart's unit (ms): sent in CloudWatch's (µs).
    await panel.receive({ type: 'createAlarm', seriesId: latency.id, alarmName: 'it-canary-p90', stat: 'p90', threshold: 80, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, periodSeconds: 300, snsTopicArn: 'arn:aws:sns:us-east-1:123456789012:ml-oncall' });
    assert.deepStrictEqual(panel.lastAlarmResult, { type: 'alarmResult', ok: true, message: 'Alarm "it-canary-p90" created.' });
    const stored = account().alarms.get('it-canary-p90');
    assert.ok(stored, 'the simulator has the alarm');
    assert.deepStrictEqual(
      { ...stored, updated: 0 },
      {
        AlarmName: 'it-canary-p90',
        AlarmDescription: `Created by SageMaker Monitor on ${latency.label}`,
        Namespace: 'AWS/SageMaker',
        MetricName: 'ModelLatency',
        Dimensions: [
          { Name: 'EndpointName', Value: DEMO.endpoints.twoVariants },
          { Name: 'VariantName', Value: 'Canary' },
        ],
        Statistic: undefined,
        ExtendedStatistic: 'p90',
        Period: 300,
        EvaluationPeriods: 3,
        DatapointsToAlarm: undefined,
        Threshold: 80_000,
        ComparisonOperator: 'GreaterThanThreshold',
        TreatMissingData: 'missing',
        ActionsEnabled: true,
        AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ml-oncall'],
        OKActions: [],
        InsufficientDataActions: [],
        Unit: undefined,
        updated: 0,
      },
    );
    await waitFor('the panel to read the new alarm', () => (panel.alarms.some((a) => a.alarmName === 'it-canary-p90') ? true : undefined));
    const drawn = panel.alarms.find((a) => a.alarmName === 'it-canary-p90');
    assert.strictEqual(drawn?.threshold, 80_000);
    assert.strictEqual(drawn?.stat, 'p90');

    // An alarm that fires at once: more than one invocation a minute on Primary.
    await panel.receive({ type: 'createAlarm', seriesId: invocations.id, alarmName: 'it-primary-busy', stat: 'Sum', threshold: 1, comparison: 'GreaterThanThreshold', evaluationPeriods: 2, periodSeconds: 60 });
    assert.strictEqual(panel.lastAlarmResult?.ok, true);
    assert.strictEqual(account().alarms.get('it-primary-busy')?.Statistic, 'Sum');
    assert.deepStrictEqual(account().alarms.get('it-primary-busy')?.AlarmActions, []);
    assert.strictEqual(await count(PUT_ALARM), 2);

    // The tree reads the alarms again by itself and shows the firing one on the endpoint and on Primary.
    const endpointsRoot = (await child(api, undefined, 'Endpoints')).node;
    const churn = await waitFor('the tree\'s badge', async () => {
      const node = await child(api, endpointsRoot, DEMO.endpoints.twoVariants);
      return String(node.item.description).startsWith('ALARM: it-primary-busy') ? node : undefined;
    });
    assert.strictEqual(icon(churn), 'bell-dot');
    const primary = await child(api, churn.node, 'Primary');
    assert.ok(String(primary.item.description).startsWith('ALARM: it-primary-busy · '), String(primary.item.description));
    const canary = await child(api, churn.node, 'Canary');
    assert.ok(!String(canary.item.description).includes('it-primary-busy'), 'the Canary variant is not watched by it');
    account().alarms.delete('it-primary-busy');
    account().alarms.delete('it-canary-p90');
  });

  it('Create alarm… with a bad threshold or SNS topic ARN reports the fields and sends nothing', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.bursty });
    const rate = seriesOf(panel, 'Invocation5XXErrors', 'Average', 'AllTraffic');
    await sim.control.resetRequestCounts();
    const form = { type: 'createAlarm', seriesId: rate.id, alarmName: 'it-bad', stat: 'Average', threshold: 5, comparison: 'GreaterThanThreshold', evaluationPeriods: 3, periodSeconds: 60 };
    await panel.receive({ ...form, snsTopicArn: 'arn:aws:sqs:us-east-1:123456789012:not-a-topic' });
    assert.strictEqual(panel.lastAlarmResult?.ok, false);
    assert.deepStrictEqual(Object.keys(panel.lastAlarmResult?.problems ?? {}), ['snsTopicArn']);
    await panel.receive({ ...form, stat: 'p99' });
    assert.deepStrictEqual(Object.keys(panel.lastAlarmResult?.problems ?? {}), ['stat'], 'only the metric\'s valid statistics');
    await panel.receive({ ...form, evaluationPeriods: 0 });
    assert.deepStrictEqual(Object.keys(panel.lastAlarmResult?.problems ?? {}), ['evaluationPeriods']);
    // A threshold that is not a finite number never passes the protocol's guard (the page reports it itself).
    const before = panel.lastAlarmResult;
    for (const threshold of [Number.NaN, Number.POSITIVE_INFINITY, 'high']) {
      await panel.receive({ ...form, threshold });
      assert.strictEqual(panel.lastAlarmResult, before, `threshold ${String(threshold)} is dropped on arrival`);
    }
    assert.strictEqual(await count(PUT_ALARM), 0, 'nothing sent');
    assert.ok(!account().alarms.has('it-bad'));
  });
});
