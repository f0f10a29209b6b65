import * as assert from 'node:assert/strict';
import { TailSession } from '../../../src/logs/tailSession';
import { RequestBudget } from '../../../src/logs/engine/budget';
import type { GetEventsRequest, LogSource } from '../../../src/shared/logs/source';
import { FakeClock } from './engine/fakes';

/** A channel that keeps its text, as VS Code's does. */
class FakeChannel {
  text = '';
  replaced = 0;
  append(t: string): void {
    this.text += t;
  }
  replace(t: string): void {
    this.text = t;
    this.replaced++;
  }
  clear(): void {
    this.text = '';
  }
}

/** One stream of `lines` 100-character lines, 10,000 a page. */
function bigStream(lines: number): LogSource {
  return {
    listStreams: async () => [{ logStreamName: 'job/algo-1-1' }],
    getEvents: async (r: GetEventsRequest) => {
      const from = r.nextToken ? Number(r.nextToken) : 0;
      const to = Math.min(lines, from + 10_000);
      const events = Array.from({ length: to - from }, (_, i) => ({ logStreamName: r.logStreamName, timestamp: 1_000 + from + i, message: `line ${String(from + i).padStart(8, '0')} ${'x'.repeat(81)}` }));
      return { events, nextForwardToken: String(to) };
    },
    trainingJob: async () => ({ status: 'InProgress', transitions: [] }),
    filterEvents: async () => ({ events: [] }),
    classify: () => 'other',
  };
}

describe('logs/tailSession: what a channel holds', () => {
  it('keeps a channel under its limit by trimming the oldest lines, saying so, and keeps the newest whole', async function () {
    this.timeout(20_000); // a large transcript; slow only on a loaded machine
    const clock = new FakeClock();
    const channel = new FakeChannel();
    const lines = 250_000; // 25 MB of text
    const session = new TailSession(
      'SageMaker Logs: job',
      'job',
      channel as never,
      { query: { logGroupName: 'g', logStreamName: 'job/algo-1-1', tagged: false }, backfillLines: 0, startTime: 0, endTime: 10_000_000, follow: false, pollIntervalMs: 1000 },
      { timestamps: 'none', tagged: false },
      { source: async () => bigStream(lines), budget: new RequestBudget(1000, 1000, clock), clock, onChange: () => undefined, log: { error: () => undefined } as never, keepTranscript: true },
    );
    await session.done;
    assert.equal(session.eventCount, lines);
    assert.ok(channel.replaced > 0, 'trimmed');
    assert.ok(channel.text.length <= 8 * 1024 * 1024, `${channel.text.length} characters`);
    const shown = channel.text.split('\n').filter((l) => l.startsWith('line '));
    // The newest lines, in order, none cut in half.
    assert.equal(shown.at(-1), `line ${String(lines - 1).padStart(8, '0')} ${'x'.repeat(81)}`);
    assert.ok(shown.every((l, i) => l.length === 95 && (i === 0 || Number(l.slice(5, 13)) === Number(shown[i - 1].slice(5, 13)) + 1)));
    assert.match(channel.text, /Older lines were trimmed from this channel/);
    assert.match(channel.text, /Tail ended: window read\.\n$/);
    // What tests read is the channel's last few MB.
    assert.ok(channel.text.endsWith(session.text) && session.text.length > 1_000_000);
  });
});
