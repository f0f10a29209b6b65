import * as assert from 'node:assert/strict';
import { CHANNEL_FILE_BYTES, PacedChannel, SHOWN_WAIT_MS, type ChannelLike, type ChannelView, type Timers } from '../../../src/logs/pacedChannel';

/** A VS Code output channel as its file and the window see it: what was written, and the document shown. */
class FakeChannel implements ChannelLike {
  readonly writes: string[] = [];
  text = '';
  disposed = false;
  shows = 0;
  constructor(readonly name: string) {}
  append(t: string): void {
    this.writes.push(`append ${t.length}`);
    this.text += t;
  }
  replace(t: string): void {
    this.writes.push(`replace ${t.length}`);
    this.text = t;
  }
  clear(): void {
    this.writes.push('clear');
    this.text = '';
  }
  show(): void {
    this.shows++;
  }
  hide(): void {}
  dispose(): void {
    this.disposed = true;
  }
}

/** The window: shows the current channel's text once `catchUp()` is called, or nothing while `shown` is false. */
class FakeWindow implements ChannelView {
  shown = true;
  channels: FakeChannel[] = [];
  private document = '';
  private listeners: (() => void)[] = [];
  shownLastLine(): string | undefined {
    if (!this.shown) {
      return undefined;
    }
    const lines = this.document.split('\n');
    return lines.at(-1) === '' && lines.length > 1 ? lines.at(-2) : lines.at(-1);
  }
  onDidChange(listener: () => void): { dispose(): void } {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  }
  /** The window reads what the channel's file holds now. */
  catchUp(): void {
    this.document = this.channels.at(-1)?.text ?? '';
    this.listeners.forEach((l) => l());
  }
}

/** Timers that fire only when the test says so. */
class ManualTimers implements Timers {
  private due: { fn: () => void; ms: number }[] = [];
  set(fn: () => void, ms: number): unknown {
    const t = { fn, ms };
    this.due.push(t);
    return t;
  }
  clear(handle: unknown): void {
    this.due = this.due.filter((t) => t !== handle);
  }
  fire(): void {
    const due = this.due;
    this.due = [];
    due.forEach((t) => t.fn());
  }
  get pending(): number[] {
    return this.due.map((t) => t.ms);
  }
}

function setup() {
  const window = new FakeWindow();
  const timers = new ManualTimers();
  const paced = new PacedChannel(
    'SageMaker Logs: job',
    () => {
      const c = new FakeChannel('SageMaker Logs: job');
      window.channels.push(c);
      return c;
    },
    window,
    timers,
  );
  return { window, timers, paced, channel: () => window.channels.at(-1) as FakeChannel };
}

describe('logs/pacedChannel: writes no faster than the window shows them', () => {
  it('writes at once while nothing waits, and waits for the window to show a write before the next', () => {
    const { window, paced, channel } = setup();
    paced.append('a 1\n');
    assert.deepEqual(channel().writes, ['append 4']);
    paced.append('b 2\n');
    paced.append('c 3\n');
    assert.deepEqual(channel().writes, ['append 4'], 'the window has not shown the first write');
    window.catchUp();
    assert.deepEqual(channel().writes, ['append 4', 'append 8'], 'what waited went out as one append');
    assert.equal(channel().text, 'a 1\nb 2\nc 3\n');
  });

  it('a replace supersedes the text waiting before it, and appends after it join it', () => {
    const { window, paced, channel } = setup();
    paced.append('old\n');
    paced.append('waiting 1\n');
    paced.replace('=== trimmed\nnewest\n');
    paced.append('after\n');
    window.catchUp();
    assert.deepEqual(channel().writes, ['append 4', 'replace 25']);
    assert.equal(channel().text, '=== trimmed\nnewest\nafter\n');
  });

  it('writes anyway when the window does not show a write in time, and at once while the channel is out of sight', () => {
    const { window, timers, paced, channel } = setup();
    paced.append('a\n');
    paced.append('b\n');
    assert.deepEqual(timers.pending, [SHOWN_WAIT_MS]);
    timers.fire();
    assert.deepEqual(channel().writes, ['append 2', 'append 2']);
    window.shown = false;
    timers.fire();
    paced.append('c\n');
    paced.append('d\n');
    assert.deepEqual(channel().writes, ['append 2', 'append 2', 'append 2', 'append 2']);
    assert.deepEqual(timers.pending, []);
  });

  it('clear drops what waits; a channel that wrote its file full goes on as a new channel, shown as the old one was', () => {
    const { window, paced, channel } = setup();
    paced.append('x\n');
    paced.append('dropped\n');
    paced.clear();
    window.catchUp();
    assert.deepEqual(channel().writes, ['append 2', 'clear']);
    const first = channel();
    const big = `${'y'.repeat(Math.floor(CHANNEL_FILE_BYTES / 3))}\n`;
    paced.append(big);
    window.catchUp();
    paced.replace(big);
    window.catchUp();
    assert.equal(window.channels.length, 1, 'still under the limit');
    paced.replace(big);
    assert.equal(window.channels.length, 2, 'a new channel');
    assert.ok(first.disposed);
    assert.deepEqual(channel().writes, [`append ${big.length}`]);
    assert.equal(channel().shows, 1);
    window.catchUp();
    paced.append(big);
    window.catchUp();
    paced.append(big);
    window.catchUp();
    assert.equal(window.channels.length, 2, 'appends stay in the channel');
    paced.clear();
    assert.equal(window.channels.length, 3, 'a clear past the limit starts a new channel too');
    assert.deepEqual(channel().writes, []);
  });
});
