/**
 * CloudWatch: one set of handlers behind two protocols (awsJson1_0 query-compatible and awsQuery).
 * Handlers take inputs whose leaves may be strings (query) and return objects with Date timestamps.
 * Here: ListMetrics, GetMetricData, GetMetricStatistics, PutMetricData and the operation table; metric math in
 * metricMath.ts, alarms in cloudwatchAlarms.ts, shared input checks in cloudwatchInput.ts.
 */
import { activeBetween, computeSeries, parseStat, type Sample, type Series, type StatName } from '../model/metrics';
import { deleteAlarms, describeAlarms, describeAlarmsForMetric, putMetricAlarm } from './cloudwatchAlarms';
import { bad, badToken, checkPeriod, combo, dimsOf, missing } from './cloudwatchInput';
import type { Ctx } from './context';
import { decodeToken, encodeToken, type Input, isOffsetToken, optBool, optInt, optList, optNum, optObj, optStr, optStructList, optTimeSec, optStrList } from './input';
import { type QueryOut, runExpression } from './metricMath';
import { withProgress } from './progress';

function metricsMatching(ctx: Ctx, namespace: string | undefined, metricName: string | undefined, filter: { Name: string; Value?: string }[], recentSec?: number): Series[] {
  const nowSec = ctx.now / 1000;
  const fromSec = nowSec - (recentSec ?? 14 * 86400);
  const out: Series[] = [];
  for (const s of ctx.account.metrics.series.values()) {
    if (namespace !== undefined && s.namespace !== namespace) continue;
    if (metricName !== undefined && s.metricName !== metricName) continue;
    if (!filter.every((f) => s.dims.some((d) => d.Name === f.Name && (f.Value === undefined || d.Value === f.Value)))) continue;
    if (!activeBetween(s, fromSec, nowSec)) continue;
    out.push(s);
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function listMetrics(ctx: Ctx, input: Input) {
  const namespace = optStr(input, 'Namespace', bad);
  const metricName = optStr(input, 'MetricName', bad);
  const dimsIn = optStructList(input, 'Dimensions', bad) ?? [];
  if (dimsIn.length > 10) throw bad('The collection Dimensions must not have a size greater than 10.');
  const filter = dimsIn.map((d) => {
    const Name = optStr(d, 'Name', bad);
    if (!Name) throw missing('The parameter Dimensions.member.N.Name is required.');
    return { Name, Value: optStr(d, 'Value', bad) };
  });
  const recently = optStr(input, 'RecentlyActive', bad);
  if (recently !== undefined && recently !== 'PT3H') throw bad(`The value ${recently} for parameter RecentlyActive is not valid.`);
  const tok = decodeToken(optStr(input, 'NextToken', bad), badToken, isOffsetToken);
  const all = metricsMatching(ctx, namespace, metricName, filter, recently ? 3 * 3600 : undefined);
  const off = tok?.o ?? 0;
  const page = all.slice(off, off + 500);
  return {
    Metrics: page.map((s) => ({ Namespace: s.namespace, MetricName: s.metricName, Dimensions: s.dims })),
    NextToken: off + 500 < all.length ? encodeToken({ o: off + 500 }) : undefined,
  };
}

function runMetricStat(ctx: Ctx, q: Input, id: string, startSec: number, endSec: number, label: string | undefined): QueryOut {
  const ms = optObj(q, 'MetricStat', bad) as Input;
  const metric = optObj(ms, 'Metric', bad);
  if (!metric) throw missing(`The parameter MetricDataQueries.member.${id}.MetricStat.Metric is required.`);
  const namespace = optStr(metric, 'Namespace', bad);
  const metricName = optStr(metric, 'MetricName', bad);
  if (!namespace || !metricName) throw missing('The parameters MetricStat.Metric.Namespace and MetricStat.Metric.MetricName are required.');
  const dims = dimsOf(metric.Dimensions, true);
  const period = optNum(ms, 'Period', bad);
  if (period === undefined) throw missing('The parameter MetricStat.Period is required.');
  const statStr = optStr(ms, 'Stat', bad);
  if (!statStr) throw missing('The parameter MetricStat.Stat is required.');
  const nowSec = ctx.now / 1000;
  checkPeriod(period);
  const stat = parseStat(statStr);
  const messages: { Code: string; Value: string }[] = [];
  const out: QueryOut = { Id: id, Label: label ?? metricName, timestamps: [], values: [], messages, returnData: optBool(q, 'ReturnData') ?? true };
  if (!stat) {
    messages.push({ Code: 'UnsupportedStatistic', Value: `The statistic ${statStr} is not supported by the simulator.` });
    return out;
  }
  const series = ctx.account.metrics.get(namespace, metricName, dims);
  if (!series) return out;
  const unit = optStr(ms, 'Unit', bad);
  if (unit !== undefined && unit !== series.unit) return out;
  const r = computeSeries(series, startSec, Math.min(endSec, nowSec), period, stat, nowSec);
  out.timestamps = r.timestamps;
  out.values = r.values;
  if (r.resolutionGap) messages.push({ Code: 'ResolutionUnavailable', Value: `Data older than 15 days is only available at 300 s resolution and data older than 63 days at 3600 s; period ${period} returned no data for part of the range.` });
  return out;
}


interface GmdToken {
  q: number;
  o: number;
}
const isGmdToken = (v: unknown): v is GmdToken => typeof v === 'object' && v !== null && typeof (v as GmdToken).q === 'number' && typeof (v as GmdToken).o === 'number';

function getMetricData(ctx: Ctx, input: Input) {
  const queries = optStructList(input, 'MetricDataQueries', bad);
  if (!queries || queries.length === 0) throw missing('The parameter MetricDataQueries is required.');
  if (queries.length > 500) throw bad('The collection MetricDataQueries must not have a size greater than 500.');
  const startSec = optTimeSec(input, 'StartTime', bad);
  const endSec = optTimeSec(input, 'EndTime', bad);
  if (startSec === undefined) throw missing('The parameter StartTime is required.');
  if (endSec === undefined) throw missing('The parameter EndTime is required.');
  if (endSec <= startSec) throw bad('The parameter StartTime must be less than the parameter EndTime.');
  const scanBy = optStr(input, 'ScanBy', bad) ?? 'TimestampDescending';
  if (scanBy !== 'TimestampDescending' && scanBy !== 'TimestampAscending') throw bad(`The value ${scanBy} for parameter ScanBy is not valid.`);
  const maxDp = optInt(input, 'MaxDatapoints', bad, 1, 100_800) ?? 100_800;
  const tok = decodeToken(optStr(input, 'NextToken', bad), badToken, isGmdToken);
  const ids = new Set<string>();
  const results = new Map<string, QueryOut>();
  const ordered: QueryOut[] = [];
  for (const q of queries) {
    const id = optStr(q, 'Id', bad);
    if (!id || !/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw bad(`The value ${id ?? 'null'} for parameter MetricDataQueries.member.Id is not valid: it must start with a lowercase letter and contain only letters, numbers and underscores.`);
    if (ids.has(id)) throw bad(`The value ${id} for parameter MetricDataQueries.member.Id is not unique.`);
    ids.add(id);
    const label = optStr(q, 'Label', bad);
    const expr = optStr(q, 'Expression', bad);
    const hasStat = q.MetricStat !== undefined && q.MetricStat !== null;
    if ((expr !== undefined) === hasStat) throw combo(`Exactly one of MetricStat and Expression must be specified for query ${id}.`);
    const r = expr !== undefined ? runExpression(expr, id, label, results, optBool(q, 'ReturnData') ?? true) : runMetricStat(ctx, q, id, startSec, endSec, label);
    results.set(id, r);
    ordered.push(r);
  }
  // later expressions may reference earlier ones only (as evaluated above)
  const visible = ordered.filter((r) => r.returnData);
  // paging: concatenated datapoints in query order, MaxDatapoints a page
  let budget = maxDp;
  const startQ = tok?.q ?? 0;
  let startO = tok?.o ?? 0;
  if (startQ > visible.length) throw badToken();
  const MetricDataResults: Record<string, unknown>[] = [];
  let next: GmdToken | undefined;
  for (let qi = startQ; qi < visible.length; qi++) {
    const r = visible[qi];
    let ts = r.timestamps;
    let vs = r.values;
    if (scanBy === 'TimestampDescending') {
      ts = [...ts].reverse();
      vs = [...vs].reverse();
    }
    const o = qi === startQ ? startO : 0;
    if (budget <= 0) {
      next = { q: qi, o };
      break;
    }
    const take = Math.min(budget, ts.length - o);
    budget -= take;
    const partial = o + take < ts.length;
    MetricDataResults.push({
      Id: r.Id,
      Label: r.Label,
      Timestamps: ts.slice(o, o + take).map((t) => new Date(t * 1000)),
      Values: vs.slice(o, o + take),
      StatusCode: partial ? 'PartialData' : 'Complete',
      Messages: r.messages.length ? r.messages : undefined,
    });
    if (partial) {
      next = { q: qi, o: o + take };
      break;
    }
    startO = 0;
  }
  return { MetricDataResults, NextToken: next ? encodeToken(next) : undefined, Messages: [] };
}

function getMetricStatistics(ctx: Ctx, input: Input) {
  const namespace = optStr(input, 'Namespace', bad);
  const metricName = optStr(input, 'MetricName', bad);
  if (!namespace) throw missing('The parameter Namespace is required.');
  if (!metricName) throw missing('The parameter MetricName is required.');
  const dims = dimsOf(input.Dimensions, true);
  const startSec = optTimeSec(input, 'StartTime', bad);
  const endSec = optTimeSec(input, 'EndTime', bad);
  if (startSec === undefined || endSec === undefined) throw missing('The parameters StartTime and EndTime are required.');
  if (endSec <= startSec) throw bad('The parameter StartTime must be less than the parameter EndTime.');
  const period = optNum(input, 'Period', bad);
  if (period === undefined) throw missing('The parameter Period is required.');
  const nowSec = ctx.now / 1000;
  checkPeriod(period);
  const stats = (optStrList(input, 'Statistics', bad) ?? []).map(String);
  const ext = (optStrList(input, 'ExtendedStatistics', bad) ?? []).map(String);
  if (!stats.length && !ext.length) throw missing('Must specify either Statistics or ExtendedStatistics.');
  for (const s of stats) if (!['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(s)) throw bad(`The parameter Statistics.member.1 must be a value in the set [ SampleCount, Average, Sum, Minimum, Maximum ].`);
  const npoints = Math.ceil((endSec - startSec) / period);
  if (npoints > 1440) throw combo(`You have requested up to ${npoints} datapoints, which exceeds the limit of 1440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`);
  const series = ctx.account.metrics.get(namespace, metricName, dims);
  const byTime = new Map<number, Record<string, unknown>>();
  const unit = optStr(input, 'Unit', bad);
  if (series && (unit === undefined || unit === series.unit)) {
    const add = (name: string, stat: StatName, ext: boolean) => {
      const r = computeSeries(series, startSec, Math.min(endSec, nowSec), period, stat, nowSec);
      r.timestamps.forEach((t, i) => {
        let dp = byTime.get(t);
        if (!dp) {
          dp = { Timestamp: new Date(t * 1000), Unit: series.unit };
          byTime.set(t, dp);
        }
        if (ext) ((dp.ExtendedStatistics ??= {}) as Record<string, number>)[name] = r.values[i];
        else dp[name] = r.values[i];
      });
    };
    for (const s of stats) add(s, s as StatName, false);
    for (const e of ext) {
      const st = parseStat(e);
      if (!st || typeof st !== 'object') throw bad(`The parameter ExtendedStatistics.member.1 has an invalid value ${e}.`);
      add(e, st, true);
    }
  }
  return { Label: metricName, Datapoints: [...byTime.values()] };
}

function putMetricData(ctx: Ctx, input: Input) {
  const namespace = optStr(input, 'Namespace', bad);
  if (!namespace) throw missing('The parameter Namespace is required.');
  if (namespace.startsWith('AWS/')) throw bad('The value AWS/ for parameter Namespace is invalid.');
  const data = optStructList(input, 'MetricData', bad);
  if (!data || data.length === 0) throw missing('The parameter MetricData is required.');
  if (data.length > 1000) throw bad('The collection MetricData must not have a size greater than 1000.');
  const nowSec = ctx.now / 1000;
  for (const m of data) {
    const name = optStr(m, 'MetricName', bad);
    if (!name) throw missing('The parameter MetricData.member.N.MetricName is required.');
    const dims = dimsOf(m.Dimensions, true);
    const t = optTimeSec(m, 'Timestamp', bad) ?? nowSec;
    if (t < nowSec - 14 * 86400 || t > nowSec + 2 * 3600) throw bad(`The parameter MetricData.member.N.Timestamp must specify a time no more than two weeks in the past or two hours in the future.`);
    const unit = optStr(m, 'Unit', bad);
    const value = optNum(m, 'Value', bad);
    const values = optList<unknown>(m, 'Values', bad);
    const counts = optList<unknown>(m, 'Counts', bad);
    const sv = optObj(m, 'StatisticValues', bad);
    const samples: Sample[] = [];
    if (value !== undefined) samples.push({ count: 1, sum: value, min: value, max: value });
    if (values) {
      if (counts && counts.length !== values.length) throw combo('The parameters MetricData.member.N.Values and MetricData.member.N.Counts must be of the same size.');
      values.forEach((v, i) => {
        const x = Number(v);
        const c = counts ? Number(counts[i]) : 1;
        if (!Number.isFinite(x) || !Number.isFinite(c)) throw bad('Values and Counts must be numbers.');
        samples.push({ count: c, sum: x * c, min: x, max: x });
      });
    }
    if (sv) {
      const n = (k: string) => {
        const x = optNum(sv, k, bad);
        if (x === undefined) throw missing(`The parameter MetricData.member.N.StatisticValues.${k} is required.`);
        return x;
      };
      samples.push({ count: n('SampleCount'), sum: n('Sum'), min: n('Minimum'), max: n('Maximum') });
    }
    if (!samples.length) throw combo('The parameters MetricData.member.N.Value, MetricData.member.N.Values and MetricData.member.N.StatisticValues: one must be specified.');
    const ts = Math.floor(t);
    for (const s of samples) ctx.account.metrics.put(namespace, name, dims, unit, ts, s);
  }
  return {};
}

export const cloudwatchOps: Record<string, (ctx: Ctx, input: Input) => Record<string, unknown>> = withProgress({
  ListMetrics: listMetrics,
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  PutMetricData: putMetricData,
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeAlarmsForMetric,
  PutMetricAlarm: putMetricAlarm,
  DeleteAlarms: deleteAlarms,
});

/** Ops whose awsQuery response has no <OpResult> element. */
export const NO_RESULT_OPS = new Set(['PutMetricData', 'PutMetricAlarm', 'DeleteAlarms']);
