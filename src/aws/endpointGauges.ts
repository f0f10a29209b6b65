/**
 * The newest value of an endpoint's gauges for the tree (an async endpoint's backlog, a multi-model variant's
 * loaded models): one GetMetricData call over the last 30 minutes, only for endpoints of those kinds.
 */
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { type EndpointDetail, endpointKinds } from '../shared/model';
import { ENDPOINT_INSTANCE_NAMESPACE, INVOCATION_NAMESPACE } from '../shared/names';

export interface EndpointGaugeValues {
  readonly backlog?: number;
  readonly backlogWithoutCapacity?: number;
  readonly loadedModels?: ReadonlyMap<string, number>;
}

const WINDOW_MS = 30 * 60_000;

function query(id: string, namespace: string, metricName: string, dims: Record<string, string>): MetricDataQuery {
  return {
    Id: id,
    MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: Object.entries(dims).map(([Name, Value]) => ({ Name, Value })) }, Period: 60, Stat: 'Maximum' },
    ReturnData: true,
  };
}

/** Undefined when the endpoint has no gauge to show (no request is made). */
export async function endpointGauges(cloudwatch: CloudWatchClient, detail: EndpointDetail, now: number, signal?: AbortSignal): Promise<EndpointGaugeValues | undefined> {
  const kinds = endpointKinds(detail);
  const queries: MetricDataQuery[] = [];
  if (kinds.has('async')) {
    queries.push(query('backlog', INVOCATION_NAMESPACE, 'ApproximateBacklogSize', { EndpointName: detail.name }));
    queries.push(query('nocapacity', INVOCATION_NAMESPACE, 'HasBacklogWithoutCapacity', { EndpointName: detail.name }));
  }
  const multiModel = detail.variants.filter((v) => v.multiModel);
  multiModel.forEach((v, i) => queries.push(query(`loaded${i}`, ENDPOINT_INSTANCE_NAMESPACE, 'LoadedModelCount', { EndpointName: detail.name, VariantName: v.name })));
  if (queries.length === 0) {
    return undefined;
  }
  const out = await cloudwatch.send(
    new GetMetricDataCommand({ MetricDataQueries: queries, StartTime: new Date(now - WINDOW_MS), EndTime: new Date(now), ScanBy: 'TimestampDescending' }),
    { abortSignal: signal },
  );
  const latest = new Map<string, number>();
  for (const r of out.MetricDataResults ?? []) {
    // TimestampDescending: the first value is the newest.
    if (r.Id && r.Values?.length) {
      latest.set(r.Id, r.Values[0]);
    }
  }
  const loaded = new Map<string, number>();
  multiModel.forEach((v, i) => latest.has(`loaded${i}`) && loaded.set(v.name, latest.get(`loaded${i}`) ?? 0));
  return {
    ...(latest.has('backlog') ? { backlog: latest.get('backlog') } : {}),
    ...(latest.has('nocapacity') ? { backlogWithoutCapacity: latest.get('nocapacity') } : {}),
    ...(loaded.size ? { loadedModels: loaded } : {}),
  };
}
