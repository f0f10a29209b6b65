/**
 * A Hugging Face Trainer job without MetricDefinitions: it publishes no algorithm metrics, and its logs carry the
 * Trainer's dicts (`{'loss': 0.41, 'learning_rate': 2e-05, 'epoch': 0.5}`, an eval dict at each epoch's end), which
 * the extension's default log patterns turn into curves with the epoch as x.
 */
import { trainingCurve } from '../src/model/generators';
import { pyTime } from './builders';
import type { AlgorithmStyle, JobSpec } from './trainingBuilder';

const LEARNING_RATE = 5e-5;

/** Python's repr of a float the way the Trainer prints it (`2e-05`, `0.4123`). */
function pyFloat(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-4) {
    const [m, e] = v.toExponential().split('e');
    const exp = Number(e);
    return `${Number(m).toString()}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(Number(v.toFixed(4)));
}

function hfLine(spec: JobSpec, host: number, i: number, ts: number, from: number, to: number): string {
  const perEpoch = Math.max(2, Math.floor(spec.stepsPerEpoch / 50));
  const step = (i + 1) * 50;
  const epoch = Math.round(((i + 1) / perEpoch) * 100) / 100;
  const t = ts / 1000;
  if ((i + 1) % perEpoch === 0) {
    const evalLoss = trainingCurve(spec.name, 'val_loss', t, from, to, host);
    const evalAcc = trainingCurve(spec.name, 'val_accuracy', t, from, to, host);
    return `{'eval_loss': ${pyFloat(evalLoss)}, 'eval_accuracy': ${pyFloat(evalAcc)}, 'eval_runtime': 12.31, 'eval_samples_per_second': 487.2, 'eval_steps_per_second': 15.23, 'epoch': ${epoch.toFixed(1)}}`;
  }
  if (i % 7 === 3) {
    const total = perEpoch * spec.epochs * 50;
    return `${String(Math.floor((step / total) * 100)).padStart(3)}%|${'█'.repeat(Math.floor((step / total) * 20)).padEnd(20)}| ${step}/${total} [${pyTime(ts).slice(14, 19)}<00:00, 5.37it/s]`;
  }
  const loss = trainingCurve(spec.name, 'loss', t, from, to, host);
  const lr = LEARNING_RATE * Math.max(0, 1 - step / (perEpoch * spec.epochs * 50));
  return `{'loss': ${pyFloat(loss)}, 'learning_rate': ${pyFloat(lr)}, 'epoch': ${epoch}}`;
}

export const HUGGINGFACE: AlgorithmStyle = {
  image: (region, gpus) => `763104351884.dkr.ecr.${region}.amazonaws.com/huggingface-pytorch-training:2.1.0-transformers4.36.0-${gpus ? 'gpu' : 'cpu'}-py310-cu121-ubuntu20.04`,
  hyperParameters: (spec, region) => ({
    epochs: String(spec.epochs),
    model_name: '"distilbert-base-uncased"',
    train_batch_size: '32',
    learning_rate: String(LEARNING_RATE),
    sagemaker_program: '"train.py"',
    sagemaker_submit_directory: `"s3://sagemaker-${region}-123456789012/${spec.name}/source/sourcedir.tar.gz"`,
    sagemaker_job_name: `"${spec.name}"`,
    sagemaker_region: `"${region}"`,
  }),
  metricDefinitions: [],
  metric: () => 0,
  startup: () => [
    '@T sagemaker-training-toolkit INFO     Imported framework sagemaker_huggingface_pytorch_container.training',
    '@T sagemaker-training-toolkit INFO     Invoking user script',
    '***** Running training *****',
    '  Num examples = 25000',
    '  Num Epochs = 3',
    '  Instantaneous batch size per device = 32',
  ],
  stamp: pyTime,
  line: hfLine,
  done: [
    () => `{'train_runtime': 1234.5, 'train_samples_per_second': 40.9, 'train_steps_per_second': 1.28, 'train_loss': 0.2871, 'epoch': 3.0}`,
    (ts) => `${pyTime(ts)} sagemaker-training-toolkit INFO     Reporting training SUCCESS`,
  ],
  peerFailed: (ts) => `${pyTime(ts)} torch.distributed.elastic.agent INFO Worker group FAILED on algo-1; stopping local workers`,
};
