import * as assert from 'node:assert/strict';
import { describeMetricsTarget, isJobMetricsTarget, metricsTargetLabel, parseMetricsTarget, parseTailTarget, tailArgumentOf, targetResourceName } from '../../../src/shared/targets';

describe('shared/targets: plain-object command arguments (DESIGN §2)', () => {
  it('parses metrics targets', () => {
    assert.deepEqual(parseMetricsTarget({ endpointName: 'ep1' }), { ok: true, value: { kind: 'endpoint', endpointName: 'ep1' } });
    assert.deepEqual(parseMetricsTarget({ endpointName: 'ep1', variantName: 'AllTraffic' }), {
      ok: true,
      value: { kind: 'endpoint', endpointName: 'ep1', variantName: 'AllTraffic' },
    });
    assert.deepEqual(parseMetricsTarget({ trainingJobName: 'job-1', host: 'algo-2' }), {
      ok: true,
      value: { kind: 'trainingJob', trainingJobName: 'job-1', host: 'algo-2' },
    });
  });

  it('parses processing and transform job metrics targets, and names every target alike', () => {
    assert.deepEqual(parseMetricsTarget({ processingJobName: 'prep', host: 'algo-2' }), { ok: true, value: { kind: 'processingJob', processingJobName: 'prep', host: 'algo-2' } });
    assert.deepEqual(parseMetricsTarget({ transformJobName: 'score', host: 'i-0abc' }), { ok: true, value: { kind: 'transformJob', transformJobName: 'score', host: 'i-0abc' } });
    for (const bad of [{ processingJobName: 'prep', host: 'i-0abc' }, { transformJobName: 'score', dataLog: true }, { processingJobName: 'prep', trainingJobName: 'job' }, { transformJobName: '' }]) {
      const r = parseMetricsTarget(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      assert.match((r as { error: string }).error, /Expected .*\{ processingJobName, host\? \}/);
    }
    const prep = { kind: 'processingJob', processingJobName: 'prep', host: 'algo-2' } as const;
    assert.equal(metricsTargetLabel(prep), 'prep/algo-2');
    assert.equal(describeMetricsTarget(prep), 'processing job prep/algo-2');
    assert.equal(describeMetricsTarget({ kind: 'endpoint', endpointName: 'ep', variantName: 'AllTraffic' }), 'endpoint ep/AllTraffic');
    assert.equal(describeMetricsTarget({ kind: 'transformJob', transformJobName: 'score' }), 'transform job score');
    assert.ok(isJobMetricsTarget(prep) && !isJobMetricsTarget({ kind: 'endpoint', endpointName: 'ep' }));
    // A panel's "logs around this point" tails the same target.
    for (const t of [prep, { kind: 'transformJob', transformJobName: 'score', host: 'i-0a' } as const, { kind: 'trainingJob', trainingJobName: 'job' } as const, { kind: 'endpoint', endpointName: 'ep' } as const]) {
      const tail = parseTailTarget(tailArgumentOf(t));
      assert.ok(tail.ok && tail.value.kind === t.kind && targetResourceName(tail.value) === targetResourceName(t), JSON.stringify(t));
    }
  });

  it('rejects bad metrics targets with a message that shows the expected shape', () => {
    for (const bad of [undefined, null, 'ep1', [], {}, { endpointName: '' }, { endpointName: 'ep1', trainingJobName: 'j' }, { trainingJobName: 'j', host: 'host-1' }, { endpointName: 'bad name' }, { endpointName: 42 }]) {
      const r = parseMetricsTarget(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) {
        assert.match(r.error, /Expected \{ endpointName/);
      }
    }
  });

  it('parses the three tail target shapes', () => {
    assert.deepEqual(parseTailTarget({ trainingJobName: 'job-1' }), { ok: true, value: { kind: 'trainingJob', trainingJobName: 'job-1' } });
    assert.deepEqual(parseTailTarget({ endpointName: 'ep1', variantName: 'AllTraffic', instanceId: 'i-0abc' }), {
      ok: true,
      value: { kind: 'endpoint', endpointName: 'ep1', variantName: 'AllTraffic', instanceId: 'i-0abc' },
    });
    assert.deepEqual(parseTailTarget({ logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: 'job-1/algo-1-1700000000' }), {
      ok: true,
      value: { kind: 'stream', logGroupName: '/aws/sagemaker/TrainingJobs', logStreamName: 'job-1/algo-1-1700000000' },
    });
  });

  it('parses processing and transform job tail targets, with a host or instance and the data-log choice', () => {
    assert.deepEqual(parseTailTarget({ processingJobName: 'prep' }), { ok: true, value: { kind: 'processingJob', processingJobName: 'prep' } });
    assert.deepEqual(parseTailTarget({ processingJobName: 'prep', host: 'algo-2', follow: false }), { ok: true, value: { kind: 'processingJob', processingJobName: 'prep', host: 'algo-2', follow: false } });
    assert.deepEqual(parseTailTarget({ transformJobName: 'score' }), { ok: true, value: { kind: 'transformJob', transformJobName: 'score' } });
    assert.deepEqual(parseTailTarget({ transformJobName: 'score', host: 'i-0abc', dataLog: true }), { ok: true, value: { kind: 'transformJob', transformJobName: 'score', host: 'i-0abc', dataLog: true } });
    const bad = [
      { processingJobName: 'prep', host: 'i-0abc' },
      { processingJobName: 'prep', dataLog: true },
      { transformJobName: 'score', host: 'i-0/x' },
      { transformJobName: 'score', dataLog: 'yes' },
      { transformJobName: 'score', processingJobName: 'prep' },
      { processingJobName: 'prep', trainingJobName: 'job' },
      { transformJobName: 'score', endpointName: 'ep' },
      { processingJobName: 'bad name' },
    ];
    for (const arg of bad) {
      const parsed = parseTailTarget(arg);
      assert.equal(parsed.ok, false, JSON.stringify(arg));
      assert.match((parsed as { error: string }).error, /Expected .*\{ processingJobName, host\? \}/);
    }
    assert.equal(targetResourceName({ kind: 'processingJob', processingJobName: 'prep', host: 'algo-1' }), 'prep');
    assert.equal(targetResourceName({ kind: 'transformJob', transformJobName: 'score' }), 'score');
  });

  it('rejects incomplete or mixed tail targets', () => {
    const bad = [{ logGroupName: 'g' }, { logStreamName: 's' }, { endpointName: 'ep1', instanceId: 'i-1' }, { trainingJobName: 'j', endpointName: 'e' }, { host: 'algo-1' }, 7];
    for (const arg of bad) {
      assert.equal(parseTailTarget(arg).ok, false, JSON.stringify(arg));
    }
  });

  it('accepts a start time, a fixed window and follow: false on any tail target', () => {
    const start = Date.UTC(2026, 10, 24, 11);
    assert.deepEqual(parseTailTarget({ trainingJobName: 'job-1', startTime: start, endTime: '2026-11-24T11:10:00Z', follow: false }), {
      ok: true,
      value: { kind: 'trainingJob', trainingJobName: 'job-1', startTime: start, endTime: start + 600_000, follow: false },
    });
    assert.deepEqual(parseTailTarget({ endpointName: 'ep1', startTime: new Date(start) }), { ok: true, value: { kind: 'endpoint', endpointName: 'ep1', startTime: start } });
    assert.deepEqual(parseTailTarget({ trainingJobName: 'job-1', filterPattern: '?Traceback ?Exception' }), {
      ok: true,
      value: { kind: 'trainingJob', trainingJobName: 'job-1', filterPattern: '?Traceback ?Exception' },
    });
    assert.deepEqual(parseTailTarget({ trainingJobName: 'job-1', excludePattern: ' GET /ping ' }), { ok: true, value: { kind: 'trainingJob', trainingJobName: 'job-1', excludePattern: 'GET /ping' } });
    assert.deepEqual(parseTailTarget({ endpointName: 'ep1', excludePattern: '' }), { ok: true, value: { kind: 'endpoint', endpointName: 'ep1', excludePattern: '' } });
    for (const bad of [{ trainingJobName: 'j', startTime: 'yesterday' }, { trainingJobName: 'j', startTime: 2, endTime: 1 }, { trainingJobName: 'j', follow: 'yes' }, { trainingJobName: 'j', endTime: -5 }, { trainingJobName: 'j', filterPattern: 3 }, { trainingJobName: 'j', excludePattern: 3 }]) {
      const r = parseTailTarget(bad);
      assert.equal(r.ok, false, JSON.stringify(bad));
      if (!r.ok) {
        assert.match(r.error, /Expected \{ trainingJobName/);
      }
    }
  });

  it('names the resource a target belongs to', () => {
    assert.equal(targetResourceName({ kind: 'trainingJob', trainingJobName: 'job-1', host: 'algo-1' }), 'job-1');
    assert.equal(targetResourceName({ kind: 'endpoint', endpointName: 'ep1' }), 'ep1');
  });
});
