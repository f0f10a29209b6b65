/**
 * CloudWatch: one set of handlers behind two protocols (awsJson1_0 query-compatible and awsQuery).
 * Handlers take inputs whose leaves may be strings (query) and return objects with Date timestamps.
 */
import { cwError } from '../errors';
import { activeBetween, computeSeries, type Dim, parseStat, type Sample, type Series, type StatName } from '../model/metrics';
import { type Alarm } from '../model/state';
import type { Ctx } from './context';
import { decodeToken, encodeToken, type Input, isOffsetToken, optBool, optInt, optList, optNum, optObj, optStr, optStructList, optTimeSec, optStrList } from './input';

const bad = (m: string) => cwError('InvalidParameterValue', m, 400, 'InvalidParameterValueException');
const missing = (m: string) => cwError('MissingParameter', m, 400, 'MissingRequiredParameterException');
const combo = (m: string) => cwError('InvalidParameterCombination', m, 400, 'InvalidParameterCombinationException');
const badToken = () => cwError('InvalidNextToken', 'The service couldn\'t process your request because the NextToken is invalid.', 400, 'InvalidNextToken');

function dimsOf(v: unknown, requireValue: boolean): Dim[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw bad('Dimensions must be a list');
  if (v.length > 30) throw bad('The collection Dimensions must not have a size greater than 30.');
  return (optStructList({ Dimensions: v }, 'Dimensions', bad) as Input[]).map((d: Input) => {
    const Name = optStr(d, 'Name', bad);
    const Value = optStr(d, 'Value', bad);
    if (!Name) throw missing('The parameter Dimensions.member.N.Name is required.');
    if (requireValue && Value === undefined) throw missing('The parameter Dimensions.member.N.Value is required.');
    return { Name, Value: Value as string };
  });
}

const sameDims = (a: Dim[], b: Dim[]) => a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

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

/** Period validity; the retention-tier rules (60 s beyond 3 h, 300 s beyond 15 days, 3600 s beyond 63 days) are applied per bucket. */
function checkPeriod(period: number) {
  if (!Number.isInteger(period) || period < 1) throw bad('The parameter Period must be greater than 0.');
  if (![1, 5, 10, 30].includes(period) && period % 60 !== 0) throw bad('The parameter Period must be 1, 5, 10, 30, or a multiple of 60.');
}

interface QueryOut {
  Id: string;
  Label: string;
  timestamps: number[];
  values: number[];
  messages: { Code: string; Value: string }[];
  returnData: boolean;
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

/** Simple metric math: + - * / with numbers, query ids and parentheses; anything else is unsupported. */
function runExpression(expr: string, id: string, label: string | undefined, prior: Map<string, QueryOut>, returnData: boolean): QueryOut {
  const tokens = expr.match(/\s*([A-Za-z_][A-Za-z0-9_]*|\d+(?:\.\d+)?|[-+*/()])/g);
  if (!tokens || tokens.join('').replace(/\s+/g, '') !== expr.replace(/\s+/g, '')) {
    throw bad(`Unsupported expression in query ${id}: the simulator supports only + - * / between query ids and numbers: ${expr}`);
  }
  const toks = tokens.map((t) => t.trim());
  for (const t of toks) {
    if (/^[A-Za-z_]/.test(t) && !prior.has(t)) throw bad(`Error in expression ${id}: Unrecognized symbol ${t} (the simulator supports only + - * / between query ids and numbers)`);
  }
  const times = new Set<number>();
  for (const t of toks) if (prior.has(t)) for (const ts of (prior.get(t) as QueryOut).timestamps) times.add(ts);
  const sorted = [...times].sort((a, b) => a - b);
  const lookup = new Map<string, Map<number, number>>();
  for (const t of toks) {
    const q = prior.get(t);
    if (q && !lookup.has(t)) lookup.set(t, new Map(q.timestamps.map((ts, i) => [ts, q.values[i]])));
  }
  const outT: number[] = [];
  const outV: number[] = [];
  for (const ts of sorted) {
    let i = 0;
    const expr1 = (): number => {
      let v = term();
      while (toks[i] === '+' || toks[i] === '-') v = toks[i++] === '+' ? v + term() : v - term();
      return v;
    };
    const term = (): number => {
      let v = factor();
      while (toks[i] === '*' || toks[i] === '/') v = toks[i++] === '*' ? v * factor() : v / factor();
      return v;
    };
    const factor = (): number => {
      const t = toks[i++];
      if (t === '(') {
        const v = expr1();
        i++;
        return v;
      }
      if (t === '-') return -factor();
      if (t !== undefined && /^\d/.test(t)) return Number(t);
      const m = t !== undefined ? lookup.get(t) : undefined;
      return m?.get(ts) ?? NaN;
    };
    const v = expr1();
    if (Number.isFinite(v)) {
      outT.push(ts);
      outV.push(v);
    }
  }
  return { Id: id, Label: label ?? id, timestamps: outT, values: outV, messages: [], returnData };
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

// ------------------------------------------------------------------ alarms

function alarmState(ctx: Ctx, a: Alarm): { StateValue: string; StateReason: string } {
  const series = ctx.account.metrics.get(a.Namespace, a.MetricName, a.Dimensions);
  const statName = a.ExtendedStatistic ?? a.Statistic ?? 'Average';
  const stat = parseStat(statName);
  const nowSec = Math.floor(ctx.now / 1000 / 60) * 60;
  if (!series || !stat) return { StateValue: 'INSUFFICIENT_DATA', StateReason: 'Insufficient Data: no datapoints were received.' };
  const start = nowSec - a.Period * a.EvaluationPeriods;
  const r = computeSeries(series, start, nowSec, a.Period, stat, ctx.now / 1000);
  if (!r.values.length) return { StateValue: 'INSUFFICIENT_DATA', StateReason: `Insufficient Data: ${a.EvaluationPeriods} datapoints were unknown.` };
  const cmp: Record<string, (v: number) => boolean> = {
    GreaterThanOrEqualToThreshold: (v) => v >= a.Threshold,
    GreaterThanThreshold: (v) => v > a.Threshold,
    LessThanThreshold: (v) => v < a.Threshold,
    LessThanOrEqualToThreshold: (v) => v <= a.Threshold,
  };
  const f = cmp[a.ComparisonOperator] ?? cmp.GreaterThanThreshold;
  const breaching = r.values.filter(f).length;
  const need = a.DatapointsToAlarm ?? a.EvaluationPeriods;
  const shown = r.values.map((v) => Math.round(v * 1000) / 1000).join(', ');
  if (breaching >= need) return { StateValue: 'ALARM', StateReason: `Threshold Crossed: ${breaching} out of the last ${a.EvaluationPeriods} datapoints [${shown}] were ${a.ComparisonOperator.replace(/([A-Z])/g, ' $1').trim().toLowerCase()} (${a.Threshold}).` };
  return { StateValue: 'OK', StateReason: `Threshold Crossed: ${r.values.length - breaching} out of the last ${a.EvaluationPeriods} datapoints [${shown}] were not breaching the threshold (${a.Threshold}).` };
}

function alarmOut(ctx: Ctx, a: Alarm) {
  const st = alarmState(ctx, a);
  return {
    AlarmName: a.AlarmName,
    AlarmArn: ctx.account.arn('cloudwatch', `alarm:${a.AlarmName}`),
    AlarmDescription: a.AlarmDescription,
    AlarmConfigurationUpdatedTimestamp: new Date(a.updated),
    ActionsEnabled: a.ActionsEnabled,
    OKActions: a.OKActions,
    AlarmActions: a.AlarmActions,
    InsufficientDataActions: a.InsufficientDataActions,
    StateValue: st.StateValue,
    StateReason: st.StateReason,
    StateUpdatedTimestamp: new Date(Math.floor(ctx.now / 60000) * 60000),
    MetricName: a.MetricName,
    Namespace: a.Namespace,
    Statistic: a.Statistic,
    ExtendedStatistic: a.ExtendedStatistic,
    Dimensions: a.Dimensions,
    Period: a.Period,
    Unit: a.Unit,
    EvaluationPeriods: a.EvaluationPeriods,
    DatapointsToAlarm: a.DatapointsToAlarm,
    Threshold: a.Threshold,
    ComparisonOperator: a.ComparisonOperator,
    TreatMissingData: a.TreatMissingData,
    StateTransitionedTimestamp: new Date(Math.floor(ctx.now / 60000) * 60000),
  };
}

function describeAlarms(ctx: Ctx, input: Input) {
  const names = optStrList(input, 'AlarmNames', bad);
  const prefix = optStr(input, 'AlarmNamePrefix', bad);
  if (names && prefix !== undefined) throw combo('AlarmNames and AlarmNamePrefix are mutually exclusive.');
  if (names && names.length > 100) throw bad('The collection AlarmNames must not have a size greater than 100.');
  const state = optStr(input, 'StateValue', bad);
  const max = optInt(input, 'MaxRecords', bad, 1, 100) ?? 50;
  const tok = decodeToken(optStr(input, 'NextToken', bad), badToken, isOffsetToken);
  const types = optStrList(input, 'AlarmTypes', bad);
  if (types && !types.includes('MetricAlarm')) return { MetricAlarms: [], CompositeAlarms: [] };
  const all = [...ctx.account.alarms.values()]
    .filter((a) => (!names || names.includes(a.AlarmName)) && (prefix === undefined || a.AlarmName.startsWith(prefix)))
    .sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1))
    .map((a) => alarmOut(ctx, a))
    .filter((a) => state === undefined || a.StateValue === state);
  const off = tok?.o ?? 0;
  return {
    MetricAlarms: all.slice(off, off + max),
    CompositeAlarms: [],
    NextToken: off + max < all.length ? encodeToken({ o: off + max }) : undefined,
  };
}

function describeAlarmsForMetric(ctx: Ctx, input: Input) {
  const namespace = optStr(input, 'Namespace', bad);
  const metricName = optStr(input, 'MetricName', bad);
  if (!namespace || !metricName) throw missing('The parameters Namespace and MetricName are required.');
  const dims = input.Dimensions !== undefined ? dimsOf(input.Dimensions, true) : undefined;
  const statistic = optStr(input, 'Statistic', bad);
  const ext = optStr(input, 'ExtendedStatistic', bad);
  const period = optNum(input, 'Period', bad);
  const list = [...ctx.account.alarms.values()].filter(
    (a) =>
      a.Namespace === namespace &&
      a.MetricName === metricName &&
      (!dims || sameDims(dims, a.Dimensions)) &&
      (statistic === undefined || a.Statistic === statistic) &&
      (ext === undefined || a.ExtendedStatistic === ext) &&
      (period === undefined || a.Period === period),
  );
  return { MetricAlarms: list.sort((a, b) => (a.AlarmName < b.AlarmName ? -1 : 1)).map((a) => alarmOut(ctx, a)) };
}

const OPERATORS = ['GreaterThanOrEqualToThreshold', 'GreaterThanThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];

function putMetricAlarm(ctx: Ctx, input: Input) {
  const name = optStr(input, 'AlarmName', bad);
  if (!name) throw missing('The parameter AlarmName is required.');
  const namespace = optStr(input, 'Namespace', bad);
  const metricName = optStr(input, 'MetricName', bad);
  if (input.Metrics !== undefined) throw bad('Metric math alarms (Metrics) are not supported by the simulator.');
  if (!namespace || !metricName) throw combo('The parameters MetricName and Namespace are required for an alarm on a single metric.');
  const statistic = optStr(input, 'Statistic', bad);
  const ext = optStr(input, 'ExtendedStatistic', bad);
  if ((statistic === undefined) === (ext === undefined)) throw combo('Exactly one of Statistic and ExtendedStatistic must be specified.');
  const period = optNum(input, 'Period', bad);
  if (period === undefined || (period % 60 !== 0 && ![10, 30].includes(period))) throw bad('The parameter Period must be 10, 30 or a multiple of 60.');
  const evals = optInt(input, 'EvaluationPeriods', bad, 1, 100000);
  if (evals === undefined) throw missing('The parameter EvaluationPeriods is required.');
  const threshold = optNum(input, 'Threshold', bad);
  if (threshold === undefined) throw missing('The parameter Threshold is required.');
  const op = optStr(input, 'ComparisonOperator', bad);
  if (!op || !OPERATORS.includes(op)) throw bad(`The parameter ComparisonOperator must be one of ${OPERATORS.join(', ')}.`);
  const strs = (k: string) => (optStrList(input, k, bad) ?? []).map(String);
  ctx.account.alarms.set(name, {
    AlarmName: name,
    AlarmDescription: optStr(input, 'AlarmDescription', bad),
    Namespace: namespace,
    MetricName: metricName,
    Dimensions: dimsOf(input.Dimensions, true),
    Statistic: statistic,
    ExtendedStatistic: ext,
    Period: period,
    EvaluationPeriods: evals,
    DatapointsToAlarm: optInt(input, 'DatapointsToAlarm', bad, 1, 100000),
    Threshold: threshold,
    ComparisonOperator: op,
    TreatMissingData: optStr(input, 'TreatMissingData', bad),
    ActionsEnabled: optBool(input, 'ActionsEnabled') ?? true,
    AlarmActions: strs('AlarmActions'),
    OKActions: strs('OKActions'),
    InsufficientDataActions: strs('InsufficientDataActions'),
    Unit: optStr(input, 'Unit', bad),
    updated: ctx.now,
  });
  return {};
}

function deleteAlarms(ctx: Ctx, input: Input) {
  const names = optStrList(input, 'AlarmNames', bad);
  if (!names || !names.length) throw missing('The parameter AlarmNames is required.');
  if (names.length > 100) throw bad('The collection AlarmNames must not have a size greater than 100.');
  const missingNames = names.filter((n) => !ctx.account.alarms.has(String(n)));
  if (missingNames.length) throw cwError('ResourceNotFound', `${missingNames.length === 1 ? 'An alarm' : 'Alarms'} not found: ${missingNames.join(', ')}`, 404, 'ResourceNotFound');
  for (const n of names) ctx.account.alarms.delete(String(n));
  return {};
}

export const cloudwatchOps: Record<string, (ctx: Ctx, input: Input) => Record<string, unknown>> = {
  ListMetrics: listMetrics,
  GetMetricData: getMetricData,
  GetMetricStatistics: getMetricStatistics,
  PutMetricData: putMetricData,
  DescribeAlarms: describeAlarms,
  DescribeAlarmsForMetric: describeAlarmsForMetric,
  PutMetricAlarm: putMetricAlarm,
  DeleteAlarms: deleteAlarms,
};

/** Ops whose awsQuery response has no <OpResult> element. */
export const NO_RESULT_OPS = new Set(['PutMetricData', 'PutMetricAlarm', 'DeleteAlarms']);
