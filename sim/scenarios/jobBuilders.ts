/**
 * Processing and transform jobs with their logs and host metrics (the AWS layout, DESIGN.md §2):
 *  processing  group `/aws/sagemaker/ProcessingJobs`, stream `[job]/algo-[n]-[epoch]`; metrics namespace
 *              `/aws/sagemaker/ProcessingJobs` · Host `[job]/algo-[n]`
 *  transform   group `/aws/sagemaker/TransformJobs`, streams `[job]/[instance-id]-[epoch]` and `…/data-log`;
 *              metrics `/aws/sagemaker/TransformJobs` · Host `[job]/[instance-id]`
 */
import { hashString, instanceId, rand01 } from '../src/model/hash';
import { type Account, type ProcessingChannel, type ProcessingJob, type StatusStep, type TransformJob } from '../src/model/state';
import { addJobHostMetrics, pyTime } from './builders';

export const PROCESSING_GROUP = '/aws/sagemaker/ProcessingJobs';
export const TRANSFORM_GROUP = '/aws/sagemaker/TransformJobs';
const ROLE = 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000';
const TERMINAL = ['Completed', 'Failed', 'Stopped'];

export interface ProcessingSpec {
  name: string;
  instanceType: string;
  hosts: number;
  cores: number;
  gpus: number;
  /** primary statuses (absolute ms); the first is the creation */
  steps: StatusStep[];
  /** when the hosts start (ProcessingStartTime); default 3 min after creation */
  startTime?: number;
  imageUri?: string;
  /** the script under /opt/ml/processing/input/code/ */
  script: string;
  arguments?: string[];
  inputs?: ProcessingChannel[];
  outputs?: ProcessingChannel[];
  failureReason?: string;
  exitMessage?: string;
  /** what host 1 writes when the job fails (its traceback) */
  failureLines?: string[];
  /** ms between progress lines per host */
  lineIntervalMs?: number;
  volumeSizeInGB?: number;
  maxRuntimeInSeconds?: number;
}

const s3 = (acc: Account, job: string, rest: string) => `s3://sagemaker-${acc.region}-123456789012/${job}/${rest}`;

export function addProcessingJob(acc: Account, spec: ProcessingSpec): ProcessingJob {
  const created = spec.steps[0].at;
  const startTime = spec.startTime ?? created + 3 * 60_000;
  const codeDir = '/opt/ml/processing/input/code';
  const job: ProcessingJob = {
    name: spec.name,
    creationTime: created,
    steps: spec.steps,
    startTime,
    failureReason: spec.failureReason,
    exitMessage: spec.exitMessage,
    instanceType: spec.instanceType,
    instanceCount: spec.hosts,
    volumeSizeInGB: spec.volumeSizeInGB ?? 30,
    imageUri: spec.imageUri ?? `683313688378.dkr.ecr.${acc.region}.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3`,
    entrypoint: ['python3', `${codeDir}/${spec.script}`],
    arguments: spec.arguments ?? [],
    environment: {},
    roleArn: ROLE,
    inputs: spec.inputs ?? [
      { name: 'input-1', s3Uri: s3(acc, spec.name, 'input/raw'), localPath: '/opt/ml/processing/input/data' },
      { name: 'code', s3Uri: s3(acc, spec.name, `input/code/${spec.script}`), localPath: codeDir },
    ],
    outputs: spec.outputs ?? [
      { name: 'train', s3Uri: s3(acc, spec.name, 'output/train'), localPath: '/opt/ml/processing/train' },
      { name: 'test', s3Uri: s3(acc, spec.name, 'output/test'), localPath: '/opt/ml/processing/test' },
    ],
    maxRuntimeInSeconds: spec.maxRuntimeInSeconds ?? 86400,
  };
  acc.processingJobs.set(spec.name, job);

  const terminal = spec.steps.find((s) => TERMINAL.includes(s.status));
  const endAt = terminal?.at ?? spec.steps[spec.steps.length - 1].at + 3600_000;
  const failed = terminal?.status === 'Failed';
  const interval = spec.lineIntervalMs ?? 10_000;
  acc.logs.createGroup(PROCESSING_GROUP, created);
  for (let h = 1; h <= spec.hosts; h++) {
    addJobHostMetrics(acc, PROCESSING_GROUP, `${spec.name}/algo-${h}`, spec.cores, spec.gpus, startTime, endAt);
    const stream = acc.logs.createStream(PROCESSING_GROUP, `${spec.name}/algo-${h}-${Math.floor(startTime / 1000)}`, startTime);
    const off = (h - 1) * 173;
    const head = [
      `Received arguments ${['--host', `algo-${h}`, ...job.arguments].join(' ')}`,
      `Reading input data from ${job.inputs[0].localPath} (${spec.hosts} hosts, this is algo-${h}, shards ${h} of ${spec.hosts})`,
    ];
    stream.segments.push({ start: startTime + 20_000 + off, interval: 900, count: head.length, message: (i) => head[i] });
    const progFrom = startTime + 30_000 + off;
    const seed = hashString(`${spec.name}/${h}`);
    const count = failed ? 0 : Math.max(0, Math.floor((endAt - 60_000 - progFrom) / interval));
    stream.segments.push({
      start: progFrom,
      interval,
      count,
      message: (i, ts) => `${pyTime(ts)} ${spec.script.replace(/\.py$/, '')} INFO Processed chunk ${i + 1} (${(i + 1) * 50_000} rows, ${Math.round(4200 + 900 * rand01(seed, i))} rows/s)`,
    });
    const tail = Math.max(progFrom + count * interval, endAt - 50_000) + off;
    const lines = failed ? (h === 1 && spec.failureLines ? spec.failureLines : [`Received SIGTERM: another host failed, exiting`]) : terminal?.status === 'Stopped' ? ['Received SIGTERM, exiting'] : job.outputs.map((o) => `Wrote ${o.name} set to ${o.localPath}/${o.name}.csv`);
    stream.segments.push({ start: tail, interval: failed ? 1 : 500, count: lines.length, message: (i) => lines[i] });
  }
  return job;
}

export interface TransformSpec {
  name: string;
  modelName: string;
  instanceType: string;
  instances: number;
  cores: number;
  gpus: number;
  /** primary statuses (absolute ms); the first is the creation */
  steps: StatusStep[];
  /** when the instances start (TransformStartTime); default 4 min after creation */
  startTime?: number;
  /** number of input objects under the input prefix */
  files?: number;
  failureReason?: string;
  contentType?: string;
  maxConcurrentTransforms?: number;
  maxPayloadInMB?: number;
  batchStrategy?: 'MultiRecord' | 'SingleRecord';
  inputUri?: string;
  outputPath?: string;
  splitType?: string;
}

const isoMs = (ms: number) => new Date(ms).toISOString().slice(0, 23);

export function addTransformJob(acc: Account, spec: TransformSpec): TransformJob {
  const created = spec.steps[0].at;
  const startTime = spec.startTime ?? created + 4 * 60_000;
  const job: TransformJob = {
    name: spec.name,
    creationTime: created,
    steps: spec.steps,
    startTime,
    failureReason: spec.failureReason,
    modelName: spec.modelName,
    instanceType: spec.instanceType,
    instanceCount: spec.instances,
    instanceIds: Array.from({ length: spec.instances }, (_, i) => instanceId(`${spec.name}/${i}`)),
    inputUri: spec.inputUri ?? s3(acc, spec.name, 'input'),
    contentType: spec.contentType ?? 'text/csv',
    splitType: spec.splitType ?? 'Line',
    outputPath: spec.outputPath ?? s3(acc, spec.name, 'output'),
    batchStrategy: spec.batchStrategy ?? 'MultiRecord',
    maxConcurrentTransforms: spec.maxConcurrentTransforms ?? 4,
    maxPayloadInMB: spec.maxPayloadInMB ?? 6,
    environment: {},
  };
  acc.transformJobs.set(spec.name, job);

  const terminal = spec.steps.find((s) => TERMINAL.includes(s.status));
  const endAt = terminal?.at ?? spec.steps[spec.steps.length - 1].at + 3600_000;
  const failed = terminal?.status === 'Failed';
  const files = spec.files ?? 8;
  acc.logs.createGroup(TRANSFORM_GROUP, created);
  job.instanceIds.forEach((id, k) => {
    addJobHostMetrics(acc, TRANSFORM_GROUP, `${spec.name}/${id}`, spec.cores, spec.gpus, startTime, endAt);
    const base = `${spec.name}/${id}-${Math.floor(startTime / 1000)}`;
    const off = k * 211;
    const server = acc.logs.createStream(TRANSFORM_GROUP, base, startTime);
    const boot = [
      `[${pyTime(startTime + 30_000).slice(0, 19)} +0000] [1] [INFO] Starting gunicorn 20.1.0`,
      `[${pyTime(startTime + 30_000).slice(0, 19)} +0000] [1] [INFO] Listening at: unix:/tmp/gunicorn.sock (1)`,
      'INFO:sagemaker_xgboost_container.serving:Loading the model from /opt/ml/model/xgboost-model',
      'INFO:sagemaker_xgboost_container.serving:Model loaded successfully',
    ];
    server.segments.push({ start: startTime + 30_000 + off, interval: 600, count: boot.length, message: (i) => boot[i] });
    const from = startTime + 60_000 + off;
    const reqEvery = 5000;
    const count = Math.max(0, Math.floor((endAt - 30_000 - from) / reqEvery));
    const seed = hashString(`${spec.name}/${id}`);
    server.segments.push({
      start: from,
      interval: reqEvery,
      count,
      message: (i, ts) =>
        i % 6 === 0
          ? `169.254.255.130 - - [${new Date(ts).toUTCString().slice(5, 25)} +0000] "GET /ping HTTP/1.1" 200 0 "-" "Go-http-client/1.1"`
          : `169.254.255.130 - - [${new Date(ts).toUTCString().slice(5, 25)} +0000] "POST /invocations HTTP/1.1" ${failed && i > count - 4 ? 400 : 200} ${Math.round(180_000 + 90_000 * rand01(seed, i))} "-" "Go-http-client/1.1"`,
    });
    // the data log: the batch settings, then one line per input object this instance transformed
    const dataLog = acc.logs.createStream(TRANSFORM_GROUP, `${base}/data-log`, startTime);
    const mine = Array.from({ length: files }, (_, f) => f).filter((f) => f % spec.instances === k);
    const strategy = job.batchStrategy === 'MultiRecord' ? 'MULTI_RECORD' : 'SINGLE_RECORD';
    const lines = [
      `MaxConcurrentTransforms=${job.maxConcurrentTransforms}, MaxPayloadInMB=${job.maxPayloadInMB}, BatchStrategy=${strategy}`,
      ...mine.map((f, j) => `${job.inputUri}/part-${String(f).padStart(5, '0')}.csv: ${failed && j === mine.length - 1 ? 'ClientError: 400' : 'Completed'}`),
      ...(failed ? [`${job.inputUri}/part-${String(mine[mine.length - 1] ?? 0).padStart(5, '0')}.csv: Message: could not convert string to float: 'N/A'`] : []),
    ];
    const step = Math.max(1000, Math.floor((endAt - 40_000 - from) / Math.max(1, lines.length)));
    dataLog.segments.push({ start: from - 5000, interval: step, count: lines.length, message: (i, ts) => `${isoMs(ts)}:[sagemaker logs]: ${lines[i]}` });
  });
  return job;
}
