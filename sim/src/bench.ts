/**
 * Simulator benchmark (not a test): `node out/sim/src/bench.js [--lines 50000] [--hosts 4]`.
 * Prints throughput figures for the large scenario through the real SDK clients.
 */
import { CloudWatchLogsClient, DescribeLogStreamsCommand, FilterLogEventsCommand, type FilterLogEventsCommandOutput, GetLogEventsCommand, type GetLogEventsCommandOutput } from '@aws-sdk/client-cloudwatch-logs';
import { CloudWatchClient, GetMetricDataCommand, ListMetricsCommand, type ListMetricsCommandOutput, type Metric } from '@aws-sdk/client-cloudwatch';
import { ListTrainingJobsCommand, type ListTrainingJobsCommandOutput, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { startSimulator } from './server';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};

async function main() {
  const lines = arg('lines', 50_000);
  const hosts = arg('hosts', 4);
  let t = performance.now();
  const sim = await startSimulator({ scenario: 'large', speed: 0, scenarioOptions: { logHosts: hosts, logLinesPerHost: lines } });
  const out: Record<string, string | number> = { scenarioStartMs: Math.round(performance.now() - t) };
  const base = { endpoint: sim.url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDSIM', secretAccessKey: 'x' } };
  const logs = new CloudWatchLogsClient(base);
  const cw = new CloudWatchClient(base);
  const sm = new SageMakerClient(base);
  const group = '/aws/sagemaker/TrainingJobs';
  const streams = (await logs.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: 'bench-logs-job/' }))).logStreams ?? [];
  const stream = streams[0].logStreamName as string;

  for (const round of [1, 2]) {
    t = performance.now();
    let n = 0;
    let token: string | undefined;
    for (;;) {
      const r: GetLogEventsCommandOutput = await logs.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
      n += r.events?.length ?? 0;
      if (r.nextForwardToken === token) break;
      token = r.nextForwardToken;
    }
    const s = (performance.now() - t) / 1000;
    out[`getLogEvents_round${round}_eventsPerSec`] = Math.round(n / s);
    out.getLogEvents_events = n;
  }

  t = performance.now();
  let matched = 0;
  let nextToken: string | undefined;
  do {
    const r: FilterLogEventsCommandOutput = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: 'bench-logs-job/', filterPattern: '?WARNING ?ERROR', nextToken }));
    matched += r.events?.length ?? 0;
    nextToken = r.nextToken;
  } while (nextToken);
  const fs = (performance.now() - t) / 1000;
  out.filterLogEvents_scannedPerSec = Math.round((hosts * lines) / fs);
  out.filterLogEvents_matched = matched;

  t = performance.now();
  let interleaved = 0;
  nextToken = undefined;
  do {
    const r: FilterLogEventsCommandOutput = await logs.send(new FilterLogEventsCommand({ logGroupName: group, logStreamNamePrefix: 'bench-logs-job/', nextToken }));
    interleaved += r.events?.length ?? 0;
    nextToken = r.nextToken;
  } while (nextToken);
  out.filterLogEvents_interleaved_eventsPerSec = Math.round(interleaved / ((performance.now() - t) / 1000));

  const metrics: Metric[] = [];
  let mt: string | undefined;
  t = performance.now();
  do {
    const r: ListMetricsCommandOutput = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/SageMaker', NextToken: mt }));
    metrics.push(...(r.Metrics ?? []));
    mt = r.NextToken;
  } while (mt);
  out.listMetrics_count = metrics.length;
  out.listMetrics_ms = Math.round(performance.now() - t);

  const now = await sim.control.now();
  t = performance.now();
  const g = await cw.send(
    new GetMetricDataCommand({
      StartTime: new Date(now - 86400_000),
      EndTime: new Date(now),
      MetricDataQueries: metrics.slice(0, 500).map((m, i) => ({ Id: `m${i}`, MetricStat: { Metric: m, Period: 60, Stat: 'Average' } })),
    }),
  );
  out.getMetricData_500x1day_datapoints = (g.MetricDataResults ?? []).reduce((a, r) => a + (r.Values?.length ?? 0), 0);
  out.getMetricData_500x1day_ms = Math.round(performance.now() - t);

  t = performance.now();
  let jobs = 0;
  let jt: string | undefined;
  do {
    const r: ListTrainingJobsCommandOutput = await sm.send(new ListTrainingJobsCommand({ MaxResults: 100, NextToken: jt }));
    jobs += r.TrainingJobSummaries?.length ?? 0;
    jt = r.NextToken;
  } while (jt);
  out.listTrainingJobs_count = jobs;
  out.listTrainingJobs_ms = Math.round(performance.now() - t);

  process.stdout.write(JSON.stringify(out, null, 2) + '\n');
  logs.destroy();
  cw.destroy();
  sm.destroy();
  await sim.close();
}

main().catch((e) => {
  process.stderr.write(String(e instanceof Error ? e.stack : e) + '\n');
  process.exit(1);
});
