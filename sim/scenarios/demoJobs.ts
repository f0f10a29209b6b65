/**
 * The demo account's processing and transform jobs (relative to the demo's `now`):
 *  processing  churn-features-live (InProgress, 2 hosts), churn-preprocess-nightly (Failed: KeyError, traceback
 *              into sample-workspace/preprocess.py), churn-features-weekly (Completed)
 *  transform   churn-batch-scoring (Completed, 2 instances, data-log streams), churn-batch-scoring-live (InProgress),
 *              churn-batch-scoring-hourly (InProgress, Completed 3 minutes after the start: a job that ends while you watch)
 */
import { type Account, type StatusStep } from '../src/model/state';
import { addProcessingJob, addTransformJob } from './jobBuilders';

const MIN = 60_000;
const HOUR = 3600_000;
const DAYMS = 86400_000;

export const DEMO_PROCESSING = {
  inProgress: 'churn-features-live',
  failed: 'churn-preprocess-nightly',
  completed: 'churn-features-weekly',
} as const;

export const DEMO_TRANSFORM = {
  completed: 'churn-batch-scoring',
  inProgress: 'churn-batch-scoring-live',
  endsSoon: 'churn-batch-scoring-hourly',
} as const;

/** The Failed processing job's traceback: its code frames are real lines of sample-workspace/preprocess.py (checked by a test). */
export const PROCESSING_CODE_DIR = '/opt/ml/processing/input/code';
export const PROCESSING_JOB_TRACEBACK: { file: string; line: number; func: string; code: string }[] = [
  { file: `${PROCESSING_CODE_DIR}/preprocess.py`, line: 58, func: '<module>', code: 'main(parse_args())' },
  { file: `${PROCESSING_CODE_DIR}/preprocess.py`, line: 49, func: 'main', code: 'features, labels = build_features(df)' },
  { file: `${PROCESSING_CODE_DIR}/preprocess.py`, line: 34, func: 'build_features', code: 'labels = df[LABEL].astype(int)' },
  { file: '/miniconda3/lib/python3.9/site-packages/pandas/core/frame.py', line: 3761, func: '__getitem__', code: 'indexer = self.columns.get_loc(key)' },
  { file: '/miniconda3/lib/python3.9/site-packages/pandas/core/indexes/base.py', line: 3654, func: 'get_loc', code: 'raise KeyError(key) from err' },
];
export const PROCESSING_JOB_ERROR = "KeyError: 'churned'";

function steps(list: [string, number][]): StatusStep[] {
  return list.map(([status, at]) => ({ status, at }));
}

export function buildDemoJobs(acc: Account, T: number): void {
  const p0 = T - 18 * MIN;
  addProcessingJob(acc, {
    name: DEMO_PROCESSING.inProgress,
    instanceType: 'ml.m5.2xlarge',
    hosts: 2,
    cores: 8,
    gpus: 0,
    script: 'features.py',
    arguments: ['--window-days', '90'],
    startTime: p0 + 3 * MIN,
    lineIntervalMs: 8000,
    steps: steps([
      ['InProgress', p0],
      ['Completed', T + 40 * MIN],
    ]),
  });

  const f0 = T - 4 * HOUR;
  const traceback = ['Traceback (most recent call last):', ...PROCESSING_JOB_TRACEBACK.flatMap((f) => [`  File "${f.file}", line ${f.line}, in ${f.func}`, `    ${f.code}`]), PROCESSING_JOB_ERROR];
  addProcessingJob(acc, {
    name: DEMO_PROCESSING.failed,
    instanceType: 'ml.m5.xlarge',
    hosts: 1,
    cores: 4,
    gpus: 0,
    script: 'preprocess.py',
    arguments: ['--train-test-split', '0.2'],
    startTime: f0 + 3 * MIN,
    failureReason: 'AlgorithmError: See job logs for more information',
    exitMessage: traceback.join('\n'),
    failureLines: ['Reading 14 input files from /opt/ml/processing/input/data', 'Loaded 1284113 rows, 23 columns', ...traceback],
    steps: steps([
      ['InProgress', f0],
      ['Failed', f0 + 5 * MIN],
    ]),
  });

  const c0 = T - 2 * DAYMS - 3 * HOUR;
  addProcessingJob(acc, {
    name: DEMO_PROCESSING.completed,
    instanceType: 'ml.m5.4xlarge',
    hosts: 1,
    cores: 16,
    gpus: 0,
    script: 'features.py',
    arguments: ['--window-days', '90'],
    lineIntervalMs: 20_000,
    steps: steps([
      ['InProgress', c0],
      ['Completed', c0 + 38 * MIN],
    ]),
  });

  const t0 = T - 1 * DAYMS - 3 * HOUR;
  addTransformJob(acc, {
    name: DEMO_TRANSFORM.completed,
    modelName: 'churn-xgb-model-v7',
    instanceType: 'ml.m5.xlarge',
    instances: 2,
    cores: 4,
    gpus: 0,
    files: 12,
    steps: steps([
      ['InProgress', t0],
      ['Completed', t0 + 34 * MIN],
    ]),
  });

  const l0 = T - 9 * MIN;
  addTransformJob(acc, {
    name: DEMO_TRANSFORM.inProgress,
    modelName: 'churn-xgb-model-v8',
    instanceType: 'ml.c5.xlarge',
    instances: 1,
    cores: 4,
    gpus: 0,
    files: 6,
    steps: steps([
      ['InProgress', l0],
      ['Completed', T + 25 * MIN],
    ]),
  });

  const h0 = T - 6 * MIN;
  addTransformJob(acc, {
    name: DEMO_TRANSFORM.endsSoon,
    modelName: 'churn-xgb-model-v7',
    instanceType: 'ml.m5.large',
    instances: 1,
    cores: 2,
    gpus: 0,
    files: 2,
    steps: steps([
      ['InProgress', h0],
      ['Completed', T + 3 * MIN],
    ]),
  });
}
