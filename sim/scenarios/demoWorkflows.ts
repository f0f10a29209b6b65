/**
 * The demo account's hyperparameter tuning job and pipeline (relative to the demo's `now`):
 *  tuning    churn-xgb-tuning (Bayesian, validation:auc Maximize, 8 jobs, 2 at a time): children 001, 002, 004, 007
 *            Completed, 003 Failed (std::bad_alloc at max_depth 12, traceback in its log), 005 Stopped early,
 *            006 and 008 InProgress (they complete about 15 min after now; 006 becomes the best)
 *  pipeline  churn-pipeline: Preprocess → Train → Evaluate → CheckAUC → Register;
 *            weekly-retrain Succeeded (churn-features-weekly, churn-xgb-train-weekly, churn-evaluate-weekly, model package churn-models/8),
 *            nightly-refresh Failed at Preprocess (churn-preprocess-nightly)
 */
import { type Account, type StatusStep } from '../src/model/state';
import { type StepRun } from '../src/model/workflows';
import { DEMO_PROCESSING } from './demoJobs';
import { addProcessingJob } from './jobBuilders';
import { addExecution, addPipeline, executionId } from './pipelineBuilder';
import { addTrainingJob } from './trainingBuilder';
import { addTuningJob, tuningChildName, type TuningChildSpec } from './tuningBuilder';
import { xgbTime, xgboostStyle } from './xgboost';

const MIN = 60_000;
const HOUR = 3600_000;
const DAYMS = 86400_000;
const TUNING = 'churn-xgb-tuning';
const PIPELINE = 'churn-pipeline';
const child = (i: number) => tuningChildName(TUNING, i);

export const DEMO_TUNING = {
  name: TUNING,
  objective: { Type: 'Maximize', MetricName: 'validation:auc' },
  children: {
    completed: [child(1), child(2), child(4), child(7)],
    failed: child(3),
    stopped: child(5),
    inProgress: [child(6), child(8)],
  },
  /** objective values: best now child 4, once the running ones complete child 6 */
  objectives: { [child(1)]: 0.8712, [child(2)]: 0.8834, [child(4)]: 0.9021, [child(5)]: 0.8411, [child(6)]: 0.9108, [child(7)]: 0.8967, [child(8)]: 0.8893 } as Record<string, number>,
} as const;

export const DEMO_PIPELINE = {
  name: PIPELINE,
  steps: ['Preprocess', 'Train', 'Evaluate', 'CheckAUC', 'Register'],
  succeeded: { displayName: 'weekly-retrain', id: executionId(`${PIPELINE}/weekly-retrain`) },
  failed: { displayName: 'nightly-refresh', id: executionId(`${PIPELINE}/nightly-refresh`) },
  /** the jobs of the succeeded execution's steps (its Preprocess step ran churn-features-weekly) */
  jobs: { train: 'churn-xgb-train-weekly', evaluate: 'churn-evaluate-weekly' },
  modelPackageArn: 'arn:aws:sagemaker:us-east-1:123456789012:model-package/churn-models/8',
} as const;

const XGB_FRAMES = [
  ['/miniconda3/lib/python3.8/site-packages/sagemaker_xgboost_container/algorithm_mode/train.py', 331, 'train_job', 'bst = xgb.train('],
  ['/miniconda3/lib/python3.8/site-packages/xgboost/core.py', 620, 'inner_f', 'return func(**kwargs)'],
  ['/miniconda3/lib/python3.8/site-packages/xgboost/training.py', 185, 'train', 'bst.update(dtrain, i, obj)'],
  ['/miniconda3/lib/python3.8/site-packages/xgboost/core.py', 1918, 'update', '_check_call(_LIB.XGBoosterUpdateOneIter(self.handle,'],
  ['/miniconda3/lib/python3.8/site-packages/xgboost/core.py', 279, '_check_call', 'raise XGBoostError(py_str(_LIB.XGBGetLastError()))'],
] as const;
export const TUNING_FAILED_ERROR = 'xgboost.core.XGBoostError: std::bad_alloc';

function buildTuning(acc: Account, T: number): void {
  const at = (min: number) => T + min * MIN;
  const traceback = ['Traceback (most recent call last):', ...XGB_FRAMES.flatMap(([f, l, fn, code]) => [`  File "${f}", line ${l}, in ${fn}`, `    ${code}`]), TUNING_FAILED_ERROR];
  const failAt = at(-99) + 150_000 + 5.5 * MIN;
  const tuned = (eta: string, depth: string, mcw: string, sub: string) => ({ eta, max_depth: depth, min_child_weight: mcw, subsample: sub });
  const o = DEMO_TUNING.objectives;
  const children: TuningChildSpec[] = [
    { start: at(-135), trainMin: 31, outcome: 'Completed', objective: o[child(1)], tuned: tuned('0.1', '5', '2.1', '0.8') },
    { start: at(-135) + 7000, trainMin: 34, outcome: 'Completed', objective: o[child(2)], tuned: tuned('0.2134', '7', '4.7', '0.7212') },
    {
      start: at(-99),
      trainMin: 5.5,
      outcome: 'Failed',
      tuned: tuned('0.0613', '12', '1.03', '0.9885'),
      failureReason: `AlgorithmError: framework error: \n${traceback.join('\n')}\n\nstd::bad_alloc`,
      failureLines: [`[${xgbTime(failAt)}:ERROR] Reporting training FAILURE`, `[${xgbTime(failAt)}:ERROR] framework error: `, ...traceback, '', 'std::bad_alloc'],
    },
    { start: at(-97), trainMin: 32, outcome: 'Completed', objective: o[child(4)], tuned: tuned('0.0842', '6', '3.36', '0.8567') },
    { start: at(-90), trainMin: 15, outcome: 'Stopped', objective: o[child(5)], tuned: tuned('0.2871', '3', '8.92', '0.5311') },
    { start: at(-71), trainMin: 83, outcome: 'Completed', objective: o[child(6)], tuned: tuned('0.0391', '8', '2.54', '0.9103') },
    { start: at(-61), trainMin: 31, outcome: 'Completed', objective: o[child(7)], tuned: tuned('0.1176', '6', '5.18', '0.8012') },
    { start: at(-26), trainMin: 36, outcome: 'Completed', objective: o[child(8)], tuned: tuned('0.0735', '9', '1.87', '0.7745') },
  ];
  addTuningJob(acc, {
    name: TUNING,
    created: at(-136),
    strategy: 'Bayesian',
    objective: { Type: 'Maximize', MetricName: 'validation:auc' },
    maxJobs: 8,
    maxParallel: 2,
    earlyStopping: 'Auto',
    ranges: {
      IntegerParameterRanges: [{ Name: 'max_depth', MinValue: '3', MaxValue: '12', ScalingType: 'Auto' }],
      ContinuousParameterRanges: [
        { Name: 'eta', MinValue: '0.01', MaxValue: '0.3', ScalingType: 'Logarithmic' },
        { Name: 'min_child_weight', MinValue: '1', MaxValue: '10', ScalingType: 'Auto' },
        { Name: 'subsample', MinValue: '0.5', MaxValue: '1', ScalingType: 'Linear' },
      ],
      CategoricalParameterRanges: [],
    },
    staticHyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '400', early_stopping_rounds: '20' },
    instanceType: 'ml.m5.2xlarge',
    cores: 8,
    gpus: 0,
    metrics: ['train:auc', 'validation:auc'],
    children,
  });
}

function buildPipeline(acc: Account, T: number): void {
  const steps = (list: [string, number][]): StatusStep[] => list.map(([status, at]) => ({ status, at }));
  const p = addPipeline(acc, {
    name: PIPELINE,
    displayName: 'Churn model build',
    description: 'Preprocess the churn data, train XGBoost, evaluate, register the model when AUC >= 0.88',
    created: T - 45 * DAYMS,
    steps: [
      { Name: 'Preprocess', Type: 'Processing' },
      { Name: 'Train', Type: 'Training' },
      { Name: 'Evaluate', Type: 'Processing' },
      { Name: 'CheckAUC', Type: 'Condition' },
      { Name: 'Register', Type: 'RegisterModel' },
    ],
  });
  const run = (name: string, displayName: string, type: string, start: number, end: number, extra: Partial<StepRun> = {}): StepRun => ({ name, displayName, type, start, end, outcome: 'Succeeded', ...extra });

  // weekly-retrain: the Preprocess step is churn-features-weekly (created 2 d 3 h ago, 38 min)
  const c0 = T - 2 * DAYMS - 3 * HOUR;
  const t0 = c0 + 38 * MIN + 6000;
  addTrainingJob(acc, {
    name: DEMO_PIPELINE.jobs.train,
    instanceType: 'ml.m5.2xlarge',
    hosts: 1,
    cores: 8,
    gpus: 0,
    epochs: 1,
    stepsPerEpoch: 1,
    lineIntervalMs: 5000,
    steps: steps([
      ['Starting', t0],
      ['Downloading', t0 + MIN],
      ['Training', t0 + 3 * MIN],
      ['Uploading', t0 + 25 * MIN],
      ['Completed', t0 + 25 * MIN + 45_000],
    ]),
    hyperParameters: { objective: 'binary:logistic', eval_metric: 'auc', num_round: '400', eta: '0.0842', max_depth: '6', min_child_weight: '3.36', subsample: '0.8567' },
    algorithm: xgboostStyle({ 'train:auc': 0.9297, 'validation:auc': 0.9043 }),
  }).finalMetrics = [
    { MetricName: 'train:auc', Value: 0.9297 },
    { MetricName: 'validation:auc', Value: 0.9043 },
  ];
  const e0 = t0 + 25 * MIN + 45_000 + 5000;
  const s3 = 's3://sagemaker-us-east-1-123456789012/churn-pipeline';
  addProcessingJob(acc, {
    name: DEMO_PIPELINE.jobs.evaluate,
    instanceType: 'ml.m5.xlarge',
    hosts: 1,
    cores: 4,
    gpus: 0,
    script: 'evaluate.py',
    startTime: e0 + 2 * MIN,
    lineIntervalMs: 15_000,
    inputs: [
      { name: 'model', s3Uri: `s3://sagemaker-us-east-1-123456789012/${DEMO_PIPELINE.jobs.train}/output/model.tar.gz`, localPath: '/opt/ml/processing/model' },
      { name: 'test', s3Uri: `${s3}/features/test`, localPath: '/opt/ml/processing/test' },
    ],
    outputs: [{ name: 'evaluation', s3Uri: `${s3}/evaluation`, localPath: '/opt/ml/processing/evaluation' }],
    steps: steps([
      ['InProgress', e0],
      ['Completed', e0 + 7 * MIN],
    ]),
  });
  const k0 = e0 + 7 * MIN + 5000;
  addExecution(acc, p, {
    displayName: DEMO_PIPELINE.succeeded.displayName,
    description: 'Weekly retraining on the last 90 days',
    created: c0 - 8000,
    steps: [
      run('Preprocess', 'Preprocess churn data', 'Processing', c0, c0 + 38 * MIN, { job: { kind: 'processing', name: DEMO_PROCESSING.completed } }),
      run('Train', 'Train XGBoost', 'Training', t0, e0 - 5000, { job: { kind: 'training', name: DEMO_PIPELINE.jobs.train } }),
      run('Evaluate', 'Evaluate on the test set', 'Processing', e0, k0 - 5000, { job: { kind: 'processing', name: DEMO_PIPELINE.jobs.evaluate } }),
      run('CheckAUC', 'AUC >= 0.88', 'Condition', k0, k0 + 3000, { metadata: { Condition: { Outcome: 'True' } } }),
      run('Register', 'Register the model', 'RegisterModel', k0 + 8000, k0 + 18_000, { metadata: { RegisterModel: { Arn: DEMO_PIPELINE.modelPackageArn } } }),
    ],
  });

  // nightly-refresh: fails at Preprocess, which is churn-preprocess-nightly (KeyError: 'churned')
  const f0 = T - 4 * HOUR;
  addExecution(acc, p, {
    displayName: DEMO_PIPELINE.failed.displayName,
    description: 'Nightly refresh of the features',
    created: f0 - 8000,
    steps: [run('Preprocess', 'Preprocess churn data', 'Processing', f0, f0 + 5 * MIN, { job: { kind: 'processing', name: DEMO_PROCESSING.failed } })],
  });
}

export function buildDemoWorkflows(acc: Account, T: number): void {
  buildTuning(acc, T);
  buildPipeline(acc, T);
}
