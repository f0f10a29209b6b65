/** What a tail is asked to do (TailSpec) and what it reports (TailUpdate). */
import type { LogEvent } from '../../shared/logs/source';
import type { StreamQuery } from './events';

export interface TailSpec {
  readonly query: StreamQuery;
  /** Last N lines before following (ignored when `startTime` is set). */
  readonly backfillLines: number;
  readonly startTime?: number;
  /** With `endTime`, a fixed window: no follow. */
  readonly endTime?: number;
  readonly follow: boolean;
  readonly pollIntervalMs: number;
  /** Look for new streams (a restarted host, a new instance) this often. */
  readonly discoverIntervalMs?: number;
  /** Report status changes and end after the job ends. */
  readonly trainingJobName?: string;
  /** The same for a processing or transform job (its status only: they have no transitions). */
  readonly job?: { readonly kind: 'processing' | 'transform'; readonly name: string };
  readonly statusIntervalMs?: number;
  /** Follow with Live Tail when the source offers it, polling when it is refused. */
  readonly liveTail?: boolean;
  /** A CloudWatch filter pattern, applied by the service (FilterLogEvents when polling, Live Tail's own filter). */
  readonly filterPattern?: string;
  /** While nobody watches (`setWatched(false)`), Live Tail is stopped and the tail polls this often instead. */
  readonly unwatchedPollIntervalMs?: number;
  /** After a Live Tail session ended early, the first wait before a new one (doubling each time; default 15 s). */
  readonly liveRetryMs?: number;
  /**
   * Polling a prefix (several streams) without a filter pattern: one FilterLogEvents a round over all of them
   * (default), or one GetLogEvents per stream (false).
   */
  readonly mergedPolling?: boolean;
  /** Merged rounds from this many streams on (5: fewer streams cost less quota with a GetLogEvents each). */
  readonly mergedMinStreams?: number;
  /** A merged round reads from the oldest position among streams at most this far behind the newest line (60 s). */
  readonly mergedLookbackMs?: number;
  /** A merged round's GetLogEvents sweep: one stream from its position, round robin, this often (60 s). */
  readonly sweepIntervalMs?: number;
  /** Rounds of FilterLogEvents (merged, or filtered) this often while lines come and the channel is in sight (default 1.1 × `pollIntervalMs`: at 1 s, under 60 a minute). */
  readonly mergedMinIntervalMs?: number;
  /** Polling slows to this once nobody looks at the channel or no line came for a while (6 s). */
  readonly idlePollIntervalMs?: number;
}

export type TailUpdate =
  | { readonly kind: 'events'; readonly events: readonly LogEvent[] }
  | { readonly kind: 'status'; readonly text: string; readonly at: number }
  | { readonly kind: 'notice'; readonly text: string }
  | { readonly kind: 'backoff'; readonly backingOff: boolean }
  | { readonly kind: 'mode'; readonly mode: 'liveTail' | 'polling'; readonly sampled?: boolean }
  /** Polling slowed down (nobody looks, or no line came for a while) or back to full speed. */
  | { readonly kind: 'pace'; readonly idle: boolean; readonly intervalMs: number }
  /** The filter pattern changed while following; it applies to events from `from` on. */
  | { readonly kind: 'filter'; readonly filterPattern: string | undefined; readonly from: number }
  /** For the diagnostics channel, not the tail's own: the service misbehaved, and what the tail did about it. */
  | { readonly kind: 'diagnostic'; readonly text: string }
  | { readonly kind: 'ended'; readonly reason: string };
