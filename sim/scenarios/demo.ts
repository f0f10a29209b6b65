/**
 * The demo account (deterministic given the start time `now`):
 *  endpoints  churn-xgb-prod (Primary ×2 + Canary ×1, instance metrics by Host)
 *             image-classifier-v2 (AllTraffic ×3 GPU, instance metrics by EndpointName+VariantName)
 *             fraud-detector-api (AllTraffic ×1, bursts of 5XX, instance metrics by EndpointName+VariantName+InstanceId)
 *             llm-summarizer-staging (Creating)
 *             llm-chat-ic, churn-async, sentiment-serverless, recsys-mme: demoEndpoints.ts (inference components,
 *             async, serverless, multi-model; DEMO.inferenceComponents)
 *  training   sentiment-bert-ft-live (InProgress, 4 hosts, logs live), sentiment-distilbert-baseline (Completed),
 *             bert-sentiment-finetune (Failed, traceback into sample-workspace), llama-lora-sweep-3 (Stopped),
 *             detr-coco-spot (Completed; algo-1 restarted → two streams), distilbert-hf-trainer (Completed, Hugging Face
 *             Trainer without MetricDefinitions: its dict lines are curves from the default log patterns)
 *  processing and transform jobs: demoJobs.ts (DEMO.processingJobs, DEMO.transformJobs)
 *  tuning job churn-xgb-tuning (8 children) and pipeline churn-pipeline: demoWorkflows.ts (DEMO.tuning, DEMO.pipeline)
 *  alarms     fraud-detector-api-5xx-rate (ALARM), churn-xgb-prod-latency-p99 (OK), churn-async-backlog-without-capacity,
 *             sentiment-bert-ft-live-gpu-memory: OK at start, ALARM from the second whole minute after it (algo-1's GPU
 *             memory climbs past 95 %), so `npm start` shows an alarm notification (DEMO.alarms)
 */
import { type Account, type Alarm, type StatusStep } from '../src/model/state';
import { addEndpoint, pyTime } from './builders';
import { addTrainingJob } from './trainingBuilder';
import { HUGGINGFACE } from './huggingface';
import { buildDemoJobs, DEMO_PROCESSING, DEMO_TRANSFORM } from './demoJobs';
import { buildDemoWorkflows, DEMO_PIPELINE, DEMO_TUNING } from './demoWorkflows';
import { buildDemoEndpoints, DEMO_ENDPOINT_KINDS, DEMO_INFERENCE_COMPONENTS } from './demoEndpoints';

const MIN = 60_000;
const HOUR = 3600_000;
const DAYMS = 86400_000;

/** The Failed job's traceback: frames point at real lines of sample-workspace/ (checked by a test). */
export const FAILED_JOB_TRACEBACK: { file: string; line: number; func: string; code: string }[] = [
  { file: '/opt/ml/code/train.py', line: 52, func: '<module>', code: 'main(parse_args())' },
  { file: '/opt/ml/code/train.py', line: 41, func: 'main', code: 'train_loss = train_one_epoch(model, train_loader, optimizer, device, epoch)' },
  { file: '/opt/ml/code/utils/training.py', line: 33, func: 'train_one_epoch', code: 'outputs = model(inputs, mask)' },
  { file: '/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py', line: 1518, func: '_wrapped_call_impl', code: 'return self._call_impl(*args, **kwargs)' },
  { file: '/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py', line: 1527, func: '_call_impl', code: 'return forward_call(*args, **kwargs)' },
  { file: '/opt/ml/code/model/classifier.py', line: 28, func: 'forward', code: 'logits = self.head(pooled)' },
  { file: '/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py', line: 1518, func: '_wrapped_call_impl', code: 'return self._call_impl(*args, **kwargs)' },
  { file: '/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py', line: 1527, func: '_call_impl', code: 'return forward_call(*args, **kwargs)' },
  { file: '/opt/conda/lib/python3.10/site-packages/torch/nn/modules/linear.py', line: 114, func: 'forward', code: 'return F.linear(input, self.weight, self.bias)' },
];
export const FAILED_JOB_ERROR = 'RuntimeError: mat1 and mat2 shapes cannot be multiplied (32x768 and 512x2)';

export const DEMO = {
  endpoints: {
    twoVariants: 'churn-xgb-prod',
    threeInstances: 'image-classifier-v2',
    bursty: 'fraud-detector-api',
    creating: 'llm-summarizer-staging',
    ...DEMO_ENDPOINT_KINDS,
  },
  inferenceComponents: DEMO_INFERENCE_COMPONENTS,
  jobs: {
    inProgress: 'sentiment-bert-ft-live',
    completed: 'sentiment-distilbert-baseline',
    failed: 'bert-sentiment-finetune',
    stopped: 'llama-lora-sweep-3',
    restarted: 'detr-coco-spot',
    huggingFace: 'distilbert-hf-trainer',
  },
  alarms: {
    /** OK at the start, ALARM 1–2 minutes later (see gpuMemoryLeak). */
    entersAlarm: 'sentiment-bert-ft-live-gpu-memory',
  },
  processingJobs: DEMO_PROCESSING,
  transformJobs: DEMO_TRANSFORM,
  tuning: DEMO_TUNING,
  pipeline: DEMO_PIPELINE,
} as const;

function steps(list: [string, number][]): StatusStep[] {
  return list.map(([status, at]) => ({ status, at }));
}

export function buildDemo(acc: Account, now: number): void {
  const T = Math.floor(now / 1000) * 1000;

  addEndpoint(acc, T, {
    name: DEMO.endpoints.twoVariants,
    createdDaysAgo: 200,
    hostDims: 'Host',
    logStyle: 'xgboost',
    variants: [
      { name: 'Primary', instanceType: 'ml.m5.xlarge', instances: 2, weight: 0.9, cores: 4, gpus: 0, traffic: { rpm: 900, latencyUs: 18_000 }, image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', model: 'churn-xgb-model-v7' },
      { name: 'Canary', instanceType: 'ml.m5.xlarge', instances: 1, weight: 0.1, cores: 4, gpus: 0, traffic: { rpm: 100, latencyUs: 21_000, err4xx: 0.004 }, image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-xgboost:1.7-1', model: 'churn-xgb-model-v8' },
    ],
  });
  addEndpoint(acc, T, {
    name: DEMO.endpoints.threeInstances,
    createdDaysAgo: 90,
    hostDims: 'EndpointVariant',
    logStyle: 'torchserve',
    variants: [{ name: 'AllTraffic', instanceType: 'ml.g4dn.xlarge', instances: 3, weight: 1, cores: 4, gpus: 1, traffic: { rpm: 300, latencyUs: 45_000 }, image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-gpu-py310', model: 'image-classifier-v2-model' }],
  });
  addEndpoint(acc, T, {
    name: DEMO.endpoints.bursty,
    createdDaysAgo: 420,
    hostDims: 'EndpointVariantInstance',
    logStyle: 'torchserve',
    logIntervalMs: 10_000,
    // A day of logs: its 500s come only in bursts (a fifth of the half hours), and 3 hours held none one time in four.
    logHistoryMs: 24 * 3600_000,
    variants: [{ name: 'AllTraffic', instanceType: 'ml.c5.2xlarge', instances: 1, weight: 1, cores: 8, gpus: 0, traffic: { rpm: 1500, latencyUs: 6_000, burstRate: 0.2, err5xx: 0.001 }, model: 'fraud-detector-model-v12' }],
  });
  addEndpoint(acc, T, {
    name: DEMO.endpoints.creating,
    createdDaysAgo: 4 / 1440,
    hostDims: 'EndpointVariant',
    logStyle: 'torchserve',
    live: false,
    steps: [
      { status: 'Creating', offsetMs: -4 * MIN },
      { status: 'InService', offsetMs: 21 * MIN },
    ],
    variants: [{ name: 'AllTraffic', instanceType: 'ml.g5.2xlarge', instances: 1, weight: 1, cores: 8, gpus: 1, traffic: { rpm: 20, latencyUs: 900_000 }, image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.1.1-tgi2.0.0-gpu-py310-cu121-ubuntu22.04', model: 'llm-summarizer-model' }],
  });

  // --- training jobs
  const live0 = T - 25 * MIN;
  addTrainingJob(acc, {
    name: DEMO.jobs.inProgress,
    instanceType: 'ml.p3.2xlarge',
    hosts: 4,
    cores: 8,
    gpus: 1,
    epochs: 28,
    stepsPerEpoch: 2000,
    lineIntervalMs: 5000,
    steps: steps([
      ['Starting', live0],
      ['Downloading', live0 + 2 * MIN],
      ['Training', live0 + 5 * MIN],
      ['Uploading', live0 + 5 * MIN + 4 * HOUR],
      ['Completed', live0 + 8 * MIN + 4 * HOUR],
    ]),
    hyperParameters: { epochs: '28', encoder: '"bert-large-uncased"' },
  });

  const c0 = T - 3 * DAYMS - 5 * HOUR;
  addTrainingJob(acc, {
    name: DEMO.jobs.completed,
    instanceType: 'ml.g4dn.xlarge',
    hosts: 1,
    cores: 4,
    gpus: 1,
    epochs: 3,
    stepsPerEpoch: 1500,
    lineIntervalMs: 15_000,
    steps: steps([
      ['Starting', c0],
      ['Downloading', c0 + 3 * MIN],
      ['Training', c0 + 6 * MIN],
      ['Uploading', c0 + 6 * MIN + 80 * MIN],
      ['Completed', c0 + 9 * MIN + 80 * MIN],
    ]),
    hyperParameters: { epochs: '3', encoder: '"distilbert-base-uncased"' },
  });

  const f0 = T - 6 * HOUR;
  // a head/encoder size mismatch fails on the first forward pass, seconds into training
  const failAt = f0 + 7 * MIN + 6_000;
  const tb = FAILED_JOB_TRACEBACK.flatMap((f) => [`  File "${f.file}", line ${f.line}, in ${f.func}`, `    ${f.code}`]);
  const failureLines = [
    'Traceback (most recent call last):',
    ...tb,
    FAILED_JOB_ERROR,
    `${pyTime(failAt + 2000)} sagemaker-training-toolkit INFO     Waiting for the process to finish and give a return code.`,
    `${pyTime(failAt + 2000)} sagemaker-training-toolkit INFO     Done waiting for a return code. Received 1 from exiting process.`,
    `${pyTime(failAt + 2000)} sagemaker-training-toolkit ERROR    Reporting training FAILURE`,
    `${pyTime(failAt + 2000)} sagemaker-training-toolkit ERROR    ExecuteUserScriptError:`,
    'ExitCode 1',
    `ErrorMessage "${FAILED_JOB_ERROR}"`,
    'Command "/opt/conda/bin/python3.10 train.py --batch-size 32 --encoder bert-base-uncased --epochs 3 --learning-rate 3e-05", exit code: 1',
  ];
  addTrainingJob(acc, {
    name: DEMO.jobs.failed,
    instanceType: 'ml.g5.xlarge',
    hosts: 1,
    cores: 4,
    gpus: 1,
    epochs: 3,
    stepsPerEpoch: 1500,
    lineIntervalMs: 4000,
    failureLines,
    failureReason: `AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "${FAILED_JOB_ERROR}"\nCommand "/opt/conda/bin/python3.10 train.py --batch-size 32 --encoder bert-base-uncased --epochs 3 --learning-rate 3e-05", exit code: 1`,
    steps: steps([
      ['Starting', f0],
      ['Downloading', f0 + 3 * MIN],
      ['Training', f0 + 7 * MIN],
      ['Failed', failAt],
    ]),
  });

  const s0 = T - 1 * DAYMS - 2 * HOUR;
  addTrainingJob(acc, {
    name: DEMO.jobs.stopped,
    instanceType: 'ml.g5.12xlarge',
    hosts: 2,
    cores: 48,
    gpus: 4,
    epochs: 10,
    stepsPerEpoch: 800,
    lineIntervalMs: 10_000,
    steps: steps([
      ['Starting', s0],
      ['Downloading', s0 + 4 * MIN],
      ['Training', s0 + 9 * MIN],
      ['Stopping', s0 + 9 * MIN + 62 * MIN],
      ['Stopped', s0 + 11 * MIN + 62 * MIN],
    ]),
    hyperParameters: { encoder: '"meta-llama/Llama-2-7b-hf"', 'lora-r': '16', 'lora-alpha': '32' },
  });

  const r0 = T - 10 * HOUR;
  const interrupt = r0 + 8 * MIN + 2 * HOUR;
  addTrainingJob(acc, {
    name: DEMO.jobs.restarted,
    instanceType: 'ml.p3.8xlarge',
    hosts: 2,
    cores: 32,
    gpus: 4,
    epochs: 12,
    stepsPerEpoch: 1200,
    lineIntervalMs: 12_000,
    spot: true,
    restarts: { 1: [interrupt + 4 * MIN] },
    steps: steps([
      ['Starting', r0],
      ['Downloading', r0 + 3 * MIN],
      ['Training', r0 + 8 * MIN],
      ['Interrupted', interrupt],
      ['Restarting', interrupt + 1 * MIN],
      ['Training', interrupt + 5 * MIN],
      ['Uploading', r0 + 8 * MIN + 5 * HOUR],
      ['Completed', r0 + 10 * MIN + 5 * HOUR],
    ]),
    hyperParameters: { encoder: '"facebook/detr-resnet-50"', 'checkpoint-dir': '"/opt/ml/checkpoints"' },
  });
  const hf0 = T - 2 * DAYMS - 3 * HOUR;
  addTrainingJob(acc, {
    name: DEMO.jobs.huggingFace,
    instanceType: 'ml.g5.2xlarge',
    hosts: 2,
    cores: 8,
    gpus: 1,
    epochs: 3,
    stepsPerEpoch: 800,
    lineIntervalMs: 25_000,
    algorithm: HUGGINGFACE,
    steps: steps([
      ['Starting', hf0],
      ['Downloading', hf0 + 3 * MIN],
      ['Training', hf0 + 6 * MIN],
      ['Uploading', hf0 + 6 * MIN + 20 * MIN],
      ['Completed', hf0 + 8 * MIN + 20 * MIN],
    ]),
  });
  const completedJob = acc.trainingJobs.get(DEMO.jobs.completed);
  if (completedJob) completedJob.finalMetrics = [
    { MetricName: 'train:loss', Value: 0.0912 },
    { MetricName: 'validation:accuracy', Value: 0.9137 },
  ];

  buildDemoEndpoints(acc, T);
  buildDemoJobs(acc, T);
  buildDemoWorkflows(acc, T);

  // --- alarms
  const common = { ActionsEnabled: true, AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ml-oncall'], OKActions: [], InsufficientDataActions: [], updated: T - 30 * DAYMS };
  acc.alarms.set('fraud-detector-api-5xx-rate', {
    ...common,
    AlarmName: 'fraud-detector-api-5xx-rate',
    // A tight threshold keeps it in ALARM (the bursty endpoint's 5XX rate stays above 0.05 %), so the demo shows a firing alarm.
    AlarmDescription: '5XX error rate above 0.05% on fraud-detector-api',
    Namespace: 'AWS/SageMaker',
    MetricName: 'Invocation5XXErrors',
    Dimensions: [
      { Name: 'EndpointName', Value: DEMO.endpoints.bursty },
      { Name: 'VariantName', Value: 'AllTraffic' },
    ],
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 5,
    DatapointsToAlarm: 2,
    Threshold: 0.0005,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'notBreaching',
  });
  acc.alarms.set('churn-xgb-prod-latency-p99', {
    ...common,
    AlarmName: 'churn-xgb-prod-latency-p99',
    AlarmDescription: 'p99 model latency above 100 ms',
    Namespace: 'AWS/SageMaker',
    MetricName: 'ModelLatency',
    Dimensions: [
      { Name: 'EndpointName', Value: DEMO.endpoints.twoVariants },
      { Name: 'VariantName', Value: 'Primary' },
    ],
    ExtendedStatistic: 'p99',
    Period: 300,
    EvaluationPeriods: 3,
    Threshold: 100_000,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'missing',
    Unit: 'Microseconds',
  });
  gpuMemoryLeak(acc, T, common);
}

/**
 * The live job's algo-1 runs out of GPU memory soon after the start: its GPUMemoryUtilization is 97 % from the
 * first whole minute after `T` on, so the alarm on it (Maximum > 95 over one minute) is OK at the start and
 * ALARM once that minute is complete, 1–2 minutes after the start (the state is evaluated at read time).
 */
function gpuMemoryLeak(acc: Account, T: number, common: Pick<Alarm, 'ActionsEnabled' | 'AlarmActions' | 'OKActions' | 'InsufficientDataActions' | 'updated'>): void {
  const host = `${DEMO.jobs.inProgress}/algo-1`;
  const dims = [{ Name: 'Host', Value: host }];
  const series = acc.metrics.get('/aws/sagemaker/TrainingJobs', 'GPUMemoryUtilization', dims);
  const healthy = series?.gen;
  if (!series || !healthy) return;
  const leakFrom = Math.floor(T / 60_000) * 60 + 60;
  series.gen = (t, res) => (t >= leakFrom ? { count: 1, sum: 97, min: 97, max: 97 } : healthy(t, res));
  acc.alarms.set(DEMO.alarms.entersAlarm, {
    ...common,
    AlarmName: DEMO.alarms.entersAlarm,
    AlarmDescription: `GPU memory of ${host} above 95 %`,
    Namespace: '/aws/sagemaker/TrainingJobs',
    MetricName: 'GPUMemoryUtilization',
    Dimensions: dims,
    Statistic: 'Maximum',
    Period: 60,
    EvaluationPeriods: 1,
    Threshold: 95,
    ComparisonOperator: 'GreaterThanThreshold',
    TreatMissingData: 'missing',
    Unit: 'Percent',
  });
}
