import * as assert from 'node:assert/strict';
import { algoHostsOf, transformInstancesOf } from '../../../src/shared/jobHosts';
import { jobStreamPrefix, parseProcessingStream, parseTransformStream } from '../../../src/shared/names';

describe('shared/jobHosts and names: a job\'s hosts from its log streams', () => {
  it('parses processing streams like training streams, and transform streams with their data log', () => {
    assert.deepEqual(parseProcessingStream('churn-features-live/algo-2-1700000000'), { trainingJobName: 'churn-features-live', host: 'algo-2', instanceNumber: 2, startedAt: 1700000000 });
    assert.deepEqual(parseTransformStream('churn-batch-scoring/i-0abc123def4567890-1700000000'), {
      transformJobName: 'churn-batch-scoring',
      instanceId: 'i-0abc123def4567890',
      startedAt: 1700000000,
      dataLog: false,
    });
    assert.deepEqual(parseTransformStream('churn-batch-scoring/i-0abc123def4567890-1700000000/data-log'), {
      transformJobName: 'churn-batch-scoring',
      instanceId: 'i-0abc123def4567890',
      startedAt: 1700000000,
      dataLog: true,
    });
    for (const bad of ['churn-batch-scoring/i-0abc', 'churn-batch-scoring/i-0abc-1700000000/other', '/i-0abc-1700000000', 'job/i-0abc-17']) {
      assert.equal(parseTransformStream(bad), undefined, bad);
    }
    assert.equal(jobStreamPrefix('job'), 'job/');
    assert.equal(jobStreamPrefix('job', 'i-0abc'), 'job/i-0abc-');
  });

  it('lists algo-1 … algo-N, those not logging yet too, with restarts oldest first; other jobs\' streams are left out', () => {
    const hosts = algoHostsOf(
      [
        { logStreamName: 'job/algo-1-1700000300', lastEventTimestamp: 5 },
        { logStreamName: 'job/algo-1-1700000000' },
        { logStreamName: 'job-2/algo-1-1700000000' },
        { logStreamName: 'job/algo-3-1700000000' },
      ],
      'job',
      2,
    );
    assert.deepEqual(
      hosts.map((h) => [h.host, h.streams.map((s) => s.logStreamName)]),
      [
        ['algo-1', ['job/algo-1-1700000000', 'job/algo-1-1700000300']],
        ['algo-2', []],
        ['algo-3', ['job/algo-3-1700000000']],
      ],
    );
    assert.equal(hosts[0].streams[1].lastEventAt, 5);
  });

  it('groups a transform job\'s streams by instance, model server and data log apart', () => {
    const instances = transformInstancesOf(
      [
        { logStreamName: 'job/i-0b-1700000000/data-log' },
        { logStreamName: 'job/i-0b-1700000000' },
        { logStreamName: 'job/i-0a-1700000000' },
        { logStreamName: 'job-live/i-0c-1700000000' },
      ],
      'job',
    );
    assert.deepEqual(
      instances.map((i) => [i.instanceId, i.streams.map((s) => s.logStreamName), i.dataLogStreams.map((s) => s.logStreamName)]),
      [
        ['i-0a', ['job/i-0a-1700000000'], []],
        ['i-0b', ['job/i-0b-1700000000'], ['job/i-0b-1700000000/data-log']],
      ],
    );
  });
});
