/**
 * A panel refresh's data from its GetMetricData requests: each request isolating the queries the service
 * refuses (isolate.ts), the answers merged in query order, the refused series named with why.
 */
import type { MetricDataRequest } from '../../shared/metrics/requests';
import type { UnavailableSeries } from '../../shared/metrics/unavailable';
import type { SeriesData } from '../../shared/metricsProtocol';
import { fetchIsolating, partsOf, probeOf } from './isolate';

/** One GetMetricData request's answer (its pages merged). */
export interface CallResult {
  readonly series: readonly SeriesData[];
  readonly messages: readonly string[];
  /** Calls made (pages included). */
  readonly calls: number;
  /** Queries answered with an error status, and why in the user's words. */
  readonly refused: readonly { readonly id: string; readonly reason: string }[];
}

export interface PanelData {
  /** Every query's series in request order (empty for the unavailable ones). */
  readonly series: SeriesData[];
  readonly messages: string[];
  /** Calls made, failed ones included. */
  readonly calls: number;
  readonly unavailable: UnavailableSeries[];
}

export interface FailureWords {
  /** Whether a failed call may be caused by some of its queries (then the batch is split). */
  splittable(error: unknown): boolean;
  /** Why queries were refused, in the user's words ("it answered HTTP 500 with an HTML page …"). */
  reason(error: unknown): string;
}

/** `call` runs one request; `isolating` marks the calls that isolate refused queries after a failure. */
export async function fetchPanelData(requests: readonly MetricDataRequest[], call: (request: MetricDataRequest, isolating: boolean) => Promise<CallResult>, words: FailureWords): Promise<PanelData> {
  const byId = new Map<string, SeriesData>();
  const messages = new Set<string>();
  const reasons = new Map<string, string[]>();
  const refuse = (ids: readonly string[], reason: string) => reasons.set(reason, [...(reasons.get(reason) ?? []), ...ids]);
  let calls = 0;
  for (const request of requests) {
    const isolated = await fetchIsolating(request.MetricDataQueries, (queries, isolating) => call({ ...request, MetricDataQueries: queries }, isolating), { splittable: words.splittable, parts: partsOf, probe: probeOf });
    calls += isolated.calls - isolated.answers.length;
    for (const answer of isolated.answers) {
      calls += answer.calls;
      answer.series.forEach((s) => byId.set(s.id, s));
      answer.messages.forEach((m) => messages.add(m));
      answer.refused.forEach((r) => refuse([r.id], r.reason));
    }
    isolated.refused.forEach((r) => refuse(r.queries.map((q) => q.Id), words.reason(r.error)));
  }
  const series = requests.flatMap((r) => r.MetricDataQueries.map((q) => byId.get(q.Id) ?? { id: q.Id, timestamps: [], values: [] }));
  return { series, messages: [...messages], calls, unavailable: [...reasons].map(([reason, ids]) => ({ ids, reason })) };
}
