/** CloudWatch alarms as the panels show them, matched to the series they watch; and the "Create alarm…" form. */
import { parseHostDimension } from '../names';
import type { Dimension, SeriesSpec } from './panels';

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export const COMPARISON_OPERATORS = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;
export type ComparisonOperator = (typeof COMPARISON_OPERATORS)[number];

export interface AlarmInfo {
  readonly alarmName: string;
  readonly state: AlarmState | string;
  readonly stateReason?: string;
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: readonly Dimension[];
  /** Statistic or extended statistic (p99). */
  readonly stat: string;
  readonly periodSeconds: number;
  readonly threshold: number;
  readonly comparison: string;
  readonly evaluationPeriods: number;
}

const sameDims = (a: readonly Dimension[], b: readonly Dimension[]) =>
  a.length === b.length && a.every((d) => b.some((e) => e.Name === d.Name && e.Value === d.Value));

/**
 * The series an alarm watches: same metric and dimensions, and (when `sameStatistic`) the same statistic,
 * so a threshold line is only drawn where its scale means something.
 */
export function seriesForAlarm(alarm: AlarmInfo, series: readonly SeriesSpec[], sameStatistic = true): SeriesSpec | undefined {
  const candidates = series.filter((s) => s.namespace === alarm.namespace && s.metricName === alarm.metricName && sameDims(s.dimensions, alarm.dimensions));
  return candidates.find((s) => s.stat === alarm.stat) ?? (sameStatistic ? undefined : candidates[0]);
}

export interface CreateAlarmForm {
  readonly seriesId: string;
  readonly alarmName: string;
  readonly stat: string;
  /** In the display unit of the chart (ms for latency, % for rates). */
  readonly threshold: number;
  readonly comparison: string;
  readonly evaluationPeriods: number;
  readonly periodSeconds: number;
  readonly snsTopicArn?: string;
}

const ALARM_NAME = /^[^\x00-\x1f]{1,255}$/;
const SNS_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** Problems with a form, by field; empty when it can be sent. */
export function validateAlarmForm(form: CreateAlarmForm, statistics: readonly string[]): Record<string, string> {
  const problems: Record<string, string> = {};
  if (!ALARM_NAME.test(form.alarmName.trim())) {
    problems.alarmName = 'A name of 1–255 printable characters.';
  }
  if (!statistics.includes(form.stat)) {
    problems.stat = `One of ${statistics.join(', ')}.`;
  }
  if (!Number.isFinite(form.threshold)) {
    problems.threshold = 'A number.';
  }
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(form.comparison)) {
    problems.comparison = 'Pick a comparison.';
  }
  if (!Number.isInteger(form.evaluationPeriods) || form.evaluationPeriods < 1 || form.evaluationPeriods * form.periodSeconds > 86_400 * 7) {
    problems.evaluationPeriods = 'A whole number ≥ 1; evaluation periods × period must be at most 7 days.';
  }
  if (!Number.isInteger(form.periodSeconds) || form.periodSeconds < 10 || (form.periodSeconds > 30 && form.periodSeconds % 60 !== 0)) {
    problems.periodSeconds = 'A period of 10, 30 or a multiple of 60 seconds.';
  }
  if (form.snsTopicArn && !SNS_ARN.test(form.snsTopicArn.trim())) {
    problems.snsTopicArn = 'An SNS topic ARN like arn:aws:sns:us-east-1:123456789012:my-topic.';
  }
  return problems;
}

const PERCENTILE = /^p\d{1,2}(\.\d+)?$/;

/** The PutMetricAlarm input for a valid form on a series (threshold converted back from the display unit). */
export function putMetricAlarmInput(form: CreateAlarmForm, series: SeriesSpec) {
  const stat = PERCENTILE.test(form.stat) ? { ExtendedStatistic: form.stat } : { Statistic: form.stat };
  const arn = form.snsTopicArn?.trim();
  return {
    AlarmName: form.alarmName.trim(),
    AlarmDescription: `Created by SageMaker Monitor on ${series.label}`,
    Namespace: series.namespace,
    MetricName: series.metricName,
    Dimensions: series.dimensions.map((d) => ({ Name: d.Name, Value: d.Value })),
    ...stat,
    Period: form.periodSeconds,
    EvaluationPeriods: form.evaluationPeriods,
    Threshold: form.threshold / series.factor,
    ComparisonOperator: form.comparison,
    TreatMissingData: 'missing',
    ...(arn ? { AlarmActions: [arn] } : {}),
  };
}

// ── Alarm badges on the explorer's nodes ──────────────────────────────────────────────────────────────

/** A node of the explorer that alarms can watch. */
export type AlarmTargetKey = `endpoint:${string}` | `variant:${string}/${string}` | `inferenceComponent:${string}` | `trainingJob:${string}`;

export const endpointAlarmKey = (endpointName: string): AlarmTargetKey => `endpoint:${endpointName}`;
export const variantAlarmKey = (endpointName: string, variantName: string): AlarmTargetKey => `variant:${endpointName}/${variantName}`;
export const inferenceComponentAlarmKey = (inferenceComponentName: string): AlarmTargetKey => `inferenceComponent:${inferenceComponentName}`;
export const trainingJobAlarmKey = (trainingJobName: string): AlarmTargetKey => `trainingJob:${trainingJobName}`;

/**
 * The nodes an alarm watches, from its dimensions: EndpointName[/VariantName] (invocation and enhanced
 * instance metrics), Host `endpoint/variant/instance` or `job/algo-n`, TrainingJobName, InferenceComponentName.
 */
export function alarmTargetKeys(alarm: Pick<AlarmInfo, 'namespace' | 'dimensions'>): AlarmTargetKey[] {
  const dim = (name: string) => alarm.dimensions.find((d) => d.Name === name)?.Value;
  const keys = new Set<AlarmTargetKey>();
  const endpoint = dim('EndpointName');
  const variant = dim('VariantName');
  if (endpoint) {
    keys.add(endpointAlarmKey(endpoint));
    if (variant) {
      keys.add(variantAlarmKey(endpoint, variant));
    }
  }
  const host = dim('Host');
  const parsed = host ? parseHostDimension(alarm.namespace, host) : undefined;
  if (parsed?.kind === 'endpoint') {
    keys.add(endpointAlarmKey(parsed.endpointName));
    keys.add(variantAlarmKey(parsed.endpointName, parsed.variantName));
  } else if (parsed?.kind === 'training') {
    keys.add(trainingJobAlarmKey(parsed.trainingJobName));
  }
  const ic = dim('InferenceComponentName');
  if (ic) {
    keys.add(inferenceComponentAlarmKey(ic));
  }
  const job = dim('TrainingJobName');
  if (job) {
    keys.add(trainingJobAlarmKey(job));
  }
  return [...keys];
}

/** What a node shows: the loudest state among its alarms (ALARM over INSUFFICIENT_DATA over OK). */
export interface AlarmBadge {
  readonly state: AlarmState;
  /** The alarms in that state, by name. */
  readonly alarms: readonly { readonly alarmName: string; readonly state: string; readonly stateReason?: string }[];
  /** Every alarm watching the node. */
  readonly total: number;
}

const LOUDNESS: Record<string, number> = { ALARM: 2, INSUFFICIENT_DATA: 1, OK: 0 };

/** One DescribeAlarms listing, indexed by the nodes it concerns. */
export class AlarmIndex {
  private readonly byKey = new Map<AlarmTargetKey, AlarmInfo[]>();

  constructor(readonly alarms: readonly AlarmInfo[] = []) {
    for (const alarm of alarms) {
      for (const key of alarmTargetKeys(alarm)) {
        this.byKey.set(key, [...(this.byKey.get(key) ?? []), alarm]);
      }
    }
  }

  /** The node's badge; undefined when no alarm watches it. */
  badge(key: AlarmTargetKey): AlarmBadge | undefined {
    const alarms = this.byKey.get(key);
    if (!alarms?.length) {
      return undefined;
    }
    const loudest = Math.max(...alarms.map((a) => LOUDNESS[a.state] ?? 1));
    const state = (Object.keys(LOUDNESS).find((s) => LOUDNESS[s] === loudest) ?? 'INSUFFICIENT_DATA') as AlarmState;
    const inState = alarms.filter((a) => (LOUDNESS[a.state] ?? 1) === loudest).map((a) => ({ alarmName: a.alarmName, state: a.state, ...(a.stateReason ? { stateReason: a.stateReason } : {}) }));
    return { state, alarms: inState, total: alarms.length };
  }
}
