// Bad input the other suites do not cover, each with its expected behaviour: no credentials at all, an expired
// SSO session (offline: an expired token in a private ~/.aws/sso/cache), AccessDenied on the metric and log
// APIs, and resources deleted while a panel or a tail is open.
import * as assert from 'assert';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import type { Simulator } from '../../../sim/src/server';
import { child, children, connect, extensionApi, setSetting, simulatorForExtension, useFakeCredentials, waitFor, type ShownNode } from '../helpers';
import { closePanels, openPanel } from '../metrics/panelHelpers';

const ENV = ['HOME', 'AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const;

describe('Bad input: credentials, permissions, deleted resources', function () {
  this.timeout(90_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  let dir: string;
  let n = 0;
  const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
  const tailOf = (name: string) => api.logTails().find((t) => t.channelName === logChannelName(name));

  before(async () => {
    api = await extensionApi();
    sim = await simulatorForExtension({ scenario: 'demo' });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'never');
  });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-badinput-'));
  });

  afterEach(async () => {
    for (const k of ENV) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
    useFakeCredentials();
    await sim.control.clearFaults();
    for (const t of api.logTails()) {
      await vscode.commands.executeCommand(CommandId.StopTail, { name: t.resourceName });
    }
    await connect({ endpointUrl: sim.url, region: 'us-east-1' });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // Panels stay open between tests: a webview created while another is being torn down may not load in the rig.
  after(async () => {
    await closePanels(api);
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.liveTail', undefined);
    await sim?.close();
  });

  /** A connection the extension has no clients for yet (a new URL of the same simulator), so credentials are read afresh. */
  const freshUrl = () => `${sim.url}/fresh${++n}`;

  async function endpointsFailure(): Promise<ShownNode> {
    api.explorer.refresh();
    const nodes = await children(api, (await child(api, undefined, 'Endpoints')).node);
    const failures = nodes.filter((c) => c.item.contextValue === 'failure');
    assert.strictEqual(failures.length, 1, nodes.map((c) => c.label).join(' | '));
    return failures[0];
  }

  it('no profile and no credentials anywhere → "No AWS credentials", Configure AWS profile', async () => {
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_PROFILE'] as const) delete process.env[k];
    fs.writeFileSync(path.join(dir, 'config'), '');
    fs.writeFileSync(path.join(dir, 'credentials'), '');
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    process.env.HOME = dir;
    await connect({ endpointUrl: freshUrl(), region: 'us-east-1' });
    const failure = await endpointsFailure();
    assert.match(failure.label, /No AWS credentials/);
    assert.strictEqual(failure.item.command?.command, CommandId.SelectProfile);
  });

  it('an SSO profile whose cached token has expired → "sign-in has expired", Sign in again', async () => {
    const startUrl = 'https://corp-smm-test.awsapps.com/start';
    fs.writeFileSync(
      path.join(dir, 'config'),
      `[profile expired-sso]\nsso_start_url = ${startUrl}\nsso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\nregion = us-east-1\n`,
    );
    const cache = path.join(dir, '.aws', 'sso', 'cache');
    fs.mkdirSync(cache, { recursive: true, mode: 0o700 });
    fs.writeFileSync(
      path.join(cache, `${createHash('sha1').update(startUrl).digest('hex')}.json`),
      JSON.stringify({ startUrl, region: 'us-east-1', accessToken: 'expired-token', expiresAt: '2020-01-01T00:00:00Z' }),
      { mode: 0o600 },
    );
    for (const k of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY'] as const) delete process.env[k];
    process.env.HOME = dir;
    process.env.AWS_CONFIG_FILE = path.join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(dir, 'credentials');
    await connect({ endpointUrl: freshUrl(), region: 'us-east-1', profile: 'expired-sso' });
    const failure = await endpointsFailure();
    assert.match(failure.label, /expired/i);
    assert.match(String(failure.item.description), /Sign in again/);
  });

  it('AccessDenied on GetMetricData → the panel names cloudwatch:GetMetricData; the next refresh recovers', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    await sim.control.injectFault({ operation: 'cloudwatch.GetMetricData', type: 'accessDenied' });
    await panel.refresh();
    assert.match(panel.lastError ?? '', /cloudwatch:GetMetricData/);
    await sim.control.clearFaults();
    await panel.refresh();
    assert.strictEqual(panel.lastError, undefined);
  });

  it('AccessDenied on DescribeAlarms → the panel shows its metrics without alarms', async () => {
    await sim.control.injectFault({ operation: 'cloudwatch.DescribeAlarms', type: 'accessDenied' });
    const panel = await openPanel({ endpointName: DEMO.endpoints.bursty });
    await waitFor('the alarms request', async () => ((await sim.control.requestCounts())['cloudwatch.DescribeAlarms'] ? true : undefined));
    assert.strictEqual(panel.lastError, undefined);
    assert.ok((panel.lastData?.series.length ?? 0) > 0);
  });

  it('AccessDenied on PutMetricAlarm → Create alarm… says which permission is missing', async () => {
    const panel = await openPanel({ endpointName: DEMO.endpoints.twoVariants });
    const series = panel.spec?.charts.flatMap((c) => c.series).find((s) => s.metricName === 'Invocations' && s.stat === 'Sum');
    assert.ok(series);
    await sim.control.injectFault({ operation: 'cloudwatch.PutMetricAlarm', type: 'accessDenied' });
    await panel.receive({ type: 'createAlarm', seriesId: series.id, alarmName: 'denied-alarm', stat: 'Sum', threshold: 10, comparison: 'GreaterThanThreshold', evaluationPeriods: 1, periodSeconds: 300 });
    assert.strictEqual(panel.lastAlarmResult?.ok, false);
    assert.match(panel.lastAlarmResult?.message ?? '', /cloudwatch:PutMetricAlarm/);
    assert.ok(!sim.state.home().alarms.has('denied-alarm'));
  });

  for (const { operation, filterPattern } of [
    { operation: 'logs.GetLogEvents', filterPattern: undefined },
    { operation: 'logs.FilterLogEvents', filterPattern: 'ERROR' },
  ]) {
    it(`AccessDenied on ${operation} → the tail stops with a line naming ${operation.replace('logs.', 'logs:')}`, async () => {
      const group = `/test/denied-${Date.now()}-${++n}`;
      const stream = `denied-${n}`;
      await sim.control.appendLogEvents(group, stream, [{ message: 'ERROR one' }]);
      await sim.control.injectFault({ operation, type: 'accessDenied' });
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: stream, ...(filterPattern ? { filterPattern } : {}) });
      await waitFor('the tail to fail', () => (tailOf(stream)?.state === 'failed' ? true : undefined));
      const text = tailOf(stream)?.text ?? '';
      assert.match(text, new RegExp(`Tail failed: .*${operation.replace('logs.', 'logs:')}`));
      assert.strictEqual(text.split('\n').filter((l) => l.includes('Tail failed')).length, 1, text);
    });
  }

  it('AccessDenied on StartLiveTail → one notice, then polling delivers the events', async () => {
    await setSetting('logs.liveTail', 'auto');
    try {
      const group = `/test/denied-live-${Date.now()}`;
      await sim.control.appendLogEvents(group, 'live', [{ message: 'before' }]);
      await sim.control.injectFault({ operation: 'logs.StartLiveTail', type: 'accessDenied' });
      await vscode.commands.executeCommand(CommandId.TailLogs, { logGroupName: group, logStreamName: 'live' });
      await waitFor('the backfill', () => (tailOf('live')?.text.includes('before') ? true : undefined));
      await sim.control.appendLogEvents(group, 'live', [{ message: 'after' }]);
      await waitFor('the polled event', () => (tailOf('live')?.text.includes('after') ? true : undefined));
      const notices = (tailOf('live')?.text ?? '').split('\n').filter((l) => l.includes('Live Tail is not available'));
      assert.strictEqual(notices.length, 1);
      assert.match(notices[0], /AccessDenied/);
      assert.strictEqual(tailOf('live')?.mode, 'polling');
    } finally {
      await setSetting('logs.liveTail', 'never');
    }
  });

  it('a training job deleted while its tail and panel are open: the tail keeps its events and ends saying why; the panel keeps its data', async () => {
    const job = DEMO.jobs.inProgress;
    const panel = await openPanel({ trainingJobName: job });
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job });
    await waitFor('the tail to run', () => (tailOf(job)?.state === 'running' && tailOf(job)!.eventCount > 0 ? true : undefined));
    const account = sim.state.home();
    const saved = account.trainingJobs.get(job)!;
    account.trainingJobs.delete(job);
    try {
      const events = tailOf(job)!.eventCount;
      await waitFor('the tail to end', () => (tailOf(job)?.state === 'ended' ? true : undefined), 60_000);
      const text = tailOf(job)!.text;
      assert.match(text, new RegExp(`=== \\[status\\] Training job ${job} no longer exists; CloudWatch keeps its logs\n.*=== \\[notice\\] Tail ended: the training job no longer exists\\.\n$`, 's'));
      assert.ok(tailOf(job)!.eventCount >= events && events > 0, 'the events read before stay');
      await panel.refresh();
      assert.ok((panel.lastData?.series.length ?? 0) > 0, 'CloudWatch keeps the metrics of a deleted job');
      // Opened after the deletion (one of its hosts): the panel says the job no longer exists.
      const again = (await vscode.commands.executeCommand(CommandId.OpenMetrics, { trainingJobName: job, host: 'algo-1' })) as typeof panel;
      await waitFor('the panel to report the missing job', () => (again.lastError ? true : undefined), 30_000);
      assert.match(again.lastError ?? '', /not found|no longer exists|could not find/i);
    } finally {
      account.trainingJobs.set(job, saved);
    }
  });
});
