/**
 * The built-in XGBoost algorithm (algorithm mode) as a training job's AlgorithmStyle: the sagemaker-xgboost image,
 * the algorithm's metric definitions (`.*\[[0-9]+\].*#011validation-auc:(…).*`) and one log line per boosting round,
 * `[12]#011train-auc:0.91234#011validation-auc:0.88123` (CloudWatch shows the tabs as `#011`). Each metric's curve
 * ends at the job's final value, so the tuning objective in DescribeHyperParameterTuningJob, the log lines and the
 * `/aws/sagemaker/TrainingJobs` metric agree.
 */
import { gauss, hashString } from '../src/model/hash';
import { type MetricDefinition } from '../src/model/state';
import { type AlgorithmStyle } from './trainingBuilder';

const NUMBER = '([-+]?[0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)';

/** The built-in algorithm's definition of `channel:metric` (e.g. validation:auc). */
export function xgboostMetricDefinition(name: string): MetricDefinition {
  const [channel, metric] = name.split(':');
  return { Name: name, Regex: `.*\\[[0-9]+\\].*#011${channel}-${metric ?? channel}:${NUMBER}.*` };
}

/** Metrics where higher is better (their curves rise); the others (losses, errors) fall. */
export function higherIsBetter(name: string): boolean {
  return /auc|accuracy|f1|precision|recall|ndcg|map|r2/i.test(name.split(':').pop() ?? name);
}

export const XGBOOST_IMAGE = (region: string) => `683313688378.dkr.ecr.${region}.amazonaws.com/sagemaker-xgboost:1.7-1`;

const pad = (n: number) => String(n).padStart(2, '0');
/** `2026-11-24:10:00:01` as in `[2026-11-24:10:00:01:INFO]` */
export function xgbTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/**
 * XGBoost whose metrics (in log order) end training at `finals` (name → value); curves start far from the final
 * value and approach it, with a little deterministic noise that vanishes at the end.
 */
export function xgboostStyle(finals: Record<string, number>): AlgorithmStyle {
  const names = Object.keys(finals);
  const value = (job: string, name: string, t: number, from: number, to: number): number => {
    const final = finals[name];
    const start = higherIsBetter(name) ? Math.min(final, 0.5 + (final - 0.5) * 0.15) : final * 2.4 + 0.2;
    const p = Math.max(0, Math.min(1, (t - from) / Math.max(1, to - from)));
    const shape = (1 - Math.exp(-4 * p)) / (1 - Math.exp(-4));
    const noise = 0.004 * Math.abs(final - start) * gauss(hashString(`${job}/${name}`), Math.floor(t)) * (1 - p);
    return start + (final - start) * shape + noise;
  };
  return {
    image: (region) => XGBOOST_IMAGE(region),
    hyperParameters: () => ({}),
    metricDefinitions: names.map(xgboostMetricDefinition),
    metric: (spec, name, t, from, to) => value(spec.name, name, t, from, to),
    startup: (_spec, hp) => [
      '[@T:INFO] Imported framework sagemaker_xgboost_container.training',
      ...(hp._tuning_objective_metric ? [`[@T:INFO] Failed to parse hyperparameter _tuning_objective_metric value ${hp._tuning_objective_metric} to Json.`, 'Returning the value itself'] : []),
      '[@T:INFO] No GPUs detected (normal if no gpus installed)',
      '[@T:INFO] Running XGBoost Sagemaker in algorithm mode',
      '[@T:INFO] Determined 0 GPU(s) available on the instance.',
      "[@T:INFO] Determined delimiter of CSV input is ','",
      '[@T:INFO] files path: /opt/ml/input/data/train',
      '[@T:INFO] files path: /opt/ml/input/data/validation',
      '[@T:INFO] Single node training.',
      '[@T:INFO] Train matrix has 412338 rows and 27 columns',
      '[@T:INFO] Validation matrix has 103084 rows',
    ],
    stamp: xgbTime,
    line: (spec, _host, i, ts, from, to) => `[${i}]${names.map((n) => `#011${n.replace(':', '-')}:${value(spec.name, n, ts / 1000, from, to).toFixed(5)}`).join('')}`,
    done: [(ts) => `[${xgbTime(ts)}:INFO] Saving the model to /opt/ml/model/xgboost-model`, (ts) => `[${xgbTime(ts)}:INFO] Reporting training SUCCESS`],
    peerFailed: (ts) => `[${xgbTime(ts)}:ERROR] another host failed, exiting`,
  };
}
