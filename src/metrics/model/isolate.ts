/**
 * One refresh's GetMetricData, kept useful when some queries are refused: when a call fails in a way that may
 * be caused by some of its queries (a 5xx, an HTML page instead of AWS's answer, a validation error), the
 * batch is split — by statistic first, since a service that refuses a statistic refuses every query of it,
 * then in halves — until the refused queries are isolated, within a few extra calls and only on failure.
 * Everything that can be fetched is shown; the rest is named with the failure that refused it.
 *
 * The first extra call asks for one query alone, the one most likely answered: when even that fails, the
 * failure is not about particular queries (a gateway refusing every request, a service that is down) and the
 * refresh fails as a whole, after that one extra call.
 */
import type { MetricDataQuery } from '../../shared/metrics/requests';

/** Extra calls one failed batch may take to isolate its refused queries. */
export const MAX_EXTRA_CALLS = 8;

/** Percentiles, trimmed means and the like: what services and emulators refuse as a whole. */
export function isExtendedStatistic(stat: string): boolean {
  return /^(p|tm|wm|tc|ts)\d/i.test(stat) || /^(p|tm|wm|tc|ts|pr)\(/i.test(stat);
}

export interface Part<Q> {
  readonly queries: readonly Q[];
  /** Whether a failure of this part may be narrowed by halving it (not for one extended statistic). */
  readonly halve: boolean;
}

/**
 * The parts a failed batch is tried in: the basic statistics together first (most likely answered), then each
 * extended statistic alone. One part only (all basic, or one statistic) = its two halves.
 */
export function partsOf(queries: readonly MetricDataQuery[]): Part<MetricDataQuery>[] {
  const basic = queries.filter((q) => !isExtendedStatistic(q.MetricStat.Stat));
  const extended = new Map<string, MetricDataQuery[]>();
  for (const q of queries) {
    if (isExtendedStatistic(q.MetricStat.Stat)) {
      extended.set(q.MetricStat.Stat, [...(extended.get(q.MetricStat.Stat) ?? []), q]);
    }
  }
  const parts: Part<MetricDataQuery>[] = [
    ...(basic.length > 0 ? [{ queries: basic, halve: true }] : []),
    ...[...extended.values()].map((qs) => ({ queries: qs, halve: false })),
  ];
  return parts.length > 1 ? parts : halves(queries);
}

/** The first query of a basic statistic (the most likely answered), else the first. */
export function probeOf(queries: readonly MetricDataQuery[]): MetricDataQuery {
  return queries.find((q) => !isExtendedStatistic(q.MetricStat.Stat)) ?? queries[0];
}

function halves<Q>(queries: readonly Q[]): Part<Q>[] {
  const mid = Math.ceil(queries.length / 2);
  return [queries.slice(0, mid), queries.slice(mid)].filter((h) => h.length > 0).map((h) => ({ queries: h, halve: true }));
}

export interface Isolated<Q, R> {
  readonly answers: R[];
  /** Parts that could not be fetched, with the failure that refused them. */
  readonly refused: { readonly queries: readonly Q[]; readonly error: unknown }[];
  /** Calls made, the first (failed) one included. */
  readonly calls: number;
}

export interface IsolateOptions<Q> {
  /** Whether a failure may be caused by some of the queries (not throttling, credentials, access, network). */
  readonly splittable: (error: unknown) => boolean;
  /** The parts to try after the whole batch failed and one query alone was answered. */
  readonly parts: (queries: readonly Q[]) => Part<Q>[];
  /** The query most likely answered (asked alone first); default the first. */
  readonly probe?: (queries: readonly Q[]) => Q;
  readonly maxExtraCalls?: number;
}

/**
 * Runs `queries` in one call; on a splittable failure, isolates the refused ones (see the file's comment).
 * `run` is told whether a call is one of the isolating ones (`isolating`), which need no retries of their own.
 */
export async function fetchIsolating<Q, R>(queries: readonly Q[], run: (queries: readonly Q[], isolating: boolean) => Promise<R>, options: IsolateOptions<Q>): Promise<Isolated<Q, R>> {
  let first: unknown;
  try {
    return { answers: [await run(queries, false)], refused: [], calls: 1 };
  } catch (error) {
    if (!options.splittable(error) || queries.length === 0) {
      throw error;
    }
    first = error;
  }
  const budget = options.maxExtraCalls ?? MAX_EXTRA_CALLS;
  const refused: { queries: readonly Q[]; error: unknown }[] = [];
  const probe = options.probe?.(queries) ?? queries[0];
  // Not even one query alone: the failure is not about the queries.
  const answers: R[] = [await run([probe], true).catch(() => Promise.reject(first))];
  const rest = queries.filter((q) => q !== probe);
  let calls = 2;
  // Breadth first: every first part is asked before a failed one is halved.
  const queue: { part: Part<Q>; error: unknown }[] = (rest.length > 0 ? options.parts(rest) : []).map((part) => ({ part, error: first }));
  for (let next = queue.shift(); next; next = queue.shift()) {
    const { part, error } = next;
    if (calls - 1 >= budget) {
      refused.push({ queries: part.queries, error });
      continue;
    }
    calls++;
    try {
      answers.push(await run(part.queries, true));
    } catch (e) {
      if (!options.splittable(e) || !part.halve || part.queries.length < 2) {
        refused.push({ queries: part.queries, error: e });
      } else {
        queue.push(...halves(part.queries).map((half) => ({ part: half, error: e })));
      }
    }
  }
  return { answers, refused, calls };
}
