/**
 * Training jobs with their logs (group `/aws/sagemaker/TrainingJobs`, stream `[job]/algo-[n]-[epoch]`), algorithm
 * metrics (`/aws/sagemaker/TrainingJobs` · TrainingJobName) and host metrics (· Host `[job]/algo-[n]`).
 * What the container writes and which algorithm metrics it has is an AlgorithmStyle: PyTorch script mode by
 * default; xgboost.ts has the built-in XGBoost algorithm (tuning jobs' children).
 */
import { hashString, rand01 } from '../src/model/hash';
import { trainingCurve } from '../src/model/generators';
import { type Account, type MetricDefinition, type StatusStep, type TrainingJob } from '../src/model/state';
import { addJobHostMetrics, pyTime } from './builders';

export const PYTORCH_METRICS: MetricDefinition[] = [
  { Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' },
  { Name: 'train:accuracy', Regex: ' accuracy=([0-9\\.]+)' },
  { Name: 'validation:loss', Regex: 'val_loss=([0-9\\.]+)' },
  { Name: 'validation:accuracy', Regex: 'val_accuracy=([0-9\\.]+)' },
];

export interface JobSpec {
  name: string;
  instanceType: string;
  hosts: number;
  cores: number;
  gpus: number;
  /** absolute ms */
  steps: StatusStep[];
  epochs: number;
  /** ms between training log lines per host */
  lineIntervalMs: number;
  stepsPerEpoch: number;
  failureReason?: string;
  /** lines appended after training stops (traceback) for host 1 */
  failureLines?: string[];
  spot?: boolean;
  /** per host: restart times (ms) that start a new stream */
  restarts?: Record<number, number[]>;
  hyperParameters?: Record<string, string>;
  entryPoint?: string;
  /** what the container is (default PyTorch script mode) */
  algorithm?: AlgorithmStyle;
}

/** The container of a training job: its image, default hyperparameters, metric definitions, log lines and metric curves. */
export interface AlgorithmStyle {
  image(region: string, gpus: number): string;
  /** hyperparameters the job has unless the spec's own override them */
  hyperParameters(spec: JobSpec, region: string): Record<string, string>;
  metricDefinitions: MetricDefinition[];
  /** algorithm metric `name` at t (epoch s) of a job training over [from, to] (epoch s) */
  metric(spec: JobSpec, name: string, t: number, from: number, to: number): number;
  /** a host's first lines; the first '@T' of a line becomes its time (`stamp`) */
  startup(spec: JobSpec, hp: Record<string, string>, host: number, restarted: boolean): string[];
  stamp(ms: number): string;
  /** training line i of a host */
  line(spec: JobSpec, host: number, i: number, ts: number, from: number, to: number): string;
  /** the last lines of a successful job */
  done: ((ts: number) => string)[];
  /** what the other hosts write when host 1 failed */
  peerFailed(ts: number): string;
}

const CURVES: Record<string, 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy'> = {
  'train:loss': 'loss',
  'train:accuracy': 'accuracy',
  'validation:loss': 'val_loss',
  'validation:accuracy': 'val_accuracy',
};

export const PYTORCH: AlgorithmStyle = {
  image: (region, gpus) => `763104351884.dkr.ecr.${region}.amazonaws.com/pytorch-training:2.1.0-${gpus ? 'gpu' : 'cpu'}-py310`,
  hyperParameters: (spec, region) => ({
    epochs: String(spec.epochs),
    'batch-size': '32',
    'learning-rate': '3e-05',
    encoder: '"bert-base-uncased"',
    sagemaker_program: `"${spec.entryPoint ?? 'train.py'}"`,
    sagemaker_submit_directory: `"s3://sagemaker-${region}-123456789012/${spec.name}/source/sourcedir.tar.gz"`,
    sagemaker_container_log_level: '20',
    sagemaker_job_name: `"${spec.name}"`,
    sagemaker_region: `"${region}"`,
    ...(spec.hosts > 1 ? { sagemaker_distributed_dataparallel_enabled: 'false', sagemaker_pytorch_ddp_enabled: 'true' } : {}),
  }),
  metricDefinitions: PYTORCH_METRICS,
  metric: (spec, name, t, from, to) => trainingCurve(spec.name, CURVES[name] ?? 'loss', t, from, to),
  startup: pytorchStartup,
  stamp: pyTime,
  line: (spec, host, i, ts, from, to) => pytorchLine(spec, host, i, ts, Math.floor(spec.stepsPerEpoch / 20) + 4, from, to),
  done: [
    (ts) => `${pyTime(ts)} train INFO Saved model to /opt/ml/model`,
    (ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Waiting for the process to finish and give a return code.`,
    (ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Done waiting for a return code. Received 0 from exiting process.`,
    (ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Reporting training SUCCESS`,
  ],
  peerFailed: (ts) => `${pyTime(ts)} torch.distributed.elastic.agent INFO Worker group FAILED on algo-1; stopping local workers`,
};

export function addTrainingJob(acc: Account, spec: JobSpec): TrainingJob {
  const style = spec.algorithm ?? PYTORCH;
  const created = spec.steps[0].at;
  const hp: Record<string, string> = { ...style.hyperParameters(spec, acc.region), ...spec.hyperParameters };
  const steps = spec.steps.map((st) =>
    st.status === 'Failed' && spec.failureReason && !st.message ? { ...st, message: `Training job failed. Reason: ${spec.failureReason.split('\n')[0]}` } : st,
  );
  const job: TrainingJob = {
    name: spec.name,
    creationTime: created,
    steps,
    failureReason: spec.failureReason,
    instanceType: spec.instanceType,
    instanceCount: spec.hosts,
    volumeSizeInGB: 100,
    image: style.image(acc.region, spec.gpus),
    hyperParameters: hp,
    metricDefinitions: style.metricDefinitions,
    roleArn: 'arn:aws:iam::123456789012:role/service-role/AmazonSageMaker-ExecutionRole-20240101T000000',
    outputPath: `s3://sagemaker-${acc.region}-123456789012`,
    maxRuntimeInSeconds: 86400,
    inputChannels: ['train', 'validation'],
    spot: spec.spot,
  };
  acc.trainingJobs.set(spec.name, job);

  const at = (status: string) => spec.steps.find((s) => s.status === status)?.at;
  const downloadAt = at('Downloading') ?? created + 60_000;
  const trainAt = at('Training') ?? downloadAt + 60_000;
  const trainSteps = spec.steps.filter((s) => s.status === 'Training');
  const endOfTraining = spec.steps.find((s) => s.at > trainAt && ['Uploading', 'Failed', 'Stopping', 'Stopped', 'Completed'].includes(s.status))?.at ?? trainAt + 3600_000;
  const finalAt = spec.steps[spec.steps.length - 1].at;
  const lastTrain = trainSteps[trainSteps.length - 1]?.at ?? trainAt;
  const curveFrom = trainAt / 1000;
  const curveTo = endOfTraining / 1000;

  // metrics: algorithm metrics per job; host metrics per algo host
  const startSec = Math.floor(trainAt / 1000);
  const endSec = Math.floor(endOfTraining / 1000);
  const jobDims = [{ Name: 'TrainingJobName', Value: spec.name }];
  for (const { Name } of style.metricDefinitions) {
    const gen = (t: number) => {
      const v = style.metric(spec, Name, t, curveFrom, curveTo);
      return { count: 1, sum: v, min: v, max: v };
    };
    acc.metrics.add({ namespace: '/aws/sagemaker/TrainingJobs', metricName: Name, dims: jobDims, unit: 'None', start: startSec, end: endSec, gen });
  }
  for (let h = 1; h <= spec.hosts; h++) addJobHostMetrics(acc, '/aws/sagemaker/TrainingJobs', `${spec.name}/algo-${h}`, spec.cores, spec.gpus, downloadAt, finalAt);

  // logs
  const group = '/aws/sagemaker/TrainingJobs';
  acc.logs.createGroup(group, created);
  const stopAt = spec.steps.find((s) => ['Failed', 'Stopping', 'Stopped'].includes(s.status))?.at;
  for (let h = 1; h <= spec.hosts; h++) {
    const restarts = spec.restarts?.[h] ?? [];
    const starts = [downloadAt, ...restarts];
    starts.forEach((streamStart, k) => {
      const streamEnd = k + 1 < starts.length ? starts[k + 1] - 5000 : Infinity;
      const stream = acc.logs.createStream(group, `${spec.name}/algo-${h}-${Math.floor(streamStart / 1000)}`, streamStart);
      const off = (h - 1) * 211;
      const trainFrom = k === 0 ? trainAt : Math.max(lastTrain, streamStart + 60_000);
      const head = style.startup(spec, hp, h, k > 0);
      stream.segments.push({ start: streamStart + off, interval: 1500, count: head.length, message: (i, ts) => head[i].replace('@T', style.stamp(ts)) });
      const trainTo = Math.min(endOfTraining, streamEnd);
      const count = Math.max(0, Math.floor((trainTo - trainFrom - off) / spec.lineIntervalMs));
      const firstLine = k === 0 ? 0 : Math.floor((trainFrom - trainAt) / spec.lineIntervalMs);
      stream.segments.push({
        start: trainFrom + off,
        interval: spec.lineIntervalMs,
        count,
        message: (i, ts) => style.line(spec, h, firstLine + i, ts, curveFrom, curveTo),
      });
      if (k + 1 < starts.length) {
        stream.segments.push({ start: streamEnd - 2000, interval: 500, count: 2, message: (i) => ['[W socket.cpp:663] [c10d] The client socket has failed to connect to [algo-2]:7777 (errno: 104 - Connection reset by peer).', 'Spot instance interrupted: received SIGTERM, shutting down'][i] });
        return;
      }
      const tail = endOfTraining + 1000 + off;
      if (spec.failureLines && h === 1) {
        const lines = spec.failureLines;
        stream.segments.push({ start: tail, interval: 1, count: lines.length, message: (i) => lines[i] });
      } else if (spec.failureLines) {
        stream.segments.push({ start: tail, interval: 3, count: 1, message: () => style.peerFailed(tail) });
      } else if (stopAt !== undefined) {
        stream.segments.push({ start: stopAt + 500 + off, interval: 1, count: 1, message: (_i, ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Received SIGTERM: the training job was stopped. Exiting.` });
      } else {
        stream.segments.push({ start: tail, interval: 400, count: style.done.length, message: (i, ts) => style.done[i](ts) });
      }
    });
    if (stopAt !== undefined) for (const s of acc.logs.groups.get(group)?.streams.values() ?? []) if (s.name.startsWith(`${spec.name}/`)) s.stopAt = Math.max(stopAt + 10_000, finalAt + 5000);
  }
  return job;
}

function pytorchStartup(spec: JobSpec, hyperParameters: Record<string, string>, host: number, restarted: boolean): string[] {
  const hp = Object.entries(hyperParameters)
    .filter(([k]) => !k.startsWith('sagemaker_'))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `--${k} ${v.replace(/^"|"$/g, '')}`)
    .join(' ');
  const lines = [
    'bash: cannot set terminal process group (-1): Inappropriate ioctl for device',
    'bash: no job control in this shell',
    `@T sagemaker-training-toolkit INFO     Imported framework sagemaker_pytorch_container.training`,
    `@T sagemaker-training-toolkit INFO     No Neurons detected (normal if no neurons installed)`,
    `@T sagemaker_pytorch_container.training INFO     Block until all host DNS lookups succeed.`,
    `@T sagemaker_pytorch_container.training INFO     Invoking user training script.`,
    `@T sagemaker-training-toolkit INFO     Installing dependencies from requirements.txt:`,
    `/opt/conda/bin/python3.10 -m pip install -r requirements.txt`,
    `Requirement already satisfied: torch==2.1.0 in /opt/conda/lib/python3.10/site-packages (from -r requirements.txt (line 1)) (2.1.0)`,
    `Collecting transformers==4.36.2 (from -r requirements.txt (line 3))`,
    `Successfully installed tokenizers-0.15.0 transformers-4.36.2`,
    `WARNING: Running pip as the 'root' user can result in broken permissions and conflicting behaviour with the system package manager. It is recommended to use a virtual environment instead: https://pip.pypa.io/warnings/venv`,
    `@T sagemaker-training-toolkit INFO     Waiting for the process to finish and give a return code.`,
    `@T sagemaker-training-toolkit INFO     Training Env:`,
    `{ "current_host": "algo-${host}", "hosts": [${Array.from({ length: spec.hosts }, (_, i) => `"algo-${i + 1}"`).join(', ')}], "module_dir": "s3://sagemaker-us-east-1-123456789012/${spec.name}/source/sourcedir.tar.gz", "user_entry_point": "train.py", "num_gpus": ${spec.gpus}, "num_cpus": ${spec.cores} }`,
    `@T sagemaker-training-toolkit INFO     Invoking script with the following command:`,
    spec.hosts > 1
      ? `torchrun --nnodes ${spec.hosts} --nproc_per_node ${Math.max(1, spec.gpus)} --master_addr algo-1 --master_port 7777 --node_rank ${host - 1} train.py ${hp}`
      : `/opt/conda/bin/python3.10 train.py ${hp}`,
    ...(restarted ? [`@T train INFO Resuming from checkpoint /opt/ml/checkpoints/last.pt`] : []),
    `@T train INFO Training on 48000 examples, validating on 6000`,
  ];
  return lines;
}

function pytorchLine(spec: JobSpec, host: number, i: number, ts: number, perEpoch: number, from: number, to: number): string {
  const epoch = Math.min(spec.epochs, Math.floor(i / perEpoch) + 1);
  const j = i % perEpoch;
  const t = ts / 1000;
  const T = pyTime(ts);
  const seed = hashString(spec.name) + host;
  if (j === 0) return `${T} train INFO Epoch ${epoch}/${spec.epochs} (lr=3.0e-05, ${spec.stepsPerEpoch} steps)`;
  if (j <= perEpoch - 4) {
    const step = j * 20;
    const loss = trainingCurve(spec.name, 'loss', t, from, to, host);
    const accuracy = trainingCurve(spec.name, 'accuracy', t, from, to, host);
    return `${T} utils.training INFO [Epoch ${epoch}] step ${step}/${spec.stepsPerEpoch} loss=${loss.toFixed(4)} accuracy=${accuracy.toFixed(4)}`;
  }
  if (j === perEpoch - 3) {
    const r = rand01(seed, epoch);
    if (r < 0.3) return `/opt/conda/lib/python3.10/site-packages/torch/utils/data/dataloader.py:560: UserWarning: This DataLoader will create 4 worker processes in total. Our suggested max number of worker in current system is 2, which is smaller than what this DataLoader is going to create. Please be aware that excessive worker creation might get DataLoader running slow or even freeze, lower the worker number to avoid potential slowness/freeze if necessary.`;
    if (r < 0.5) return `${T} train WARNING Gradient overflow detected, reducing loss scale to ${2 ** (16 - (epoch % 4))}.0`;
    return `${T} train INFO throughput ${(410 + 40 * rand01(seed, epoch, 2)).toFixed(1)} samples/s, GPU memory ${(11.2 + rand01(seed, epoch, 3)).toFixed(1)} GiB`;
  }
  if (j === perEpoch - 2) {
    const vl = trainingCurve(spec.name, 'val_loss', t, from, to, host);
    const va = trainingCurve(spec.name, 'val_accuracy', t, from, to, host);
    return `${T} train INFO [Epoch ${epoch}] validation val_loss=${vl.toFixed(4)} val_accuracy=${va.toFixed(4)}`;
  }
  const loss = trainingCurve(spec.name, 'loss', t, from, to, host);
  return `${T} train INFO [Epoch ${epoch}] finished, last train loss ${loss.toFixed(4)}`;
}
