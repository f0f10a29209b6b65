/** CloudWatch alarms: DescribeAlarms, DescribeAlarmsForMetric, PutMetricAlarm, DeleteAlarms; state evaluated from the series at read time. */
import { cwError } from '../errors';
import { computeSeries, type Dim, parseStat } from '../model/metrics';
import { type Alarm } from '../model/state';
import { bad, badToken, combo, dimsOf, missing } from './cloudwatchInput';
import type { Ctx } from './context';
import { decodeToken, encodeToken, type Input, isOffsetToken, optBool, optInt, optNum, optStr, optStrList } from './input';

const sameDims = (a: Dim[], b: Dim[]) => a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

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

export function describeAlarms(ctx: Ctx, input: Input) {
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

export function describeAlarmsForMetric(ctx: Ctx, input: Input) {
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

export function putMetricAlarm(ctx: Ctx, input: Input) {
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

export function deleteAlarms(ctx: Ctx, input: Input) {
  const names = optStrList(input, 'AlarmNames', bad);
  if (!names || !names.length) throw missing('The parameter AlarmNames is required.');
  if (names.length > 100) throw bad('The collection AlarmNames must not have a size greater than 100.');
  const missingNames = names.filter((n) => !ctx.account.alarms.has(String(n)));
  if (missingNames.length) throw cwError('ResourceNotFound', `${missingNames.length === 1 ? 'An alarm' : 'Alarms'} not found: ${missingNames.join(', ')}`, 404, 'ResourceNotFound');
  for (const n of names) ctx.account.alarms.delete(String(n));
  return {};
}
