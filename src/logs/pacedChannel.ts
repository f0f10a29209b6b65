/**
 * A tail's output channel, written no faster than the window shows it. VS Code keeps a channel's text in a file:
 * the extension host appends to it, and while the channel shows, the window reads each write back, puts it in the
 * channel's document, lays it out and colours it, and sends the change back to the extension hosts. For a backfill
 * that is most of the time the user waits (4 hosts × 50,000 lines: the extension host idle 70 % of it, the window
 * busy), and most of it went to lines that the channel's trim dropped again moments later.
 *
 * - While the window has not shown the previous write yet (the channel's document does not end with its last line;
 *   two seconds at most), what the tail writes waits, and goes out as one write when the window has; a trim (replace)
 *   meanwhile supersedes the waiting text, which the window then never sees. A channel out of sight is written at once.
 * - VS Code starts a channel's file afresh at 30 MB; its clears and replaces then address offsets that the new file
 *   does not have, and the window shows blank, stale or repeated lines. A channel that has written 20 MB therefore
 *   goes on, at its next clear or replace, as a new channel of the same name.
 */
import type * as vscode from 'vscode';

/** The part of a VS Code output channel this writes to. */
export type ChannelLike = Pick<vscode.OutputChannel, 'name' | 'append' | 'replace' | 'clear' | 'show' | 'hide' | 'dispose'>;

/** What the window shows of the channels. */
export interface ChannelView {
  /** The last line of a channel's document as the window shows it; undefined while the channel is out of sight. */
  shownLastLine(name: string): string | undefined;
  /** Fires when a channel's document changes, or what shows changes. */
  onDidChange(listener: () => void): { dispose(): void };
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const systemTimers: Timers = { set: (fn, ms) => setTimeout(fn, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** Longest wait for the window before writing anyway. */
export const SHOWN_WAIT_MS = 2000;
/** Bytes a channel's file may hold before its next clear or replace starts a new channel (VS Code rotates at 30 MB). */
export const CHANNEL_FILE_BYTES = 20 * 1024 * 1024;
/** Appends never take a file past this: the rest of the 30 MB is margin. */
const HARD_FILE_BYTES = 28 * 1024 * 1024;

/** The last line of a text (the one before a final newline). */
function lastLineOf(text: string): string {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  return text.slice(text.lastIndexOf('\n', end - 1) + 1, end);
}

export class PacedChannel {
  private channel: ChannelLike;
  /** What waits for the window: appends, or a replace and the appends after it. */
  private pending: { replace: boolean; parts: string[] } | undefined;
  /** The last line of the last write, until the window shows it. */
  private awaited: string | undefined;
  private timer: unknown;
  /** Bytes written to the current channel's file. */
  private written = 0;
  private readonly subscription: { dispose(): void };

  constructor(
    readonly name: string,
    private readonly create: () => ChannelLike,
    private readonly view: ChannelView,
    private readonly timers: Timers = systemTimers,
  ) {
    this.channel = create();
    this.subscription = view.onDidChange(() => this.viewChanged());
  }

  append(text: string): void {
    if (text === '') {
      return;
    }
    if (this.pending) {
      this.pending.parts.push(text);
    } else {
      this.pending = { replace: false, parts: [text] };
    }
    this.flush();
  }

  appendLine(text: string): void {
    this.append(`${text}\n`);
  }

  replace(text: string): void {
    this.pending = { replace: true, parts: [text] };
    this.flush();
  }

  clear(): void {
    this.pending = undefined;
    this.stopWaiting();
    if (this.written > CHANNEL_FILE_BYTES) {
      this.renew('');
    } else {
      this.channel.clear();
    }
  }

  show(preserveFocus?: boolean): void {
    this.channel.show(preserveFocus);
  }

  hide(): void {
    this.channel.hide();
  }

  dispose(): void {
    this.stopWaiting();
    this.pending = undefined;
    this.subscription.dispose();
    this.channel.dispose();
  }

  private flush(): void {
    if (!this.pending || this.awaited !== undefined) {
      return;
    }
    const { replace, parts } = this.pending;
    this.pending = undefined;
    const text = parts.length === 1 ? parts[0] : parts.join('');
    const bytes = Buffer.byteLength(text, 'utf8');
    if (replace && this.written + bytes > CHANNEL_FILE_BYTES) {
      this.renew(text);
    } else if (!replace && this.written + bytes > HARD_FILE_BYTES) {
      // Only text that is far from ASCII gets here (the tail trims at 8 M characters): the newest goes on alone.
      this.renew(text);
    } else {
      if (replace) {
        this.channel.replace(text);
      } else {
        this.channel.append(text);
      }
      this.written += bytes;
    }
    if (this.view.shownLastLine(this.name) !== undefined) {
      this.awaited = lastLineOf(text);
      this.timer = this.timers.set(() => {
        this.timer = undefined;
        this.awaited = undefined;
        this.flush();
      }, SHOWN_WAIT_MS);
    }
  }

  /** A new channel of the same name in place of this one (a new file), holding `text`, showing if this one was. */
  private renew(text: string): void {
    const shown = this.view.shownLastLine(this.name) !== undefined;
    this.channel.dispose();
    this.channel = this.create();
    if (text !== '') {
      this.channel.append(text);
    }
    this.written = Buffer.byteLength(text, 'utf8');
    if (shown) {
      this.channel.show(true);
    }
  }

  private viewChanged(): void {
    if (this.awaited === undefined) {
      return;
    }
    const last = this.view.shownLastLine(this.name);
    if (last === undefined || last.endsWith(this.awaited)) {
      this.stopWaiting();
      this.flush();
    }
  }

  private stopWaiting(): void {
    if (this.timer !== undefined) {
      this.timers.clear(this.timer);
      this.timer = undefined;
    }
    this.awaited = undefined;
  }
}
