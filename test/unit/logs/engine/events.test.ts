import * as assert from 'node:assert/strict';
import { eventKey, inTarget, isSiblingStream, mergeByTimestamp, streamQuery, streamTag } from '../../../../src/logs/engine/events';
import type { LogEvent } from '../../../../src/shared/logs/source';

const ev = (logStreamName: string, timestamp: number, message = `m${timestamp}`): LogEvent => ({ logStreamName, timestamp, message });

describe('logs/engine/events: keys, merge, target → streams', () => {
  it('interleaves hosts by timestamp, keeping stream order on ties and each stream in order', () => {
    const a = [ev('j/algo-1-1', 1), ev('j/algo-1-1', 3), ev('j/algo-1-1', 3, 'second at 3')];
    const b = [ev('j/algo-2-1', 2), ev('j/algo-2-1', 3)];
    assert.deepEqual(
      mergeByTimestamp([a, b]).map((e) => `${streamTag(e.logStreamName)}@${e.timestamp}:${e.message}`),
      ['algo-1@1:m1', 'algo-2@2:m2', 'algo-1@3:m3', 'algo-1@3:second at 3', 'algo-2@3:m3'],
    );
    assert.deepEqual(mergeByTimestamp([[], []]), []);
  });

  it('merges any number of lists as a stable sort by time would', () => {
    let seed = 11;
    const next = (n: number) => Math.floor((seed = (seed * 1103515245 + 12345) % 2147483648) / (2147483648 / n));
    for (let round = 0; round < 300; round++) {
      const k = 1 + next(12);
      const lists = Array.from({ length: k }, (_, i) => {
        let t = next(50);
        // Runs of equal times, gaps, and empty lists.
        return Array.from({ length: next(40) }, (_, j) => ev(`j/algo-${i + 1}-1`, (t += next(3) === 0 ? 0 : next(20)), `${i}/${j}`));
      });
      const expected = lists.flatMap((l, i) => l.map((e, j) => ({ e, i, j }))).sort((a, b) => a.e.timestamp - b.e.timestamp || a.i - b.i || a.j - b.j).map((x) => x.e);
      assert.deepEqual(mergeByTimestamp(lists), expected, `round ${round}`);
    }
  });

  it('keys an event by its stream, time and message without keeping the message', () => {
    const long = 'x'.repeat(100_000);
    const keys = new Set([ev('s', 1, long), ev('s', 1, `${long}y`), ev('s', 1, long.replace(/^x/, 'y')), ev('t', 1, long)].map(eventKey));
    assert.equal(keys.size, 4);
    assert.equal(eventKey(ev('s', 1, long)), eventKey(ev('s', 1, long)));
    assert.equal(typeof eventKey(ev('s', 1, long)), 'number');
    assert.notEqual(eventKey(ev('ab', 1, 'c')), eventKey(ev('a', 1, 'bc')));
    assert.notEqual(eventKey(ev('s', 1, 'm')), eventKey(ev('s', 2 ** 32 + 1, 'm')));
  });

  it('maps every target to its log group and stream prefix', () => {
    assert.deepEqual(streamQuery({ kind: 'trainingJob', trainingJobName: 'job' }), { logGroupName: '/aws/sagemaker/TrainingJobs', prefix: 'job/', tagged: true });
    // algo-1- so that algo-10 does not match algo-1
    assert.deepEqual(streamQuery({ kind: 'trainingJob', trainingJobName: 'job', host: 'algo-1' }), { logGroupName: '/aws/sagemaker/TrainingJobs', prefix: 'job/algo-1-', tagged: false });
    assert.deepEqual(streamQuery({ kind: 'endpoint', endpointName: 'ep' }), { logGroupName: '/aws/sagemaker/Endpoints/ep', tagged: true });
    assert.deepEqual(streamQuery({ kind: 'endpoint', endpointName: 'ep', variantName: 'AllTraffic' }), { logGroupName: '/aws/sagemaker/Endpoints/ep', prefix: 'AllTraffic/', tagged: true });
    assert.deepEqual(streamQuery({ kind: 'endpoint', endpointName: 'ep', variantName: 'AllTraffic', instanceId: 'i-1' }), {
      logGroupName: '/aws/sagemaker/Endpoints/ep',
      logStreamName: 'AllTraffic/i-1',
      tagged: false,
    });
    assert.deepEqual(streamQuery({ kind: 'stream', logGroupName: 'g', logStreamName: 's' }), { logGroupName: 'g', logStreamName: 's', tagged: false });
  });

  it('maps processing and transform jobs to their groups; a transform instance\'s data log or model server by suffix', () => {
    assert.deepEqual(streamQuery({ kind: 'processingJob', processingJobName: 'prep' }), { logGroupName: '/aws/sagemaker/ProcessingJobs', prefix: 'prep/', tagged: true });
    assert.deepEqual(streamQuery({ kind: 'processingJob', processingJobName: 'prep', host: 'algo-2' }), { logGroupName: '/aws/sagemaker/ProcessingJobs', prefix: 'prep/algo-2-', tagged: false });
    assert.deepEqual(streamQuery({ kind: 'transformJob', transformJobName: 'score' }), { logGroupName: '/aws/sagemaker/TransformJobs', prefix: 'score/', tagged: true });
    const instanceBoth = streamQuery({ kind: 'transformJob', transformJobName: 'score', host: 'i-0a' });
    assert.deepEqual(instanceBoth, { logGroupName: '/aws/sagemaker/TransformJobs', prefix: 'score/i-0a-', tagged: true });
    const dataLog = streamQuery({ kind: 'transformJob', transformJobName: 'score', host: 'i-0a', dataLog: true });
    assert.deepEqual(dataLog, { logGroupName: '/aws/sagemaker/TransformJobs', prefix: 'score/i-0a-', tagged: false, dataLog: true });
    const server = streamQuery({ kind: 'transformJob', transformJobName: 'score', dataLog: false });
    assert.ok(inTarget(instanceBoth, 'score/i-0a-1700000000') && inTarget(instanceBoth, 'score/i-0a-1700000000/data-log') && !inTarget(instanceBoth, 'score/i-0b-1700000000'));
    assert.ok(inTarget(dataLog, 'score/i-0a-1700000000/data-log') && !inTarget(dataLog, 'score/i-0a-1700000000'));
    assert.ok(inTarget(server, 'score/i-0b-1700000000') && !inTarget(server, 'score/i-0b-1700000000/data-log') && !inTarget(server, 'score-2/i-0b-1700000000'));
    // What the prefix rightly selects but the suffix leaves out is no misbehaving service; another job's stream is.
    assert.ok(isSiblingStream(server, 'score/i-0b-1700000000/data-log') && !isSiblingStream(server, 'other/i-0b-1700000000') && !isSiblingStream(instanceBoth, 'score/x'));
  });

  it('tags training streams by host and endpoint streams by variant/instance', () => {
    assert.equal(streamTag('my-job/algo-12-1732449600'), 'algo-12');
    assert.equal(streamTag('AllTraffic/i-0123456789abcdef0'), 'AllTraffic/i-0123456789abcdef0');
    assert.equal(streamTag('prep/algo-2-1732449600'), 'algo-2');
    assert.equal(streamTag('score/i-0123456789abcdef0-1732449600'), 'i-0123456789abcdef0');
    assert.equal(streamTag('score/i-0123456789abcdef0-1732449600/data-log'), 'i-0123456789abcdef0/data-log');
  });
});
