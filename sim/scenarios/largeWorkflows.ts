/**
 * The large scenario's tuning jobs and pipelines, as records (no logs; pipeline metrics yes, they are events):
 *   tuning jobs `bench-tune-0001`… over 90 days, 2–5 children each (bare training job records `bench-tune-0001-001-…`),
 *     validation:auc Maximize or validation:rmse Minimize; every 10th InProgress, Failed, Stopped, the rest Completed
 *   pipelines `bench-pipeline-0001`…, 1–3 executions each over 60 days: Preprocess (processing job) → Train
 *     (training job) → CheckMetric (Condition) → Register (RegisterModel); some fail at Train or Preprocess, the
 *     newest of every 10th pipeline is Executing
 */
import { type Account, type StatusStep } from '../src/model/state';
import { type StepRun } from '../src/model/workflows';
import { addExecution, addPipeline, executionId } from './pipelineBuilder';
import { addTuningJob, type TuningChildSpec } from './tuningBuilder';

const MIN = 60_000;
const DAYMS = 86400_000;
const ROLE = 'arn:aws:iam::123456789012:role/SageMakerRole';
const S3 = 's3://sagemaker-us-east-1-123456789012';
const pad = (n: number, w: number) => String(n).padStart(w, '0');

export function addBenchTuningJobs(acc: Account, T: number, n: number): void {
  for (let i = 1; i <= n; i++) {
    const created = T - Math.floor((i / n) * 90 * DAYMS) - 2 * 3600_000;
    const kind = i % 10 === 0 ? 'InProgress' : i % 10 === 3 ? 'Failed' : i % 10 === 7 ? 'Stopped' : 'Completed';
    const minimize = i % 3 === 0;
    const count = 2 + (i % 4);
    const children: TuningChildSpec[] = Array.from({ length: count }, (_, k) => {
      const value = minimize ? 0.2 + ((i * 7 + k * 13) % 40) / 100 : 0.7 + ((i * 7 + k * 13) % 25) / 100;
      const last = k === count - 1;
      const outcome = kind === 'Failed' ? 'Failed' : kind === 'InProgress' && last ? 'InProgress' : kind === 'Stopped' && last ? 'Stopped' : k % 5 === 4 ? 'Failed' : k % 7 === 6 ? 'Stopped' : 'Completed';
      return {
        start: created + Math.floor(k / 2) * 40 * MIN + (k % 2) * 7000,
        trainMin: 30,
        outcome,
        objective: Math.round(value * 1e4) / 1e4,
        tuned: { eta: String(0.01 + ((i + k) % 30) / 100), max_depth: String(3 + ((i + k) % 10)) },
        failureReason: outcome === 'Failed' ? 'AlgorithmError: framework error: \nxgboost.core.XGBoostError: std::bad_alloc' : undefined,
      };
    });
    const lastEnd = children[count - 1].start + 150_000 + 30 * MIN;
    const steps: StatusStep[] =
      kind === 'Failed'
        ? [{ status: 'Failed', at: lastEnd }]
        : kind === 'Stopped'
          ? [
              { status: 'Stopping', at: lastEnd },
              { status: 'Stopped', at: lastEnd + MIN },
            ]
          : [];
    addTuningJob(acc, {
      name: `bench-tune-${pad(i, 4)}`,
      created,
      strategy: i % 4 === 0 ? 'Random' : 'Bayesian',
      objective: minimize ? { Type: 'Minimize', MetricName: 'validation:rmse' } : { Type: 'Maximize', MetricName: 'validation:auc' },
      maxParallel: 2,
      ranges: { ContinuousParameterRanges: [{ Name: 'eta', MinValue: '0.01', MaxValue: '0.3', ScalingType: 'Auto' }], IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '12', ScalingType: 'Auto' }] },
      staticHyperParameters: { objective: minimize ? 'reg:squarederror' : 'binary:logistic', num_round: '200' },
      instanceType: 'ml.m5.xlarge',
      cores: 4,
      gpus: 0,
      metrics: minimize ? ['train:rmse', 'validation:rmse'] : ['train:auc', 'validation:auc'],
      children,
      steps,
      failureReason: kind === 'Failed' ? `No training job succeeded after ${count} attempts. Please take a look at the training job failures to get more details.` : undefined,
      light: true,
    });
  }
}

export function addBenchPipelines(acc: Account, T: number, n: number): void {
  for (let j = 1; j <= n; j++) {
    const name = `bench-pipeline-${pad(j, 4)}`;
    const p = addPipeline(acc, {
      name,
      created: T - 120 * DAYMS + j * 60_000,
      steps: [
        { Name: 'Preprocess', Type: 'Processing' },
        { Name: 'Train', Type: 'Training' },
        { Name: 'CheckMetric', Type: 'Condition' },
        { Name: 'Register', Type: 'RegisterModel' },
      ],
    });
    const runs = 1 + (j % 3);
    for (let e = runs - 1; e >= 0; e--) {
      const fate = e === 0 && j % 10 === 0 ? 'Executing' : (j + e) % 6 === 5 ? 'FailTrain' : (j + e) % 9 === 8 ? 'FailPrep' : 'Succeeded';
      // the running ones started 40 minutes ago, the others over 60 days
      const created = fate === 'Executing' ? T - 40 * MIN : T - Math.floor((((j * 3 + e * 7) % (n * 3)) / (n * 3)) * 60 * DAYMS) - (e + 1) * 3600_000;
      const id = executionId(`${name}/${e}`);
      const prep = `pipelines-${id}-preprocess-${id.slice(0, 10)}`;
      const train = `pipelines-${id}-train-${id.slice(2, 12)}`;
      const p0 = created + 5000;
      const prepEnd = p0 + (10 + (j % 20)) * MIN;
      const t0 = prepEnd + 5000;
      const tEnd = t0 + (20 + (j % 40)) * MIN;
      addRecords(acc, prep, train, p0, prepEnd, tEnd, fate);
      const steps: StepRun[] = [
        { name: 'Preprocess', type: 'Processing', start: p0, end: prepEnd, outcome: 'Succeeded', job: { kind: 'processing', name: prep } },
        { name: 'Train', type: 'Training', start: t0, end: tEnd, outcome: 'Succeeded', job: { kind: 'training', name: train } },
        { name: 'CheckMetric', type: 'Condition', start: tEnd + 5000, end: tEnd + 8000, outcome: 'Succeeded', metadata: { Condition: { Outcome: 'True' } } },
        { name: 'Register', type: 'RegisterModel', start: tEnd + 13_000, end: tEnd + 23_000, outcome: 'Succeeded', metadata: { RegisterModel: { Arn: acc.arn('sagemaker', `model-package/${name}-models/${runs - e}`) } } },
      ];
      addExecution(acc, p, { id, displayName: `execution-${created}`, created, steps: fate === 'FailPrep' ? steps.slice(0, 1) : fate === 'FailTrain' || fate === 'Executing' ? steps.slice(0, 2) : steps });
    }
  }
}

/** The processing and training job records of one execution (the training job is not created when preprocessing failed). */
function addRecords(acc: Account, prep: string, train: string, p0: number, prepEnd: number, tEnd: number, fate: string): void {
  acc.processingJobs.set(prep, {
    name: prep,
    creationTime: p0,
    steps: [
      { status: 'InProgress', at: p0 },
      { status: fate === 'FailPrep' ? 'Failed' : 'Completed', at: prepEnd },
    ],
    startTime: p0 + 3 * MIN,
    failureReason: fate === 'FailPrep' ? 'AlgorithmError: See job logs for more information' : undefined,
    exitMessage: fate === 'FailPrep' ? "KeyError: 'label'" : undefined,
    instanceType: 'ml.m5.xlarge',
    instanceCount: 1,
    volumeSizeInGB: 30,
    imageUri: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    entrypoint: ['python3', '/opt/ml/processing/input/code/preprocess.py'],
    arguments: [],
    environment: {},
    roleArn: ROLE,
    inputs: [{ name: 'input-1', s3Uri: `${S3}/${prep}/input`, localPath: '/opt/ml/processing/input/data' }],
    outputs: [{ name: 'train', s3Uri: `${S3}/${prep}/output/train`, localPath: '/opt/ml/processing/train' }],
    maxRuntimeInSeconds: 86400,
  });
  if (fate === 'FailPrep') return;
  const t0 = prepEnd + 5000;
  const steps: StatusStep[] = [
    { status: 'Starting', at: t0 },
    { status: 'Downloading', at: t0 + MIN },
    { status: 'Training', at: t0 + 3 * MIN },
  ];
  if (fate === 'FailTrain') steps.push({ status: 'Failed', at: tEnd });
  else if (fate === 'Succeeded') steps.push({ status: 'Uploading', at: tEnd - MIN }, { status: 'Completed', at: tEnd });
  acc.trainingJobs.set(train, {
    name: train,
    creationTime: t0,
    steps,
    failureReason: fate === 'FailTrain' ? 'AlgorithmError: ExecuteUserScriptError:\nExitCode 1\nErrorMessage "CUDA out of memory"' : undefined,
    instanceType: 'ml.g5.xlarge',
    instanceCount: 1,
    volumeSizeInGB: 50,
    image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-training:2.1.0-gpu-py310',
    hyperParameters: { sagemaker_program: '"train.py"' },
    metricDefinitions: [{ Name: 'train:loss', Regex: ' loss=([0-9\\.]+)' }],
    roleArn: ROLE,
    outputPath: S3,
    maxRuntimeInSeconds: 86400,
    inputChannels: ['train'],
  });
}
