import * as assert from 'node:assert/strict';
import { endpointKinds, type VariantInfo } from '../../../src/shared/model';
import { describeMetricsTarget, isJobMetricsTarget, parseMetricsTarget, parseTailTarget, tailArgumentOf, targetResourceName } from '../../../src/shared/targets';
import { streamQuery } from '../../../src/logs/engine/events';

const variant = (extra: Partial<VariantInfo> = {}): VariantInfo => ({ name: 'AllTraffic', serverless: false, ...extra });

describe('shared: endpoint kinds and inference component targets (#18)', () => {
  it('tells each endpoint kind from its description; an unknown one is the generic real-time view', () => {
    assert.deepEqual([...endpointKinds({ variants: [variant({ modelName: 'm' })] })], ['realtime']);
    assert.deepEqual([...endpointKinds({ variants: [] })], ['realtime']);
    assert.deepEqual([...endpointKinds({ variants: [variant({ modelName: 'm' })], asyncInference: {} })], ['async']);
    assert.deepEqual([...endpointKinds({ variants: [variant({ serverless: true })] })], ['serverless']);
    assert.deepEqual([...endpointKinds({ variants: [variant({ inferenceComponents: true })] })], ['inferenceComponents']);
    assert.deepEqual([...endpointKinds({ variants: [variant({ modelName: 'm', multiModel: true })] })], ['multiModel']);
    // A variant whose model could not be read (multiModel undefined) is not called multi-model.
    assert.deepEqual([...endpointKinds({ variants: [variant({ modelName: 'm' })], asyncInference: { outputPath: 's3://b/o' } })], ['async']);
  });

  it('parses { endpointName, inferenceComponentName } for metrics and tails, and refuses half or mixed shapes', () => {
    const ic = { kind: 'inferenceComponent', endpointName: 'llm', inferenceComponentName: 'llama' } as const;
    assert.deepEqual(parseMetricsTarget({ endpointName: 'llm', inferenceComponentName: 'llama' }), { ok: true, value: ic });
    assert.deepEqual(parseTailTarget({ endpointName: 'llm', inferenceComponentName: 'llama', startTime: 1000 }), { ok: true, value: { ...ic, startTime: 1000 } });
    for (const bad of [{ inferenceComponentName: 'llama' }, { endpointName: 'llm', inferenceComponentName: '' }, { endpointName: 'llm', inferenceComponentName: 'llama', variantName: 'AllTraffic' }, { endpointName: 'llm', inferenceComponentName: 'bad name' }]) {
      const m = parseMetricsTarget(bad);
      const t = parseTailTarget(bad);
      assert.equal(m.ok, false, JSON.stringify(bad));
      assert.equal(t.ok, false, JSON.stringify(bad));
      assert.match((m as { error: string }).error, /Expected .*\{ endpointName, inferenceComponentName \}/);
    }
    assert.equal(describeMetricsTarget(ic), 'inference component llama (llm)');
    assert.equal(targetResourceName(ic), 'llama');
    assert.ok(!isJobMetricsTarget(ic));
    const tail = parseTailTarget(tailArgumentOf(ic));
    assert.deepEqual(tail, { ok: true, value: ic });
    // A tree node stands for its own target (with its `kind`).
    const node = { metricsTarget: () => ic, tailTarget: () => ic };
    assert.deepEqual(parseMetricsTarget(node), { ok: true, value: ic });
    assert.deepEqual(parseTailTarget(node), { ok: true, value: ic });
  });

  it('tails an inference component\'s own group and an async endpoint\'s data logs apart', () => {
    assert.deepEqual(streamQuery({ kind: 'inferenceComponent', endpointName: 'llm', inferenceComponentName: 'llama' }), { logGroupName: '/aws/sagemaker/InferenceComponents/llama', tagged: true });
    assert.deepEqual(parseTailTarget({ endpointName: 'a', dataLog: true }), { ok: true, value: { kind: 'endpoint', endpointName: 'a', dataLog: true } });
    assert.equal(parseTailTarget({ endpointName: 'a', dataLog: 'yes' }).ok, false);
    assert.deepEqual(streamQuery({ kind: 'endpoint', endpointName: 'a', variantName: 'AllTraffic', instanceId: 'i-1', dataLog: true }), {
      logGroupName: '/aws/sagemaker/Endpoints/a',
      logStreamName: 'AllTraffic/i-1/data-log',
      tagged: false,
    });
    assert.deepEqual(streamQuery({ kind: 'endpoint', endpointName: 'a', dataLog: false }), { logGroupName: '/aws/sagemaker/Endpoints/a', tagged: true, dataLog: false });
  });
});
