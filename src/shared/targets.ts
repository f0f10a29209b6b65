/**
 * The plain-object arguments of the public commands (DESIGN §2), so keybindings, tests and other
 * extensions can call them. Tree nodes convert themselves to these shapes before invoking a command.
 */
import { type Fields, fail, firstError, host, instanceHost, isObject, optionalString, optionalTime, resourceName } from './targetFields';

export type MetricsTarget =
  | { readonly kind: 'endpoint'; readonly endpointName: string; readonly variantName?: string }
  /** An inference component of an endpoint (its invocations, copies and normalized utilization). */
  | { readonly kind: 'inferenceComponent'; readonly endpointName: string; readonly inferenceComponentName: string }
  | { readonly kind: 'trainingJob'; readonly trainingJobName: string; readonly host?: string }
  | { readonly kind: 'processingJob'; readonly processingJobName: string; readonly host?: string }
  /** `host`: an instance id of the transform job. */
  | { readonly kind: 'transformJob'; readonly transformJobName: string; readonly host?: string }
  /** A pipeline's execution and step metrics (`AWS/Sagemaker/ModelBuildingPipeline`). */
  | { readonly kind: 'pipeline'; readonly pipelineName: string };

/** A metrics target that is a job (its run is the panels' default range). */
export type JobMetricsTarget = Exclude<MetricsTarget, { kind: 'endpoint' | 'inferenceComponent' | 'pipeline' }>;

export function isJobMetricsTarget(t: MetricsTarget): t is JobMetricsTarget {
  return t.kind !== 'endpoint' && t.kind !== 'inferenceComponent' && t.kind !== 'pipeline';
}

/** `churn-features-live` or `churn-features-live/algo-2`, `ep/AllTraffic`: a target in titles and file names. */
export function metricsTargetLabel(t: MetricsTarget): string {
  if (t.kind === 'inferenceComponent') {
    // `llm-chat-ic/llama3-8b-chat`: the endpoint, then the component (targetResourceName is the component alone).
    return `${t.endpointName}/${t.inferenceComponentName}`;
  }
  const sub = t.kind === 'endpoint' ? t.variantName : t.kind === 'pipeline' ? undefined : t.host;
  return `${targetResourceName(t)}${sub ? `/${sub}` : ''}`;
}

/** `training job x/algo-1`, `endpoint ep/AllTraffic`: a target in a sentence. */
export function describeMetricsTarget(t: MetricsTarget): string {
  const noun = { endpoint: 'endpoint', inferenceComponent: 'inference component', trainingJob: 'training job', processingJob: 'processing job', transformJob: 'transform job', pipeline: 'pipeline' }[t.kind];
  return t.kind === 'inferenceComponent' ? `${noun} ${t.inferenceComponentName} (${t.endpointName})` : `${noun} ${metricsTargetLabel(t)}`;
}

/** The tailLogs argument of a metrics target's logs (a panel's "show logs around this point"); none for a pipeline. */
export function tailArgumentOf(t: MetricsTarget): Record<string, string> | undefined {
  switch (t.kind) {
    case 'endpoint':
      return { endpointName: t.endpointName, ...(t.variantName ? { variantName: t.variantName } : {}) };
    case 'inferenceComponent':
      return { endpointName: t.endpointName, inferenceComponentName: t.inferenceComponentName };
    case 'trainingJob':
      return { trainingJobName: t.trainingJobName, ...(t.host ? { host: t.host } : {}) };
    case 'processingJob':
      return { processingJobName: t.processingJobName, ...(t.host ? { host: t.host } : {}) };
    case 'transformJob':
      return { transformJobName: t.transformJobName, ...(t.host ? { host: t.host } : {}) };
    case 'pipeline':
      return undefined;
  }
}

/** Optional extras of a tail argument: from a time, a fixed window (`endTime`), no follow (times in epoch ms), a filter. */
export interface TailRange {
  readonly startTime?: number;
  readonly endTime?: number;
  readonly follow?: boolean;
  /** A CloudWatch Logs filter pattern (`ERROR`, `?Traceback ?Exception`, `{ $.level = "error" }`), applied by the service. */
  readonly filterPattern?: string;
  /** A regular expression for lines to leave out, applied in the extension; overrides the setting, '' for none. */
  readonly excludePattern?: string;
}

export type TailTarget = (
  | { readonly kind: 'trainingJob'; readonly trainingJobName: string; readonly host?: string }
  | { readonly kind: 'processingJob'; readonly processingJobName: string; readonly host?: string }
  /**
   * `host` is an instance id. A transform instance writes a model-server stream and a `/data-log` stream:
   * `dataLog` true tails only the data log, false only the model server, absent both.
   */
  | { readonly kind: 'transformJob'; readonly transformJobName: string; readonly host?: string; readonly dataLog?: boolean }
  /** `dataLog` (async endpoints): true tails only the `/data-log` streams, false only the model server's, absent both. */
  | { readonly kind: 'endpoint'; readonly endpointName: string; readonly variantName?: string; readonly instanceId?: string; readonly dataLog?: boolean }
  /** Its own log group `/aws/sagemaker/InferenceComponents/[name]` where it exists, else the endpoint's streams. */
  | { readonly kind: 'inferenceComponent'; readonly endpointName: string; readonly inferenceComponentName: string }
  | { readonly kind: 'stream'; readonly logGroupName: string; readonly logStreamName: string }
) &
  TailRange;

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

export const METRICS_ARGUMENT_HINT = '{ endpointName, variantName? }, { endpointName, inferenceComponentName }, { trainingJobName, host? }, { processingJobName, host? }, { transformJobName, host? } or { pipelineName }';
export const TAIL_ARGUMENT_HINT =
  '{ trainingJobName, host? }, { processingJobName, host? }, { transformJobName, host?, dataLog? }, { endpointName, variantName?, instanceId?, dataLog? }, { endpointName, inferenceComponentName } or { logGroupName, logStreamName }';

/** Tree nodes (and anything else) can stand for a target by offering these methods. */
export interface TargetProvider {
  metricsTarget(): MetricsTarget | undefined;
  tailTarget(): TailTarget | undefined;
}

function isTargetProvider(arg: unknown): arg is TargetProvider {
  return isObject(arg) && typeof arg.metricsTarget === 'function' && typeof arg.tailTarget === 'function';
}

/** A command's first argument as plain fields: a target provider's own target, else the object itself. */
function plain(arg: unknown, which: 'metricsTarget' | 'tailTarget'): unknown {
  return isTargetProvider(arg) ? arg[which]() : arg;
}

export function parseMetricsTarget(input: unknown): Parsed<MetricsTarget> {
  const arg = plain(input, 'metricsTarget');
  if (!isObject(arg)) {
    return fail('No metrics target given', METRICS_ARGUMENT_HINT);
  }
  if (arg.pipelineName !== undefined) {
    const pipeline = resourceName(arg, 'pipelineName');
    const others = Object.keys(arg).filter((k) => k !== 'pipelineName');
    if (pipeline.error || others.length > 0) {
      return fail(pipeline.error ?? `A pipeline's metrics take { pipelineName } alone, not ${others.join(', ')}`, METRICS_ARGUMENT_HINT);
    }
    return { ok: true, value: { kind: 'pipeline', pipelineName: pipeline.value ?? '' } };
  }
  if (arg.processingJobName !== undefined || arg.transformJobName !== undefined) {
    if (arg.dataLog !== undefined) {
      return fail('"dataLog" is for tailing logs', METRICS_ARGUMENT_HINT);
    }
    // The same shapes as Tail Logs' (without a time range).
    const job = parseJobTailResource(arg);
    if (!job || !job.ok) {
      return fail(job && !job.ok ? job.error.replace(/\. Expected .*$/, '') : 'No job name', METRICS_ARGUMENT_HINT);
    }
    const t = job.value;
    return t.kind === 'processingJob' || t.kind === 'transformJob' ? { ok: true, value: t } : fail('No job name', METRICS_ARGUMENT_HINT);
  }
  if (arg.inferenceComponentName !== undefined) {
    const ic = parseInferenceComponent(arg, []);
    return ic.ok ? ic : fail(ic.error, METRICS_ARGUMENT_HINT);
  }
  const endpoint = resourceName(arg, 'endpointName');
  const variant = resourceName(arg, 'variantName');
  const job = resourceName(arg, 'trainingJobName');
  const algo = host(arg);
  const error = firstError(endpoint, variant, job, algo);
  if (error) {
    return fail(error, METRICS_ARGUMENT_HINT);
  }
  if (endpoint.value && !job.value && !algo.value) {
    return { ok: true, value: { kind: 'endpoint', endpointName: endpoint.value, ...(variant.value ? { variantName: variant.value } : {}) } };
  }
  if (job.value && !endpoint.value && !variant.value) {
    return { ok: true, value: { kind: 'trainingJob', trainingJobName: job.value, ...(algo.value ? { host: algo.value } : {}) } };
  }
  return fail(endpoint.value && job.value ? 'Give an endpoint or a training job, not both' : 'No endpoint or training job name', METRICS_ARGUMENT_HINT);
}

function parseTailRange(arg: Fields): Parsed<TailRange> {
  const start = optionalTime(arg, 'startTime');
  const end = optionalTime(arg, 'endTime');
  const follow = arg.follow;
  const pattern = optionalString(arg, 'filterPattern');
  const exclude = arg.excludePattern;
  const error =
    firstError(start, end, pattern) ??
    (follow !== undefined && typeof follow !== 'boolean' ? '"follow" must be true or false' : undefined) ??
    (exclude !== undefined && typeof exclude !== 'string' ? '"excludePattern" must be a string' : undefined);
  if (error) {
    return fail(error, TAIL_ARGUMENT_HINT);
  }
  if (start.value !== undefined && end.value !== undefined && end.value <= start.value) {
    return fail('"endTime" must be after "startTime"', TAIL_ARGUMENT_HINT);
  }
  return {
    ok: true,
    value: {
      ...(start.value !== undefined ? { startTime: start.value } : {}),
      ...(end.value !== undefined ? { endTime: end.value } : {}),
      ...(typeof follow === 'boolean' ? { follow } : {}),
      ...(pattern.value !== undefined ? { filterPattern: pattern.value } : {}),
      ...(typeof exclude === 'string' ? { excludePattern: exclude.trim() } : {}),
    },
  };
}

export function parseTailTarget(input: unknown): Parsed<TailTarget> {
  const arg = plain(input, 'tailTarget');
  if (!isObject(arg)) {
    return fail('No log target given', TAIL_ARGUMENT_HINT);
  }
  const range = parseTailRange(arg);
  if (!range.ok) {
    return range;
  }
  const parsed = parseTailResource(arg);
  return parsed.ok ? { ok: true, value: { ...parsed.value, ...range.value } } : parsed;
}

function parseTailResource(arg: Fields): Parsed<TailTarget> {
  const group = optionalString(arg, 'logGroupName');
  const stream = optionalString(arg, 'logStreamName');
  if (group.value !== undefined || stream.value !== undefined) {
    const error = firstError(group, stream) ?? (!group.value || !stream.value ? 'Both "logGroupName" and "logStreamName" are needed' : undefined);
    if (error || !group.value || !stream.value) {
      return fail(error ?? 'Incomplete stream target', TAIL_ARGUMENT_HINT);
    }
    return { ok: true, value: { kind: 'stream', logGroupName: group.value, logStreamName: stream.value } };
  }
  const jobs = parseJobTailResource(arg);
  if (jobs) {
    return jobs;
  }
  if (arg.inferenceComponentName !== undefined) {
    const ic = parseInferenceComponent(arg, ['startTime', 'endTime', 'follow', 'filterPattern', 'excludePattern']);
    return ic.ok ? ic : fail(ic.error, TAIL_ARGUMENT_HINT);
  }
  const endpoint = resourceName(arg, 'endpointName');
  const variant = resourceName(arg, 'variantName');
  const instance = optionalString(arg, 'instanceId');
  const job = resourceName(arg, 'trainingJobName');
  const algo = host(arg);
  const dataLog = arg.dataLog;
  const error =
    firstError(endpoint, variant, instance, job, algo) ??
    (dataLog !== undefined && (typeof dataLog !== 'boolean' || !endpoint.value) ? '"dataLog" must be true or false, with an endpoint or transform job' : undefined);
  if (error) {
    return fail(error, TAIL_ARGUMENT_HINT);
  }
  if (job.value && !endpoint.value && !variant.value && !instance.value) {
    return { ok: true, value: { kind: 'trainingJob', trainingJobName: job.value, ...(algo.value ? { host: algo.value } : {}) } };
  }
  if (endpoint.value && !job.value && !algo.value) {
    if (instance.value && !variant.value) {
      return fail('"instanceId" needs "variantName"', TAIL_ARGUMENT_HINT);
    }
    return {
      ok: true,
      value: {
        kind: 'endpoint',
        endpointName: endpoint.value,
        ...(variant.value ? { variantName: variant.value } : {}),
        ...(instance.value ? { instanceId: instance.value } : {}),
        ...(typeof dataLog === 'boolean' ? { dataLog } : {}),
      },
    };
  }
  return fail(endpoint.value && job.value ? 'Give an endpoint or a training job, not both' : 'No training job, endpoint or log stream given', TAIL_ARGUMENT_HINT);
}

/** `{ processingJobName, host? }` or `{ transformJobName, host?, dataLog? }`; undefined when neither name is there. */
function parseJobTailResource(arg: Fields): Parsed<TailTarget> | undefined {
  if (arg.processingJobName === undefined && arg.transformJobName === undefined) {
    return undefined;
  }
  const others = ['trainingJobName', 'endpointName', 'variantName', 'instanceId'].filter((k) => arg[k] !== undefined);
  if (others.length > 0 || (arg.processingJobName !== undefined && arg.transformJobName !== undefined)) {
    return fail(`Give one job or endpoint, not also ${others[0] ?? 'transformJobName'}`, TAIL_ARGUMENT_HINT);
  }
  if (arg.processingJobName !== undefined) {
    const job = resourceName(arg, 'processingJobName');
    const algo = host(arg);
    const error = firstError(job, algo) ?? (arg.dataLog !== undefined ? '"dataLog" is for transform jobs' : undefined);
    if (error || !job.value) {
      return fail(error ?? 'No processing job name', TAIL_ARGUMENT_HINT);
    }
    return { ok: true, value: { kind: 'processingJob', processingJobName: job.value, ...(algo.value ? { host: algo.value } : {}) } };
  }
  const job = resourceName(arg, 'transformJobName');
  const instance = instanceHost(arg);
  const dataLog = arg.dataLog;
  const error = firstError(job, instance) ?? (dataLog !== undefined && typeof dataLog !== 'boolean' ? '"dataLog" must be true or false' : undefined);
  if (error || !job.value) {
    return fail(error ?? 'No transform job name', TAIL_ARGUMENT_HINT);
  }
  return {
    ok: true,
    value: { kind: 'transformJob', transformJobName: job.value, ...(instance.value ? { host: instance.value } : {}), ...(typeof dataLog === 'boolean' ? { dataLog } : {}) },
  };
}

/** A short name for titles and channel names: the training job or endpoint the target belongs to. */
export function targetResourceName(target: MetricsTarget | TailTarget): string {
  switch (target.kind) {
    case 'endpoint':
      return target.endpointName;
    case 'inferenceComponent':
      return target.inferenceComponentName;
    case 'trainingJob':
      return target.trainingJobName;
    case 'processingJob':
      return target.processingJobName;
    case 'transformJob':
      return target.transformJobName;
    case 'pipeline':
      return target.pipelineName;
    case 'stream':
      return target.logStreamName;
  }
}

/** `{ endpointName, inferenceComponentName }` and nothing else but the `allowed` extras (a tail's range). */
function parseInferenceComponent(arg: Fields, allowed: readonly string[]): Parsed<Extract<MetricsTarget, { kind: 'inferenceComponent' }>> {
  const endpoint = resourceName(arg, 'endpointName');
  const ic = resourceName(arg, 'inferenceComponentName');
  // `kind` comes with a tree node's own target.
  const others = Object.keys(arg).filter((k) => !['kind', 'endpointName', 'inferenceComponentName', ...allowed].includes(k) && arg[k] !== undefined);
  const error =
    firstError(endpoint, ic) ??
    (!endpoint.value ? 'An inference component needs its "endpointName"' : undefined) ??
    (others.length > 0 ? `An inference component takes { endpointName, inferenceComponentName }, not ${others.join(', ')}` : undefined);
  if (error || !endpoint.value || !ic.value) {
    return { ok: false, error: error ?? 'No inference component name' };
  }
  return { ok: true, value: { kind: 'inferenceComponent', endpointName: endpoint.value, inferenceComponentName: ic.value } };
}
