/**
 * A pipeline's panel: its executions (started, succeeded, failed, stopped; how long they ran) and its steps
 * (how long each took, which failed), from `AWS/Sagemaker/ModelBuildingPipeline`.
 */
import { PIPELINE_NAMESPACE } from '../names';
import type { MetricsTarget } from '../targets';
import { known, series, SeriesIds, type ChartSpec, type Dimension, type PanelSpec } from './panels';

export interface PipelineMetricsContext {
  readonly pipelineName: string;
  /** Steps that published step metrics (ListMetrics). */
  readonly steps: readonly string[];
}

const OUTCOMES = ['Started', 'Succeeded', 'Failed', 'Stopped'] as const;

export function pipelinePanel(target: Extract<MetricsTarget, { kind: 'pipeline' }>, context: PipelineMetricsContext): PanelSpec {
  const ids = new SeriesIds();
  const pipeline: Dimension[] = [{ Name: 'PipelineName', Value: context.pipelineName }];
  const m = (name: string) => known(PIPELINE_NAMESPACE, name);
  const stepDims = (step: string): Dimension[] => [...pipeline, { Name: 'StepName', Value: step }];
  const noRuns = 'No datapoints in this range: the pipeline publishes metrics only when it runs.';
  const charts: ChartSpec[] = [
    {
      id: 'executions',
      title: 'Executions',
      description: 'Executions that started, succeeded, failed or were stopped (Sum).',
      unit: '',
      series: OUTCOMES.map((o) => series(ids, m(`Execution${o}`), pipeline, 'Sum', '')),
      emptyHint: noRuns,
    },
    {
      id: 'executionDuration',
      title: 'Execution duration',
      description: m('ExecutionDuration').description,
      unit: 'ms',
      series: (['Average', 'Maximum'] as const).map((s) => series(ids, m('ExecutionDuration'), pipeline, s, '')),
      emptyHint: noRuns,
    },
  ];
  if (context.steps.length > 0) {
    charts.push(
      {
        id: 'stepDuration',
        title: 'Step duration',
        description: `${m('StepDuration').description} (Average, per step).`,
        unit: 'ms',
        series: context.steps.map((s) => series(ids, m('StepDuration'), stepDims(s), 'Average', s)),
        emptyHint: noRuns,
      },
      {
        id: 'stepFailures',
        title: 'Step failures',
        description: 'Runs of each step that failed (Sum).',
        unit: '',
        series: context.steps.map((s) => series(ids, m('StepFailed'), stepDims(s), 'Sum', s)),
        emptyHint: noRuns,
      },
    );
  }
  const notes = context.steps.length === 0 ? ['No step has published metrics yet (in the last two weeks), so there are no step charts.'] : [];
  return { target, title: `Metrics: pipeline ${context.pipelineName}`, charts, notes };
}
