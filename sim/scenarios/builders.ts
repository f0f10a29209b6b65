/** Helpers shared by the scenarios: endpoints with metrics and logs, training jobs with logs and metrics. */
import { hashString, instanceId, rand01 } from '../src/model/hash';
import { type Segment } from '../src/model/logStore';
import { inBurst, instanceGenerators, invocationGenerators, type TrafficProfile, trainingCurve, trainingHostGenerators } from '../src/model/generators';
import { type Dim, TIER_1H } from '../src/model/metrics';
import { type Account, type MetricDefinition, type StatusStep, type TrainingJob, type Variant } from '../src/model/state';

export type HostDimensionForm = 'Host' | 'EndpointVariant' | 'EndpointVariantInstance';

export interface VariantSpec {
  name: string;
  instanceType: string;
  instances: number;
  weight: number;
  cores: number;
  gpus: number;
  traffic: Omit<TrafficProfile, 'instances'>;
  image?: string;
  model?: string;
}

export interface EndpointSpec {
  name: string;
  createdDaysAgo: number;
  variants: VariantSpec[];
  hostDims: HostDimensionForm;
  /** status steps relative to now (ms offsets); default InService since creation */
  steps?: { status: string; offsetMs: number }[];
  /** log style */
  logStyle: 'xgboost' | 'torchserve' | 'sklearn';
  /** emit metrics/logs (false for endpoints still Creating) */
  live?: boolean;
  /** live log lines: ms between lines per instance */
  logIntervalMs?: number;
  /** how far back endpoint logs go (ms) */
  logHistoryMs?: number;
}

const pad2 = (n: number) => String(n).padStart(2, '0');
export function pyTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())},${String(d.getUTCMilliseconds()).padStart(3, '0')}`;
}
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function clfTime(ms: number): string {
  const d = new Date(ms);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

export function addEndpoint(acc: Account, now: number, spec: EndpointSpec): void {
  const created = now - spec.createdDaysAgo * 86400_000;
  const configName = `${spec.name}-config-${new Date(created).toISOString().slice(0, 10)}`;
  const variants: Variant[] = spec.variants.map((v) => ({
    VariantName: v.name,
    ModelName: v.model ?? `${spec.name}-model`,
    InstanceType: v.instanceType,
    InitialInstanceCount: v.instances,
    InitialVariantWeight: v.weight,
    image: v.image ?? '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
    instanceIds: Array.from({ length: v.instances }, (_, i) => instanceId(`${spec.name}/${v.name}/${i}`)),
  }));
  const steps: StatusStep[] = spec.steps
    ? spec.steps.map((s) => ({ status: s.status, at: now + s.offsetMs }))
    : [
        { status: 'Creating', at: created },
        { status: 'InService', at: created + 7 * 60_000 },
      ];
  acc.endpointConfigs.set(configName, { name: configName, creationTime: created - 60_000, variants });
  acc.endpoints.set(spec.name, { name: spec.name, configName, creationTime: created, variants, steps });
  if (spec.live === false) return;

  const inService = steps.find((s) => s.status === 'InService')?.at ?? created;
  const startSec = Math.max(Math.floor(inService / 1000), Math.floor(now / 1000) - TIER_1H);
  for (const [vi, v] of spec.variants.entries()) {
    const variant = variants[vi];
    const profile: TrafficProfile = { ...v.traffic, instances: v.instances };
    const trafficKey = `${spec.name}/${v.name}`;
    const inv = invocationGenerators(trafficKey, profile);
    const dims: Dim[] = [
      { Name: 'EndpointName', Value: spec.name },
      { Name: 'VariantName', Value: v.name },
    ];
    for (const [metricName, g] of Object.entries(inv)) {
      acc.metrics.add({ namespace: 'AWS/SageMaker', metricName, dims, unit: g.unit, start: startSec, gen: g.gen, spread: g.spread });
    }
    const instProfile = { cores: v.cores, gpus: v.gpus, cpuLevel: 0.22 + 0.1 * rand01(hashString(trafficKey), 1), memLevel: 0.35 + 0.25 * rand01(hashString(trafficKey), 2), gpuLevel: 0.45, traffic: { seed: hashString(trafficKey), profile } };
    const targets: Dim[][] =
      spec.hostDims === 'EndpointVariant'
        ? [dims]
        : variant.instanceIds.map((id) =>
            spec.hostDims === 'Host' ? [{ Name: 'Host', Value: `${spec.name}/${v.name}/${id}` }] : [...dims, { Name: 'InstanceId', Value: id }],
          );
    targets.forEach((tdims, k) => {
      const gens = instanceGenerators(`${trafficKey}/${k}`, instProfile);
      for (const [metricName, g] of Object.entries(gens)) {
        acc.metrics.add({ namespace: '/aws/sagemaker/Endpoints', metricName, dims: tdims, unit: g.unit, start: startSec, gen: g.gen });
      }
    });
    // logs
    const group = `/aws/sagemaker/Endpoints/${spec.name}`;
    const logStart = Math.max(inService, now - (spec.logHistoryMs ?? 3 * 3600_000));
    acc.logs.createGroup(group, created);
    variant.instanceIds.forEach((id, k) => {
      const stream = acc.logs.createStream(group, `${v.name}/${id}`, inService - 60_000);
      const seed = hashString(`${trafficKey}/${id}`);
      const interval = spec.logIntervalMs ?? 15_000;
      stream.segments.push(startupSegment(spec, inService - 50_000));
      stream.segments.push({
        start: Math.ceil((logStart - inService) / interval) * interval + inService + k * 137,
        interval,
        count: Infinity,
        message: (i, ts) => endpointLogLine(spec, profile, trafficKey, seed, i, ts),
      });
    });
  }
}

function startupSegment(spec: EndpointSpec, start: number): Segment {
  const lines =
    spec.logStyle === 'xgboost'
      ? [
          '[@G] [1] [INFO] Starting gunicorn 20.1.0',
          '[@G] [1] [INFO] Listening at: unix:/tmp/gunicorn.sock (1)',
          '[@G] [1] [INFO] Using worker: gevent',
          '[@G] [20] [INFO] Booting worker with pid: 20',
          '[@G] [21] [INFO] Booting worker with pid: 21',
          'INFO:sagemaker_xgboost_container.serving:Loading the model from /opt/ml/model/xgboost-model',
          'INFO:sagemaker_xgboost_container.serving:Model loaded successfully',
        ]
      : [
          'Warning: TorchServe is using non-default JVM parameters: -XX:-UseContainerSupport',
          'WARNING: sun.reflect.Reflection.getCallerClass is not supported. This will impact performance.',
          'INFO  org.pytorch.serve.ModelServer - Torchserve version: 0.9.0',
          'INFO  org.pytorch.serve.ModelServer - Loading initial models: model.mar',
          'INFO  org.pytorch.serve.wlm.ModelManager - Model model loaded.',
          'INFO  org.pytorch.serve.ModelServer - Inference API bind to: http://0.0.0.0:8080',
          'Model server started.',
        ];
  const gunicornTime = (ms: number) => pyTime(ms).slice(0, 19) + ' +0000';
  return { start, interval: 700, count: lines.length, message: (i, ts) => lines[i].replace('@G', gunicornTime(ts)) };
}

function endpointLogLine(spec: EndpointSpec, profile: TrafficProfile, trafficKey: string, seed: number, i: number, ts: number): string {
  const r = rand01(seed, i);
  const tSec = Math.floor(ts / 1000);
  const burst = profile.burstRate ? inBurstAt(trafficKey, profile, tSec) : false;
  const lat = Math.round((profile.latencyUs / 1000) * (0.6 + r));
  if (i % 4 === 0) {
    return spec.logStyle === 'xgboost'
      ? `169.254.178.2 - - [${clfTime(ts)}] "GET /ping HTTP/1.1" 200 0 "-" "AHC/2.0"`
      : `${pyTime(ts)} [INFO ] pool-2-thread-3 ACCESS_LOG - /169.254.178.2:5${String(1000 + (i % 9000)).padStart(4, '0')} "GET /ping HTTP/1.1" 200 1`;
  }
  if (burst && r < 0.45) {
    const errs = [
      `${pyTime(ts)} [ERROR] W-9000-model_1.0-stderr MODEL_LOG - Traceback (most recent call last):`,
      `${pyTime(ts)} [ERROR] W-9000-model_1.0-stderr MODEL_LOG - ValueError: could not convert string to float: 'N/A' (feature "merchant_risk_score")`,
      `${pyTime(ts)} [ERROR] W-9000-model_1.0 org.pytorch.serve.wlm.WorkerThread - Backend worker process died.`,
      `${pyTime(ts)} [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:41234 "POST /invocations HTTP/1.1" 500 ${lat * 3}`,
    ];
    return errs[i % errs.length];
  }
  if (r > 0.985) {
    return spec.logStyle === 'xgboost'
      ? `[${pyTime(ts)}] WARNING: predict request body has ${20 + (i % 7)} features, model expects 27; padding with NaN`
      : `${pyTime(ts)} [WARN ] W-9000-model_1.0-stderr MODEL_LOG - UserWarning: input batch size ${1 + (i % 8)} is smaller than the configured batch size 8`;
  }
  return spec.logStyle === 'xgboost'
    ? `169.254.178.2 - - [${clfTime(ts)}] "POST /invocations HTTP/1.1" 200 ${30 + (i % 40)} "-" "AHC/2.0" ${lat}ms`
    : `${pyTime(ts)} [INFO ] W-9000-model_1.0 ACCESS_LOG - /169.254.178.2:41234 "POST /invocations HTTP/1.1" 200 ${lat}`;
}

function inBurstAt(trafficKey: string, profile: TrafficProfile, tSec: number): boolean {
  return inBurst(hashString(trafficKey), profile, tSec);
}

// ------------------------------------------------------------------ training jobs

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
}

/** CPU/Memory/Disk (and GPU) utilisation of one job host (`Host` dimension) from `fromMs` to `toMs` (training, processing, transform). */
export function addJobHostMetrics(acc: Account, namespace: string, host: string, cores: number, gpus: number, fromMs: number, toMs: number): void {
  for (const [metricName, g] of Object.entries(trainingHostGenerators(host, cores, gpus))) {
    acc.metrics.add({ namespace, metricName, dims: [{ Name: 'Host', Value: host }], unit: g.unit, start: Math.floor(fromMs / 1000), end: Math.floor(toMs / 1000), gen: g.gen });
  }
}

export function addTrainingJob(acc: Account, spec: JobSpec): TrainingJob {
  const created = spec.steps[0].at;
  const hp: Record<string, string> = {
    epochs: String(spec.epochs),
    'batch-size': '32',
    'learning-rate': '3e-05',
    encoder: '"bert-base-uncased"',
    sagemaker_program: `"${spec.entryPoint ?? 'train.py'}"`,
    sagemaker_submit_directory: `"s3://sagemaker-${acc.region}-123456789012/${spec.name}/source/sourcedir.tar.gz"`,
    sagemaker_container_log_level: '20',
    sagemaker_job_name: `"${spec.name}"`,
    sagemaker_region: `"${acc.region}"`,
    ...(spec.hosts > 1 ? { sagemaker_distributed_dataparallel_enabled: 'false', sagemaker_pytorch_ddp_enabled: 'true' } : {}),
    ...spec.hyperParameters,
  };
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
    image: `763104351884.dkr.ecr.${acc.region}.amazonaws.com/pytorch-training:2.1.0-${spec.gpus ? 'gpu' : 'cpu'}-py310`,
    hyperParameters: hp,
    metricDefinitions: PYTORCH_METRICS,
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
  const curveMetric = (m: 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy') => (t: number) => ({ count: 1, sum: trainingCurve(spec.name, m, t, curveFrom, curveTo), min: 0, max: 0 });
  const fix = (f: (t: number) => { count: number; sum: number; min: number; max: number }) => (t: number) => {
    const s = f(t);
    s.min = s.max = s.sum;
    return s;
  };
  const defs: [string, 'loss' | 'accuracy' | 'val_loss' | 'val_accuracy'][] = [
    ['train:loss', 'loss'],
    ['train:accuracy', 'accuracy'],
    ['validation:loss', 'val_loss'],
    ['validation:accuracy', 'val_accuracy'],
  ];
  for (const [name, m] of defs) acc.metrics.add({ namespace: '/aws/sagemaker/TrainingJobs', metricName: name, dims: jobDims, unit: 'None', start: startSec, end: endSec, gen: fix(curveMetric(m)) });
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
      stream.segments.push(toolkitSegment(spec, hp, h, streamStart + off, k > 0));
      const trainTo = Math.min(endOfTraining, streamEnd);
      const count = Math.max(0, Math.floor((trainTo - trainFrom - off) / spec.lineIntervalMs));
      const linesPerEpoch = Math.floor(spec.stepsPerEpoch / 20) + 4;
      const firstLine = k === 0 ? 0 : Math.floor((trainFrom - trainAt) / spec.lineIntervalMs);
      stream.segments.push({
        start: trainFrom + off,
        interval: spec.lineIntervalMs,
        count,
        message: (i, ts) => trainingLine(spec, h, firstLine + i, ts, linesPerEpoch, curveFrom, curveTo),
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
        stream.segments.push({ start: tail, interval: 3, count: 1, message: () => `${pyTime(tail)} torch.distributed.elastic.agent INFO Worker group FAILED on algo-1; stopping local workers` });
      } else if (stopAt !== undefined) {
        stream.segments.push({ start: stopAt + 500 + off, interval: 1, count: 1, message: (_i, ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Received SIGTERM: the training job was stopped. Exiting.` });
      } else {
        const done = [
          'Saved model to /opt/ml/model',
          '2026-01-01 00:00:00,000 sagemaker-training-toolkit INFO     Waiting for the process to finish and give a return code.',
          '2026-01-01 00:00:00,000 sagemaker-training-toolkit INFO     Done waiting for a return code. Received 0 from exiting process.',
          '2026-01-01 00:00:00,000 sagemaker-training-toolkit INFO     Reporting training SUCCESS',
        ];
        stream.segments.push({ start: tail, interval: 400, count: done.length, message: (i, ts) => (i === 0 ? `${pyTime(ts)} train INFO ${done[0]}` : done[i].replace(/^\S+ \S+/, pyTime(ts))) });
      }
    });
    if (stopAt !== undefined) for (const s of acc.logs.groups.get(group)?.streams.values() ?? []) if (s.name.startsWith(`${spec.name}/`)) s.stopAt = Math.max(stopAt + 10_000, finalAt + 5000);
  }
  return job;
}

function toolkitSegment(spec: JobSpec, hyperParameters: Record<string, string>, host: number, start: number, restarted: boolean): Segment {
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
  return { start, interval: 1500, count: lines.length, message: (i, ts) => lines[i].replace('@T', pyTime(ts)) };
}

function trainingLine(spec: JobSpec, host: number, i: number, ts: number, perEpoch: number, from: number, to: number): string {
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
