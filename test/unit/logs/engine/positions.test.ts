import * as assert from 'node:assert/strict';
import { inTarget, streamQuery } from '../../../../src/logs/engine/events';
import type { LogEvent } from '../../../../src/shared/logs/source';
import { Positions, sameLogGroup } from '../../../../src/logs/engine/positions';

const ev = (logStreamName: string, timestamp: number, message = `m${timestamp}`, extra: Partial<LogEvent> = {}): LogEvent => ({ logStreamName, timestamp, message, ...extra });
const texts = (events: readonly LogEvent[]) => events.map((e) => `${e.logStreamName}@${e.timestamp}:${e.message}`);

describe('logs/engine/positions: where the channel is complete in each stream', () => {
  const job = streamQuery({ kind: 'trainingJob', trainingJobName: 'job' });

  it('passes a first read whole, without a copy, and drops what a later read repeats', () => {
    const p = new Positions(job);
    const page = [ev('job/algo-1-1', 1), ev('job/algo-1-1', 2), ev('job/algo-1-1', 3)];
    assert.equal(p.admitStream('job/algo-1-1', page), page);
    // A re-sent page (a token that did not move, a catch-up read after Live Tail) and one new line.
    assert.deepEqual(texts(p.admitStream('job/algo-1-1', [...page, ev('job/algo-1-1', 4)])), ['job/algo-1-1@4:m4']);
    assert.equal(p.repeats, 3);
    assert.equal(p.get('job/algo-1-1').lastTs, 4);
  });

  it('counts identical lines of one millisecond: repeats go, further copies pass', () => {
    const p = new Positions(job);
    const s = 'job/algo-1-1';
    const blank = () => ev(s, 5, '');
    assert.equal(p.admitStream(s, [ev(s, 4), blank(), blank(), blank()]).length, 4);
    // Live Tail re-sends two of them, then a poll re-reads all three: nothing new.
    assert.equal(p.admitStream(s, [blank(), blank()]).length, 0);
    assert.equal(p.admitStream(s, [ev(s, 4), blank(), blank(), blank()]).length, 0);
    // A read that re-sends the three and brings a fourth copy: that one passes.
    assert.equal(p.admitStream(s, [blank(), blank(), blank(), blank()]).length, 1);
    // Another line in the same millisecond, then a later one.
    assert.deepEqual(texts(p.admitStream(s, [blank(), ev(s, 5, 'x'), ev(s, 6)])), [`${s}@5:x`, `${s}@6:m6`]);
  });

  it('an event re-sent within one read (same eventId) is not counted: a later distinct identical line passes', () => {
    const p = new Positions(job);
    const s = 'job/algo-1-1';
    const blank = (id: string) => ev(s, 5, '', { eventId: id });
    // One read whose page was sent twice: the blank line of id a shows once and counts once.
    assert.equal(p.admitStream(s, [ev(s, 4, 'm4', { eventId: 'x' }), blank('a'), blank('a')]).length, 2);
    // A second blank line written in the same millisecond (id b): a new line, not a repeat.
    assert.equal(p.admitStream(s, [blank('a'), blank('b')]).length, 1);
  });

  it('keeps streams apart: one stream position never hides another stream line', () => {
    const p = new Positions(job);
    p.admitStream('job/algo-1-1', [ev('job/algo-1-1', 100)]);
    assert.equal(p.admitStream('job/algo-2-1', [ev('job/algo-2-1', 50)]).length, 1);
  });

  it('drops events of another group or outside the prefix, and counts them', () => {
    const endpoint = streamQuery({ kind: 'endpoint', endpointName: 'ep', variantName: 'AllTraffic' });
    const p = new Positions(endpoint);
    const group = '/aws/sagemaker/Endpoints/ep';
    const lists = p.admitMixed([
      ev('AllTraffic/i-1', 1, 'ours', { logGroupIdentifier: `arn:aws:logs:us-east-1:123456789012:log-group:${group}` }),
      ev('AllTraffic/i-1', 2, 'theirs', { logGroupIdentifier: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/sagemaker/Endpoints/other' }),
      ev('Shadow/i-9', 3, 'other variant', { logGroupIdentifier: group }),
      ev('AllTraffic/i-2', 4, 'ours too'),
    ]);
    assert.deepEqual(lists.flat().map((e) => e.message).sort(), ['ours', 'ours too']);
    assert.equal(p.foreign, 2);
    assert.ok(sameLogGroup(`arn:aws:logs:eu-west-1:1:log-group:${group}:*`, group));
    assert.ok(!sameLogGroup(`arn:aws:logs:eu-west-1:1:log-group:${group}-2`, group));
    assert.ok(inTarget(job, 'job/algo-1-1') && !inTarget(job, 'job-2/algo-1-1'));
  });

  it('drops the data log of a transform instance when tailing its model server, without counting it foreign', () => {
    const p = new Positions(streamQuery({ kind: 'transformJob', transformJobName: 'score', host: 'i-0a', dataLog: false }));
    const lists = p.admitMixed([ev('score/i-0a-1700000000', 1, 'POST /invocations'), ev('score/i-0a-1700000000/data-log', 2, 'part-00000.csv: Completed'), ev('other/i-0a-1700000000', 3, 'not ours')]);
    assert.deepEqual(lists.flat().map((e) => e.message), ['POST /invocations']);
    assert.equal(p.foreign, 1);
  });

  it('sorts each stream of a mixed read by time, and a moved position loses its token', () => {
    const p = new Positions(job);
    p.get('job/algo-1-1').token = 'f/1';
    p.get('job/algo-2-1').token = 'f/2';
    const lists = p.admitMixed([ev('job/algo-1-1', 3), ev('job/algo-1-1', 2)]);
    assert.deepEqual(lists.map((l) => l.map((e) => e.timestamp)), [[2, 3]]);
    assert.equal(p.get('job/algo-1-1').token, undefined);
    assert.equal(p.get('job/algo-2-1').token, 'f/2');
  });

  it('drops a repeated eventId even where the positions would not', () => {
    const p = new Positions(job);
    assert.equal(p.admitMixed([ev('job/algo-1-1', 1, 'a', { eventId: 'e1' })]).flat().length, 1);
    // Same id, another stream (a service bug): still shown once.
    assert.equal(p.admitMixed([ev('job/algo-2-1', 1, 'a', { eventId: 'e1' })]).flat().length, 0);
  });

  it('a raised floor hides what is older than it, in every stream, and lines at it pass', () => {
    const p = new Positions(job);
    p.admitStream('job/algo-1-1', [ev('job/algo-1-1', 10)]);
    p.get('job/algo-2-1');
    p.raiseTo(20);
    assert.deepEqual(texts(p.admitStream('job/algo-2-1', [ev('job/algo-2-1', 15), ev('job/algo-2-1', 20)])), ['job/algo-2-1@20:m20']);
    assert.deepEqual(texts(p.admitStream('job/algo-1-1', [ev('job/algo-1-1', 12), ev('job/algo-1-1', 21)])), ['job/algo-1-1@21:m21']);
  });
});
