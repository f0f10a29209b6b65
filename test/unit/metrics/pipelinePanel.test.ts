import * as assert from 'node:assert/strict';
import { pipelinePanel } from '../../../src/shared/metrics/pipelinePanel';
import { panelSeries } from '../../../src/shared/metrics/panels';
import { describeMetricsTarget, isJobMetricsTarget, parseMetricsTarget, tailArgumentOf } from '../../../src/shared/targets';

describe('shared/metrics/pipelinePanel: a pipeline\'s execution and step metrics', () => {
  it('charts executions by outcome and duration, and each step that published metrics', () => {
    const panel = pipelinePanel({ kind: 'pipeline', pipelineName: 'churn-pipeline' }, { pipelineName: 'churn-pipeline', steps: ['PreprocessData', 'TrainModel'] });
    assert.deepEqual(
      panel.charts.map((c) => c.id),
      ['executions', 'executionDuration', 'stepDuration', 'stepFailures'],
    );
    const all = panelSeries(panel);
    assert.ok(all.every((s) => s.namespace === 'AWS/Sagemaker/ModelBuildingPipeline'));
    assert.deepEqual(
      panel.charts[0].series.map((s) => `${s.metricName}:${s.stat}`),
      ['ExecutionStarted:Sum', 'ExecutionSucceeded:Sum', 'ExecutionFailed:Sum', 'ExecutionStopped:Sum'],
    );
    assert.deepEqual(panel.charts[2].series[1].dimensions, [
      { Name: 'PipelineName', Value: 'churn-pipeline' },
      { Name: 'StepName', Value: 'TrainModel' },
    ]);
    assert.equal(new Set(all.map((s) => s.id)).size, all.length);
    assert.deepEqual(panel.notes, []);
  });

  it('says why there are no step charts when no step published', () => {
    const panel = pipelinePanel({ kind: 'pipeline', pipelineName: 'p' }, { pipelineName: 'p', steps: [] });
    assert.equal(panel.charts.length, 2);
    assert.match(panel.notes[0], /No step has published metrics/);
  });

  it('takes { pipelineName } alone as an Open Metrics argument', () => {
    assert.deepEqual(parseMetricsTarget({ pipelineName: 'churn-pipeline' }), { ok: true, value: { kind: 'pipeline', pipelineName: 'churn-pipeline' } });
    const both = parseMetricsTarget({ pipelineName: 'churn-pipeline', host: 'algo-1' });
    assert.ok(!both.ok && /alone/.test(both.error));
    const bad = parseMetricsTarget({ pipelineName: 'bad name!' });
    assert.ok(!bad.ok);
    const t = { kind: 'pipeline', pipelineName: 'churn-pipeline' } as const;
    assert.equal(isJobMetricsTarget(t), false);
    assert.equal(tailArgumentOf(t), undefined);
    assert.equal(describeMetricsTarget(t), 'pipeline churn-pipeline');
  });
});
