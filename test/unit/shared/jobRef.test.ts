import * as assert from 'node:assert/strict';
import { jobArgument, jobKey, jobRefOfTarget, parseJobRef } from '../../../src/shared/jobRef';

describe('shared/jobRef: a job of any kind', () => {
  it('reads the job of a command argument, a host\'s or a tree node\'s; not an endpoint or a stream', () => {
    assert.deepEqual(parseJobRef({ trainingJobName: 'a' }), { kind: 'training', name: 'a' });
    assert.deepEqual(parseJobRef({ processingJobName: 'p', host: 'algo-2' }), { kind: 'processing', name: 'p' });
    assert.deepEqual(parseJobRef({ transformJobName: 't', host: 'i-0abc', dataLog: true }), { kind: 'transform', name: 't' });
    const node = { metricsTarget: () => undefined, tailTarget: () => ({ kind: 'processingJob', processingJobName: 'from-tree' }) };
    assert.deepEqual(parseJobRef(node), { kind: 'processing', name: 'from-tree' });
    for (const bad of [undefined, {}, { endpointName: 'e' }, { logGroupName: 'g', logStreamName: 's' }, { processingJobName: 'bad name' }, { processingJobName: 'p', transformJobName: 't' }]) {
      assert.equal(parseJobRef(bad), undefined, JSON.stringify(bad));
    }
    assert.equal(jobRefOfTarget({ kind: 'endpoint', endpointName: 'e' }), undefined);
  });

  it('gives the command argument back, and one key per kind and name', () => {
    assert.deepEqual(jobArgument({ kind: 'transform', name: 't' }), { transformJobName: 't' });
    assert.deepEqual(jobArgument({ kind: 'training', name: 't' }), { trainingJobName: 't' });
    assert.notEqual(jobKey({ kind: 'training', name: 'x' }), jobKey({ kind: 'processing', name: 'x' }));
  });
});
