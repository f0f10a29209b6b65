/**
 * Parametrised benchmark account, generated (nothing stored in files):
 *   trainingJobs (default 5,000) `bench-job-00001`…, endpoints (default 500) `bench-ep-0001`… with
 *   invocation + instance metrics, and one log-heavy job `bench-logs-job` with logHosts × logLinesPerHost lines;
 *   processingJobs / transformJobs (default 5,000 each) `bench-proc-00001`… / `bench-xform-00001`… (records only: no logs or metrics);
 *   tuningJobs (default 500) `bench-tune-0001`… with 2–5 children each and pipelines (default 200) `bench-pipeline-0001`…
 *   with 1–3 executions whose steps' jobs are records too (largeWorkflows.ts);
 *   endpointKinds (default 1) of each newer endpoint kind: `bench-ic-01`…, `bench-async-01`…, `bench-serverless-01`…, `bench-mme-01`…
 */
import { type Account } from '../src/model/state';
import { addEndpoint } from './builders';
import { hashString, rand01 } from '../src/model/hash';
import { type LogStream } from '../src/model/logStore';
import { pyTime } from './builders';
import { addBenchPipelines, addBenchTuningJobs } from './largeWorkflows';
import { addAsyncEndpoint, addInferenceComponentEndpoint, addMultiModelEndpoint, addServerlessEndpoint } from './endpointKinds';

export interface LargeOptions {
  trainingJobs?: number;
  endpoints?: number;
  logHosts?: number;
  logLinesPerHost?: number;
  /** ms between log lines of the log-heavy job */
  logIntervalMs?: number;
  processingJobs?: number;
  transformJobs?: number;
  tuningJobs?: number;
  pipelines?: number;
  /** endpoints of each newer kind (inference components, async, serverless, multi-model) */
  endpointKinds?: number;
}

export const LARGE_DEFAULTS: Required<LargeOptions> = { trainingJobs: 5000, endpoints: 500, logHosts: 4, logLinesPerHost: 50_000, logIntervalMs: 1000, processingJobs: 5000, transformJobs: 5000, tuningJobs: 500, pipelines: 200, endpointKinds: 1 };

const STATUSES = ['Completed', 'Completed', 'Completed', 'Failed', 'Stopped', 'Completed', 'InProgress'];

export function buildLarge(acc: Account, now: number, opts: LargeOptions = {}): void {
  // options left undefined (the CLI's absent flags) keep their defaults
  const o = { ...LARGE_DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) } as Required<LargeOptions>;
  const T = Math.floor(now / 1000) * 1000;
  for (let i = 1; i <= o.trainingJobs; i++) {
    const name = `bench-job-${String(i).padStart(5, '0')}`;
    const created = T - Math.floor((i / o.trainingJobs) * 90 * 86400_000) - 3600_000;
    const final = STATUSES[i % STATUSES.length];
    const trainStart = created + 5 * 60_000;
    const end = trainStart + (20 + (i % 100)) * 60_000;
    const st = [
      { status: 'Starting', at: created },
      { status: 'Downloading', at: created + 2 * 60_000 },
      { status: 'Training', at: trainStart },
    ];
    if (final !== 'InProgress') st.push({ status: final, at: end });
    acc.trainingJobs.set(name, {
      name,
      creationTime: created,
      steps: st,
      failureReason: final === 'Failed' ? 'AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "CUDA out of memory"' : undefined,
      instanceType: 'ml.g5.xlarge',
      instanceCount: 1 + (i % 4),
      volumeSizeInGB: 50,
      image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310',
      hyperParameters: { sagemaker_program: '"train.py"', sagemaker_submit_directory: `"s3://sagemaker-us-east-1-123456789012/${name}/source/sourcedir.tar.gz"` },
      metricDefinitions: [{ Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' }],
      roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
      outputPath: 's3://sagemaker-us-east-1-123456789012',
      maxRuntimeInSeconds: 86400,
      inputChannels: ['train'],
    });
  }
  addBenchProcessingTransform(acc, T, o.processingJobs, o.transformJobs);
  addBenchTuningJobs(acc, T, o.tuningJobs);
  addBenchPipelines(acc, T, o.pipelines);
  for (let i = 1; i <= o.endpoints; i++) {
    const name = `bench-ep-${String(i).padStart(4, '0')}`;
    addEndpoint(acc, T, {
      name,
      createdDaysAgo: 1 + (i % 300),
      hostDims: (['Host', 'EndpointVariant', 'EndpointVariantInstance'] as const)[i % 3],
      logStyle: 'torchserve',
      logHistoryMs: 10 * 60_000,
      logIntervalMs: 60_000,
      variants: [{ name: 'AllTraffic', instanceType: 'ml.m5.large', instances: 1 + (i % 2), weight: 1, cores: 2, gpus: 0, traffic: { rpm: 50 + (i % 17) * 20, latencyUs: 10_000 + (i % 13) * 1000, burstRate: i % 10 === 0 ? 0.2 : 0 } }],
    });
  }
  addBenchEndpointKinds(acc, T, o.endpointKinds);
  // the log-heavy job: hosts × lines, all in the past
  const group = '/aws/sagemaker/TrainingJobs';
  acc.logs.createGroup(group, T - 86400_000);
  const span = o.logLinesPerHost * o.logIntervalMs;
  const start = T - span - 60_000;
  for (let h = 1; h <= o.logHosts; h++) {
    const s: LogStream = acc.logs.createStream(group, `bench-logs-job/algo-${h}-${Math.floor(start / 1000)}`, start);
    const seed = hashString(`bench/${h}`);
    s.segments.push({
      start: start + h * 7,
      interval: o.logIntervalMs,
      count: o.logLinesPerHost,
      message: (i, ts) => {
        const r = rand01(seed, i);
        if (r < 0.01) return `${pyTime(ts)} train WARNING Gradient overflow detected, reducing loss scale to 32768.0`;
        if (r < 0.012) return `${pyTime(ts)} train ERROR NCCL watchdog timeout on rank ${h - 1}, retrying collective`;
        return `${pyTime(ts)} utils.training INFO [Epoch ${1 + Math.floor(i / 1000)}] step ${(i % 1000) * 20}/20000 loss=${(0.1 + 0.6 * Math.exp(-i / 20000) + 0.01 * r).toFixed(4)} accuracy=${(0.95 - 0.4 * Math.exp(-i / 20000)).toFixed(4)}`;
      },
    });
  }
  if (o.trainingJobs > 0 || o.logHosts > 0) {
    acc.trainingJobs.set('bench-logs-job', {
      name: 'bench-logs-job',
      creationTime: start - 120_000,
      steps: [
        { status: 'Starting', at: start - 120_000 },
        { status: 'Training', at: start },
        { status: 'Completed', at: start + span + 30_000 },
      ],
      instanceType: 'ml.p4d.24xlarge',
      instanceCount: o.logHosts,
      volumeSizeInGB: 500,
      image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310',
      hyperParameters: { sagemaker_program: '"train.py"', sagemaker_submit_directory: '"s3://sagemaker-us-east-1-123456789012/bench-logs-job/source/sourcedir.tar.gz"' },
      metricDefinitions: [{ Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' }],
      roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
      outputPath: 's3://sagemaker-us-east-1-123456789012',
      maxRuntimeInSeconds: 86400,
      inputChannels: ['train'],
    });
  }
}

/** Processing and transform job records spread over 90 days (statuses cycle like the training jobs'). */
function addBenchProcessingTransform(acc: Account, T: number, processing: number, transform: number): void {
  const when = (i: number, n: number) => T - Math.floor((i / n) * 90 * 86400_000) - 3600_000;
  const stepsFor = (i: number, created: number) => {
    const final = STATUSES[i % STATUSES.length];
    return final === 'InProgress' ? [{ status: 'InProgress', at: created }] : [{ status: 'InProgress', at: created }, { status: final, at: created + (10 + (i % 50)) * 60_000 }];
  };
  const s3 = 's3://sagemaker-us-east-1-123456789012';
  for (let i = 1; i <= processing; i++) {
    const name = `bench-proc-${String(i).padStart(5, '0')}`;
    const created = when(i, processing);
    acc.processingJobs.set(name, {
      name,
      creationTime: created,
      steps: stepsFor(i, created),
      startTime: created + 3 * 60_000,
      failureReason: 'AlgorithmError: See job logs for more information',
      exitMessage: "KeyError: 'label'",
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1 + (i % 3),
      volumeSizeInGB: 30,
      imageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
      entrypoint: ['python3', '/opt/ml/processing/input/code/preprocess.py'],
      arguments: [],
      environment: {},
      roleArn: 'arn:aws:iam::123456789012:role/SageMakerRole',
      inputs: [{ name: 'input-1', s3Uri: `${s3}/${name}/input`, localPath: '/opt/ml/processing/input/data' }],
      outputs: [{ name: 'output-1', s3Uri: `${s3}/${name}/output`, localPath: '/opt/ml/processing/output' }],
      maxRuntimeInSeconds: 86400,
    });
  }
  for (let i = 1; i <= transform; i++) {
    const name = `bench-xform-${String(i).padStart(5, '0')}`;
    const created = when(i, transform);
    acc.transformJobs.set(name, {
      name,
      creationTime: created,
      steps: stepsFor(i, created),
      startTime: created + 4 * 60_000,
      failureReason: 'ClientError: See job logs for more information',
      modelName: `bench-model-${i % 20}`,
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      instanceIds: [],
      inputUri: `${s3}/${name}/input`,
      contentType: 'text/csv',
      splitType: 'Line',
      outputPath: `${s3}/${name}/output`,
      batchStrategy: 'MultiRecord',
      maxConcurrentTransforms: 4,
      maxPayloadInMB: 6,
      environment: {},
    });
  }
}

/** A few endpoints of each newer kind, cheap: one instance, one component copy each. */
function addBenchEndpointKinds(acc: Account, T: number, n: number): void {
  const MIN = 60_000;
  const image = '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310';
  for (let i = 1; i <= n; i++) {
    const k = String(i).padStart(2, '0');
    const hosted = { instanceType: 'ml.g5.2xlarge', instances: 1, cores: 8, gpus: 1, memMb: 32_768, createdDaysAgo: 5 + i, traffic: { rpm: 60, latencyUs: 400_000 } };
    addInferenceComponentEndpoint(acc, T, {
      ...hosted,
      name: `bench-ic-${k}`,
      enhanced: i % 2 === 1,
      components: [{ name: `bench-ic-${k}-model`, model: `bench-ic-${k}-model`, image, accelerators: 1, cores: 2, memMb: 8192, copies: [{ instance: 0 }], steps: [], createdDaysAgo: 3, traffic: { rpm: 60, latencyUs: 400_000 }, level: { cpu: 0.3, mem: 0.5, gpu: 0.5 } }],
    });
    addAsyncEndpoint(acc, T, { ...hosted, instanceType: 'ml.m5.large', gpus: 0, name: `bench-async-${k}`, model: `bench-async-${k}-model`, image, backlog: { rise: -100 * MIN, zeroFrom: -80 * MIN, zeroTo: -60 * MIN, peak: -55 * MIN, drained: -20 * MIN, peakSize: 300 } });
    addServerlessEndpoint(acc, T, { name: `bench-serverless-${k}`, createdDaysAgo: 5 + i, traffic: { rpm: 20, latencyUs: 30_000 }, model: `bench-serverless-${k}-model`, image, serverless: { MemorySizeInMB: 2048, MaxConcurrency: 10, ProvisionedConcurrency: i % 2 ? 1 : undefined } });
    addMultiModelEndpoint(acc, T, { ...hosted, instanceType: 'ml.c5.xlarge', gpus: 0, name: `bench-mme-${k}`, model: `bench-mme-${k}-models`, image });
  }
}
