// P4: GetMetricData calls and wall time per metrics panel refresh, for each panel kind, against the
// simulator in its own process. The panel's own code path minus VS Code: discovery once (describe + ListMetrics),
// then each refresh builds the requests of every series and runs them (src/aws/metrics.ts).
import { ClientFactory } from '../../src/aws/clients';
import { discoverEndpointInstanceMetrics, discoverTrainingInstanceMetrics, getMetricData } from '../../src/aws/metrics';
import { describeEndpoint, describeTrainingJob } from '../../src/aws/sagemaker';
import { endpointPanel } from '../../src/shared/metrics/endpointPanel';
import { panelSeries, trainingPanel, type PanelSpec } from '../../src/shared/metrics/panels';
import { MAX_QUERIES_PER_CALL, choosePeriod, resolveTimeRange } from '../../src/shared/metrics/period';
import { buildMetricDataRequests, callsPerRefresh } from '../../src/shared/metrics/requests';
import { algoHostName } from '../../src/shared/names';
import { DEMO } from '../../sim/scenarios/demo';
import { SimControl } from '../../sim/src/controlClient';
import { startSimProcess } from '../logs/simProcess';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export interface P4Row {
  readonly panel: string;
  readonly queries: number;
  /** ⌈queries / 500⌉. */
  readonly expectedCalls: number;
  /** What both limits allow (500 queries and 100,800 datapoints a call). */
  readonly limitCalls: number;
  readonly calls: number;
  readonly simCalls: number;
  readonly points: number;
  readonly refreshMs: number;
  readonly firstOpenMs: number;
}

export async function p4(quick: boolean): Promise<P4Row[]> {
  const runs = quick ? 3 : 15;
  process.env.AWS_ACCESS_KEY_ID = 'AKIDSIMULATOR';
  process.env.AWS_SECRET_ACCESS_KEY = 'simulator';
  process.env.AWS_EC2_METADATA_DISABLED = 'true';
  const sim = await startSimProcess(['--scenario', 'demo']);
  const factory = new ClientFactory();
  const clients = factory.get({ profile: '', region: 'us-east-1', endpointUrl: sim.url });
  const control = new SimControl(sim.url);
  try {
    const endpointSpec = async (endpointName: string, variantName?: string): Promise<PanelSpec> => {
      const endpoint = await describeEndpoint(clients.sagemaker, endpointName);
      const variants = await discoverEndpointInstanceMetrics(clients.cloudwatch, endpointName, endpoint.variants.map((v) => ({ name: v.name, ...(v.instanceType ? { instanceType: v.instanceType } : {}) })));
      return endpointPanel({ kind: 'endpoint', endpointName, ...(variantName ? { variantName } : {}) }, { endpointName, variants });
    };
    const trainingSpec = async (trainingJobName: string, hostCount?: number): Promise<{ spec: PanelSpec; job?: { start?: number; end?: number } }> => {
      const job = await describeTrainingJob(clients.sagemaker, trainingJobName);
      const instanceMetrics = await discoverTrainingInstanceMetrics(clients.cloudwatch, trainingJobName);
      const spec = trainingPanel({ kind: 'trainingJob', trainingJobName }, {
        trainingJobName,
        hosts: Array.from({ length: hostCount ?? job.instanceCount }, (_, i) => algoHostName(i + 1)),
        ...(job.instanceType ? { instanceType: job.instanceType } : {}),
        algorithmMetrics: job.metricDefinitions.map((d) => d.name),
        instanceMetrics,
      });
      return { spec, job: { start: job.startedAt ?? job.createdAt, ...(job.endedAt ? { end: job.endedAt } : {}) } };
    };
    const cases: { panel: string; open: () => Promise<{ spec: PanelSpec; job?: { start?: number; end?: number } }> }[] = [
      { panel: `endpoint ${DEMO.endpoints.twoVariants} (2 variants, 3 h)`, open: async () => ({ spec: await endpointSpec(DEMO.endpoints.twoVariants) }) },
      { panel: `variant ${DEMO.endpoints.twoVariants}/Primary (3 h)`, open: async () => ({ spec: await endpointSpec(DEMO.endpoints.twoVariants, 'Primary') }) },
      { panel: `training job ${DEMO.jobs.inProgress} (4 hosts, job start → now)`, open: () => trainingSpec(DEMO.jobs.inProgress) },
      // Past 500 queries: the same job's panel as if it ran on 200 hosts (empty series for the extra ones), last 3 h.
      { panel: `training job ${DEMO.jobs.inProgress} as 200 hosts, 3 h (> 500 queries)`, open: async () => ({ spec: (await trainingSpec(DEMO.jobs.inProgress, 200)).spec }) },
    ];
    const rows: P4Row[] = [];
    for (const c of cases) {
      const opens: number[] = [];
      const refreshes: number[] = [];
      let last = { queries: 0, calls: 0, simCalls: 0, points: 0, limitCalls: 0 };
      for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        const { spec, job } = await c.open();
        const t1 = performance.now();
        await control.resetRequestCounts();
        const now = Date.now();
        const range = resolveTimeRange(job ? { kind: 'job' } : { kind: 'preset', preset: '3h' }, now, job);
        const period = choosePeriod(range, now);
        const series = panelSeries(spec);
        const requests = buildMetricDataRequests(series, range, period.periodSeconds);
        const result = await getMetricData(clients.cloudwatch, requests);
        const t2 = performance.now();
        const simCalls = (await control.requestCounts())['cloudwatch.GetMetricData'] ?? 0;
        opens.push(t2 - t0);
        refreshes.push(t2 - t1);
        last = { queries: series.length, calls: result.calls, simCalls, points: result.series.reduce((n, s) => n + s.timestamps.length, 0), limitCalls: callsPerRefresh(series.length, range, period.periodSeconds) };
      }
      rows.push({ panel: c.panel, ...last, expectedCalls: Math.ceil(last.queries / MAX_QUERIES_PER_CALL), refreshMs: median(refreshes), firstOpenMs: median(opens) });
    }
    return rows;
  } finally {
    factory.destroy();
    await sim.stop();
  }
}
