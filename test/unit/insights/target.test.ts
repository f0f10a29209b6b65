import * as assert from 'node:assert/strict';
import { endpointScope, escapeRegex, inferenceComponentScope, jobsScope, parseQueryLogsArgs, scopedDocument, scopedQuery, streamFilter } from '../../../src/insights/model/target';

describe('insights/model/target: what Query Logs reads', () => {
  it('parses every kind of target, with query and time range', () => {
    const ok = (arg: unknown) => {
      const p = parseQueryLogsArgs(arg);
      assert.ok(p.ok, p.ok ? '' : p.error);
      return p.value;
    };
    assert.deepEqual(ok({ trainingJobName: 'bert', query: 'fields @message', startTime: 1000, endTime: 2000 }), { target: { kind: 'trainingJob', trainingJobName: 'bert' }, query: 'fields @message', startTime: 1000, endTime: 2000 });
    assert.deepEqual(ok({ trainingJobName: 'bert', host: 'algo-2' }).target, { kind: 'trainingJob', trainingJobName: 'bert', host: 'algo-2' });
    assert.deepEqual(ok({ processingJobName: 'prep' }).target, { kind: 'processingJob', processingJobName: 'prep' });
    assert.deepEqual(ok({ transformJobName: 'batch' }).target, { kind: 'transformJob', transformJobName: 'batch' });
    assert.deepEqual(ok({ tuningJobName: 'churn-xgb-tuning' }).target, { kind: 'tuningJob', tuningJobName: 'churn-xgb-tuning' });
    assert.deepEqual(ok({ endpointName: 'ep', variantName: 'Canary' }).target, { kind: 'endpoint', endpointName: 'ep', variantName: 'Canary' });
    const arn = 'arn:aws:sagemaker:us-east-1:123456789012:pipeline/churn-pipeline/execution/abc123';
    assert.deepEqual(ok({ pipelineExecutionArn: arn }).target, { kind: 'pipelineExecution', pipelineExecutionArn: arn });
    // A tree node: its target provider, or its tuning job / execution ARN.
    assert.deepEqual(ok({ metricsTarget: () => undefined, tailTarget: () => ({ kind: 'trainingJob', trainingJobName: 'bert' }) }).target, { kind: 'trainingJob', trainingJobName: 'bert' });
    assert.deepEqual(ok({ arn, metricsTarget: () => undefined, tailTarget: () => undefined }).target.kind, 'pipelineExecution');
    assert.equal(ok({ endpointName: 'ep', startTime: '2026-12-03T10:00:00Z' }).startTime, Date.parse('2026-12-03T10:00:00Z'));
  });

  it('refuses what is not a target, with the expected shape', () => {
    for (const [arg, message] of [
      [{}, /Expected \{ trainingJobName/],
      [{ query: 'fields @message' }, /Expected/],
      [{ logGroupName: 'g', logStreamName: 's' }, /not a single stream/],
      [{ tuningJobName: 'bad name!' }, /tuning job's name/],
      [{ pipelineExecutionArn: 'arn:nope' }, /pipeline execution's ARN/],
      [{ trainingJobName: 'bert', query: '' }, /"query" must be/],
      [{ trainingJobName: 'bert', startTime: 'noon' }, /"startTime" must be/],
      [{ trainingJobName: 'bert', startTime: 2000, endTime: 1000 }, /"endTime" must be after/],
    ] as const) {
      const p = parseQueryLogsArgs(arg);
      assert.ok(!p.ok, JSON.stringify(arg));
      assert.match(p.error, message);
    }
  });

  it('a job: its group and its streams by prefix (a host: that host\'s streams)', () => {
    const scope = jobsScope('bert', [{ kind: 'training', name: 'bert' }]);
    assert.deepEqual(scope.logGroups, ['/aws/sagemaker/TrainingJobs']);
    assert.equal(streamFilter(scope), 'filter @logStream like /^bert\\//');
    assert.equal(streamFilter(jobsScope('bert', [{ kind: 'training', name: 'bert' }], 'algo-2')), 'filter @logStream like /^bert\\/algo-2-/');
  });

  it('several jobs (a tuning job\'s children, an execution\'s steps): each group once, one alternation', () => {
    const scope = jobsScope('exec', [
      { kind: 'processing', name: 'prep' },
      { kind: 'training', name: 'train-1' },
      { kind: 'training', name: 'train-2' },
    ]);
    assert.deepEqual(scope.logGroups, ['/aws/sagemaker/ProcessingJobs', '/aws/sagemaker/TrainingJobs']);
    assert.equal(streamFilter(scope), 'filter @logStream like /^(prep\\/|train-1\\/|train-2\\/)/');
  });

  it('an endpoint: its own group; a variant or instance narrows the streams', () => {
    assert.deepEqual(endpointScope({ kind: 'endpoint', endpointName: 'ep' }), { label: 'ep', logGroups: ['/aws/sagemaker/Endpoints/ep'], streamPrefixes: [] });
    assert.equal(streamFilter(endpointScope({ kind: 'endpoint', endpointName: 'ep' })), undefined);
    assert.equal(streamFilter(endpointScope({ kind: 'endpoint', endpointName: 'ep', variantName: 'Canary' })), 'filter @logStream like /^Canary\\//');
    assert.equal(streamFilter(endpointScope({ kind: 'endpoint', endpointName: 'ep', variantName: 'A', instanceId: 'i-1' })), 'filter @logStream like /^A\\/i-1/');
  });

  it('an inference component: its own group, every copy\'s stream', () => {
    const parsed = parseQueryLogsArgs({ endpointName: 'llm', inferenceComponentName: 'llama' });
    assert.ok(parsed.ok && parsed.value.target.kind === 'inferenceComponent', JSON.stringify(parsed));
    assert.deepEqual(inferenceComponentScope({ kind: 'inferenceComponent', endpointName: 'llm', inferenceComponentName: 'llama' }), {
      label: 'llama (llm)',
      logGroups: ['/aws/sagemaker/InferenceComponents/llama'],
      streamPrefixes: [],
    });
  });

  it('escapes regex characters in names', () => {
    assert.equal(escapeRegex('a.b/c(d)+e*'), 'a\\.b\\/c\\(d\\)\\+e\\*');
  });

  it('puts the stream filter before the query, and writes the whole document', () => {
    const scope = jobsScope('bert', [{ kind: 'training', name: 'bert' }]);
    assert.equal(scopedQuery(scope, 'stats count(*) by bin(5m)'), 'filter @logStream like /^bert\\//\n| stats count(*) by bin(5m)');
    assert.equal(
      scopedDocument(scope, { kind: 'last', ms: 3_600_000, text: '1h' }),
      '# bert\n# logGroups: /aws/sagemaker/TrainingJobs\n# range: last 1h\nfilter @logStream like /^bert\\//\n| fields @timestamp, @logStream, @message\n| sort @timestamp desc\n| limit 1000\n',
    );
  });
});
