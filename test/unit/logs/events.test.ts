import * as assert from 'node:assert/strict';
import { Deduper, eventKey, mergeByTimestamp, streamQuery, streamTag, type LogEvent } from '../../../src/shared/logs/events';

const ev = (logStreamName: string, timestamp: number, message = `m${timestamp}`): LogEvent => ({ logStreamName, timestamp, message });

describe('shared/logs/events: merge, dedupe, target → streams', () => {
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

  it('trusts a backfill without keying it, yet remembers its recent end for what follows', () => {
    const d = new Deduper(5000, 100_000);
    const hour = Array.from({ length: 3600 }, (_, i) => ev('s', i * 1000));
    d.trust(hour.slice(0, 1800));
    d.trust(hour.slice(1800));
    // A Live Tail session repeating the last seconds of the backfill: those are dropped, the new one is kept.
    assert.deepEqual(d.fresh([ev('s', 3_598_000), ev('s', 3_599_000), ev('s', 3_600_000)]).map((e) => e.timestamp), [3_600_000]);
    // Only the end within the horizon was keyed, not the hour.
    assert.ok(d.size <= 7, `size ${d.size}`);
  });

  it('delivers each event once across polls, modes and reconnects', () => {
    const d = new Deduper();
    assert.equal(d.fresh([ev('s', 1), ev('s', 2)]).length, 2);
    assert.deepEqual(d.fresh([ev('s', 2), ev('s', 3), ev('t', 2)]).map((e) => `${e.logStreamName}${e.timestamp}`), ['s3', 't2']);
    // Live Tail and FilterLogEvents give an eventId; the key does not depend on it.
    assert.equal(d.fresh([{ ...ev('s', 3), eventId: '123' }]).length, 0);
  });

  it('keeps identical lines of one millisecond (blank lines, a warning from every worker) and drops their repeats', () => {
    const d = new Deduper();
    const blank = () => ev('s', 5, '');
    // One poll with three blank lines at once: all three are lines of the job.
    assert.equal(d.fresh([ev('s', 4), blank(), blank(), blank(), ev('s', 6)]).length, 5);
    // A Live Tail update repeating two of them, then the whole poll again: nothing new.
    assert.equal(d.fresh([blank(), blank()]).length, 0);
    assert.equal(d.fresh([ev('s', 4), blank(), blank(), blank(), ev('s', 6)]).length, 0);
    // A fourth arrives with the repeats: that one passes.
    assert.equal(d.fresh([blank(), blank(), blank(), blank()]).length, 1);
    // The same counting for a trusted backfill.
    const t = new Deduper();
    t.trust([ev('s', 1, 'warn'), ev('s', 1, 'warn'), ev('t', 1, 'warn')]);
    assert.equal(t.fresh([ev('s', 1, 'warn'), ev('s', 1, 'warn'), ev('t', 1, 'warn')]).length, 0);
    assert.equal(t.fresh([ev('s', 1, 'warn'), ev('s', 1, 'warn'), ev('s', 1, 'warn')]).length, 1);
  });

  it('forgets events far behind the newest once it holds too many', () => {
    const d = new Deduper(1000, 10);
    d.fresh(Array.from({ length: 20 }, (_, i) => ev('s', i)));
    assert.ok(d.size <= 10, `size ${d.size}`);
    d.fresh([ev('s', 5000), ev('s', 5001)]);
    assert.ok(d.size <= 2, `size ${d.size}`);
  });

  it('stays within its cap when a busy tail delivers many events within the horizon, and still drops recent repeats', () => {
    const d = new Deduper(15 * 60_000, 1000);
    for (let batch = 0; batch < 50; batch++) {
      d.fresh(Array.from({ length: 100 }, (_, i) => ev('s', 1_000_000 + batch, `line ${batch}/${i}`)));
      assert.ok(d.size <= 1000, `size ${d.size} after batch ${batch}`);
    }
    // The last events delivered are remembered; the oldest were let go.
    assert.equal(d.fresh([ev('s', 1_000_049, 'line 49/99')]).length, 0);
    assert.equal(d.fresh([ev('s', 1_000_000, 'line 0/0')]).length, 1);
  });

  it('keys an event by its stream, time and message without keeping the message', () => {
    const d = new Deduper();
    const long = 'x'.repeat(100_000);
    assert.equal(d.fresh([ev('s', 1, long), ev('s', 1, `${long}y`), ev('s', 1, long.replace(/^x/, 'y'))]).length, 3);
    assert.equal(d.fresh([ev('s', 1, long), ev('t', 1, long)]).length, 1);
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

  it('tags training streams by host and endpoint streams by variant/instance', () => {
    assert.equal(streamTag('my-job/algo-12-1732449600'), 'algo-12');
    assert.equal(streamTag('AllTraffic/i-0123456789abcdef0'), 'AllTraffic/i-0123456789abcdef0');
  });
});
