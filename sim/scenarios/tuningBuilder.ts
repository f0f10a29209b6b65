/**
 * Hyperparameter tuning jobs: the tuning job record and its children, ordinary training jobs of the account
 * named `[tuning-job]-[NNN]-[8 hex]` as SageMaker names them, built by trainingBuilder.ts with the XGBoost
 * container (logs `[job]/algo-1-[epoch]`, algorithm and host metrics), or as bare records (`light`, the large
 * scenario). A child's curves end at its final objective value.
 */
import { hashString } from '../src/model/hash';
import { type Account, type StatusStep, type TrainingJob } from '../src/model/state';
import { type ObjectiveType, type TuningChild, type TuningJob } from '../src/model/workflows';
import { addTrainingJob } from './trainingBuilder';
import { higherIsBetter, XGBOOST_IMAGE, xgboostMetricDefinition, xgboostStyle } from './xgboost';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000';

export interface TuningChildSpec {
  tuned: Record<string, string>;
  /** creation (epoch ms); training starts 2.5 min later */
  start: number;
  /** minutes from the start of training to its end (completion, failure or early stop) */
  trainMin: number;
  /** InProgress: still training, no end planned (the large scenario) */
  outcome: 'Completed' | 'Failed' | 'Stopped' | 'InProgress';
  /** final objective value (Completed, Stopped) */
  objective?: number;
  failureReason?: string;
  failureLines?: string[];
  retryable?: boolean;
}

export interface TuningSpec {
  name: string;
  created: number;
  strategy?: string;
  objective: { Type: ObjectiveType; MetricName: string };
  maxJobs?: number;
  maxParallel: number;
  earlyStopping?: 'Auto' | 'Off';
  ranges: Record<string, unknown>;
  staticHyperParameters: Record<string, string>;
  instanceType: string;
  cores: number;
  gpus: number;
  /** metrics the container logs, in log order (the objective among them); default train:auc, validation:auc */
  metrics?: string[];
  image?: string;
  roleArn?: string;
  outputPath?: string;
  /** ResourceLimits.MaxRuntimeInSeconds */
  maxRuntimeInSeconds?: number;
  children: TuningChildSpec[];
  /** explicit tuning job statuses (Stopping, Stopped, Failed) */
  steps?: StatusStep[];
  failureReason?: string;
  /** bare training job records (no logs, no metrics) */
  light?: boolean;
}

export function tuningChildName(tuning: string, index: number): string {
  const hex = (hashString(`${tuning}/${index}`) >>> 0).toString(16).padStart(8, '0').slice(-8);
  return `${tuning}-${String(index).padStart(3, '0')}-${hex}`;
}

/** Final values of every logged metric given the objective's: training-set metrics a little better than validation. */
export function finalsFor(metrics: string[], objective: string, type: ObjectiveType, value: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of metrics) {
    if (m === objective) out[m] = value;
    else if (m.split(':')[1] === objective.split(':')[1]) out[m] = type === 'Maximize' ? Math.min(0.999, value + 0.025) : value * 0.85;
    else out[m] = higherIsBetter(m) ? Math.min(0.99, 0.75 + (value % 0.2)) : 0.2 + (value % 0.15);
  }
  return out;
}

function childSteps(c: TuningChildSpec): StatusStep[] {
  const train = c.start + 150_000;
  const end = train + c.trainMin * 60_000;
  const steps: StatusStep[] = [
    { status: 'Starting', at: c.start, message: 'Preparing the instances for training' },
    { status: 'Downloading', at: c.start + 60_000 },
    { status: 'Training', at: train },
  ];
  if (c.outcome === 'Completed') steps.push({ status: 'Uploading', at: end }, { status: 'Completed', at: end + 45_000 });
  else if (c.outcome === 'Stopped') steps.push({ status: 'Stopping', at: end, message: 'Stopping the training job (early stopping by the tuning job)' }, { status: 'Stopped', at: end + 30_000 });
  else if (c.outcome === 'Failed') steps.push({ status: 'Failed', at: end });
  return steps;
}

export function addTuningJob(acc: Account, spec: TuningSpec): TuningJob {
  const metrics = spec.metrics ?? ['train:auc', 'validation:auc'];
  const tj: TuningJob = {
    name: spec.name,
    creationTime: spec.created,
    strategy: spec.strategy ?? 'Bayesian',
    objective: spec.objective,
    maxJobs: spec.maxJobs ?? spec.children.length,
    maxParallel: spec.maxParallel,
    maxRuntimeInSeconds: spec.maxRuntimeInSeconds,
    earlyStopping: spec.earlyStopping ?? 'Auto',
    ranges: spec.ranges,
    staticHyperParameters: { ...spec.staticHyperParameters, _tuning_objective_metric: spec.objective.MetricName },
    image: spec.image ?? XGBOOST_IMAGE(acc.region),
    metricDefinitions: metrics.map(xgboostMetricDefinition),
    instanceType: spec.instanceType,
    instanceCount: 1,
    volumeSizeInGB: 30,
    roleArn: spec.roleArn ?? ROLE,
    outputPath: spec.outputPath ?? `s3://sagemaker-${acc.region}-123456789012/${spec.name}/output`,
    inputChannels: ['train', 'validation'],
    jobMaxRuntimeInSeconds: 86400,
    children: [],
    steps: spec.steps ?? [],
    failureReason: spec.failureReason,
  };
  acc.tuningJobs.set(spec.name, tj);
  spec.children.forEach((c) => addTuningChild(acc, tj, c, spec, metrics));
  return tj;
}

/** Launches child number `tj.children.length + 1` now (its record, or its logs and metrics too). */
export function addTuningChild(acc: Account, tj: TuningJob, c: TuningChildSpec, spec: Pick<TuningSpec, 'cores' | 'gpus' | 'light'>, metrics: string[]): TrainingJob {
  const name = tuningChildName(tj.name, tj.children.length + 1);
  const child: TuningChild = { name, tuned: c.tuned, objective: c.outcome === 'Failed' || c.outcome === 'InProgress' ? undefined : c.objective, retryable: c.retryable };
  tj.children.push(child);
  const hp = { ...tj.staticHyperParameters, ...c.tuned };
  const steps = childSteps(c);
  const value = c.objective ?? (tj.objective.Type === 'Maximize' ? 0.8 : 0.35);
  const finals = finalsFor(metrics, tj.objective.MetricName, tj.objective.Type, value);
  let job: TrainingJob;
  if (spec.light) {
    job = {
      name,
      creationTime: c.start,
      steps,
      failureReason: c.failureReason,
      instanceType: tj.instanceType,
      instanceCount: tj.instanceCount,
      volumeSizeInGB: tj.volumeSizeInGB,
      image: tj.image,
      hyperParameters: hp,
      metricDefinitions: tj.metricDefinitions,
      roleArn: tj.roleArn,
      outputPath: tj.outputPath,
      maxRuntimeInSeconds: tj.jobMaxRuntimeInSeconds,
      inputChannels: tj.inputChannels,
    };
    acc.trainingJobs.set(name, job);
  } else {
    job = addTrainingJob(acc, {
      name,
      instanceType: tj.instanceType,
      hosts: tj.instanceCount,
      cores: spec.cores,
      gpus: spec.gpus,
      steps,
      epochs: 1,
      stepsPerEpoch: 1,
      lineIntervalMs: 5000,
      failureReason: c.failureReason,
      failureLines: c.failureLines,
      hyperParameters: hp,
      algorithm: xgboostStyle(finals),
    });
    job.image = tj.image;
    job.roleArn = tj.roleArn;
    job.inputChannels = tj.inputChannels;
    job.volumeSizeInGB = tj.volumeSizeInGB;
    job.outputPath = tj.outputPath;
    job.maxRuntimeInSeconds = tj.jobMaxRuntimeInSeconds;
  }
  job.tuningJobName = tj.name;
  job.metricDefinitions = tj.metricDefinitions;
  if (child.objective !== undefined) job.finalMetrics = metrics.map((m) => ({ MetricName: m, Value: finals[m] }));
  return job;
}

/** A tuning job started now (CreateHyperParameterTuningJob, a pipeline's Tuning step): MaxNumberOfTrainingJobs children in waves of MaxParallelTrainingJobs, each training 8 minutes; the first wave now, later waves when the clock reaches them. Returns when the last child ends. */
export function startTuningJob(acc: Account, spec: TuningSpec, metricDefinitions?: { Name: string; Regex: string }[]): { tj: TuningJob; end: number } {
  const metrics = [...new Set([...(metricDefinitions ?? []).map((m) => m.Name), spec.objective.MetricName])];
  const tj = addTuningJob(acc, { ...spec, children: [], metrics });
  if (metricDefinitions?.length) tj.metricDefinitions = metricDefinitions;
  for (let k = 0; k < tj.maxJobs; k++) {
    const start = childStart(spec.created, k, tj.maxParallel);
    const r = (hashString(`${tj.name}/objective/${k}`) >>> 0) / 4294967296;
    const c: TuningChildSpec = { tuned: sampleRanges(tj.ranges, `${tj.name}/${k}`), start, trainMin: 8, outcome: 'Completed', objective: Math.round((tj.objective.Type === 'Maximize' ? 0.7 + 0.25 * r : 0.1 + 0.5 * r) * 1e4) / 1e4 };
    if (start <= spec.created) {
      addTuningChild(acc, tj, c, spec, metrics);
      continue;
    }
    acc.pending.push({
      at: start,
      ready: () => (tj.steps.length ? 'cancel' : 'go'),
      launch: (a) => void addTuningChild(a, tj, c, spec, metrics),
    });
  }
  return { tj, end: tuningEnd(spec.created, tj.maxJobs, tj.maxParallel) };
}

const WAVE_MS = 12 * 60_000;
const childStart = (created: number, k: number, parallel: number) => created + Math.floor(k / parallel) * WAVE_MS;
/** When a tuning job started at `created` ends: its last child completes (2.5 min to training, 8 min training, 45 s upload). */
export const tuningEnd = (created: number, maxJobs: number, parallel: number) => childStart(created, Math.max(0, maxJobs - 1), parallel) + 150_000 + 8 * 60_000 + 45_000;

/** Tuned hyperparameters drawn (deterministically) from the ParameterRanges. */
function sampleRanges(ranges: Record<string, unknown>, key: string): Record<string, string> {
  const out: Record<string, string> = {};
  const list = (k: string) => (Array.isArray(ranges[k]) ? (ranges[k] as Record<string, unknown>[]) : []);
  const r = (name: string) => (hashString(`${key}/${name}`) >>> 0) / 4294967296;
  for (const p of list('IntegerParameterRanges')) {
    const lo = Number(p.MinValue);
    const hi = Number(p.MaxValue);
    out[String(p.Name)] = String(Math.floor(lo + r(String(p.Name)) * (hi - lo + 1)));
  }
  for (const p of list('ContinuousParameterRanges')) {
    const lo = Number(p.MinValue);
    const hi = Number(p.MaxValue);
    out[String(p.Name)] = String(Number((lo + r(String(p.Name)) * (hi - lo)).toPrecision(4)));
  }
  for (const p of list('CategoricalParameterRanges')) {
    const values = Array.isArray(p.Values) ? (p.Values as unknown[]).map(String) : [];
    if (values.length) out[String(p.Name)] = values[Math.floor(r(String(p.Name)) * values.length)];
  }
  return out;
}
