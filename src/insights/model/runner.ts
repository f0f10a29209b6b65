/**
 * One Logs Insights query from start to end: StartQuery, GetQueryResults on the back-off schedule (each
 * answer handed on, so partial results show while the query runs), and StopQuery when the caller gives up
 * (the view closed, a new run replaced it). A full account (LimitExceededException) is asked about: wait
 * for a free slot, or give up.
 */
import { TERMINAL_STATUSES, type QueryResult } from '../../shared/insights/results';
import { LIMIT_RETRY_MS, pollDelay } from './polling';

export interface QueryRequest {
  readonly logGroupNames: readonly string[];
  readonly queryString: string;
  /** epoch ms */
  readonly startTime: number;
  readonly endTime: number;
  readonly limit?: number;
}

/** The service calls, injected (the SDK in the extension, fakes in unit tests). */
export interface InsightsCalls {
  start(request: QueryRequest, signal: AbortSignal): Promise<string>;
  results(queryId: string, signal: AbortSignal): Promise<QueryResult>;
  stop(queryId: string): Promise<unknown>;
}

export interface RunHooks {
  /** Each GetQueryResults answer, the last one included. */
  onResults?(result: QueryResult, queryId: string): void;
  onStarted?(queryId: string): void;
  /** The account runs as many queries as it may: resolve true to wait for a slot, false to give up. */
  onLimitExceeded?(error: unknown): Promise<boolean>;
  /** Called while waiting for a free slot. */
  onWaiting?(): void;
  sleep?(ms: number, signal: AbortSignal): Promise<void>;
  /** The first GetQueryResults without the first poll's wait (a query started long ago). */
  readonly readAtOnce?: boolean;
}

export class QueryLimitError extends Error {
  constructor(override readonly cause: unknown) {
    super('CloudWatch Logs is already running as many Logs Insights queries as this account may (concurrent query quota). Wait for one to end, or stop one.');
    this.name = 'QueryLimitError';
  }
}

export function isLimitExceeded(error: unknown): boolean {
  return error instanceof Error && error.name === 'LimitExceededException';
}

function abortError(): Error {
  return Object.assign(new Error('The query was stopped.'), { name: 'AbortError' });
}

export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function startWithSlot(calls: InsightsCalls, request: QueryRequest, signal: AbortSignal, hooks: RunHooks): Promise<string> {
  const wait = hooks.sleep ?? sleep;
  let asked = false;
  for (;;) {
    try {
      return await calls.start(request, signal);
    } catch (error) {
      if (!isLimitExceeded(error) || signal.aborted) {
        throw error;
      }
      if (!asked) {
        asked = true;
        if (!(await hooks.onLimitExceeded?.(error))) {
          throw new QueryLimitError(error);
        }
      }
      hooks.onWaiting?.();
      await wait(LIMIT_RETRY_MS, signal);
    }
  }
}

/** Runs a query to its end; rejects with an AbortError (after StopQuery) when `signal` aborts. */
export async function runQuery(calls: InsightsCalls, request: QueryRequest, signal: AbortSignal, hooks: RunHooks = {}): Promise<QueryResult> {
  const queryId = await startWithSlot(calls, request, signal, hooks);
  hooks.onStarted?.(queryId);
  return followQuery(calls, queryId, signal, hooks);
}

/**
 * Reads a started query's results until it ends (a restored view reads its query again this way: one
 * GetQueryResults when it has ended); StopQuery when `signal` aborts before.
 */
export async function followQuery(calls: InsightsCalls, queryId: string, signal: AbortSignal, hooks: RunHooks = {}): Promise<QueryResult> {
  const wait = hooks.sleep ?? sleep;
  let finished = false;
  const stop = () => {
    if (!finished) {
      finished = true;
      void calls.stop(queryId).catch(() => undefined);
    }
  };
  signal.addEventListener('abort', stop, { once: true });
  try {
    for (let attempt = 0; ; attempt++) {
      if (attempt > 0 || !hooks.readAtOnce) {
        await wait(pollDelay(attempt), signal);
      }
      const result = await calls.results(queryId, signal);
      if (signal.aborted) {
        throw abortError();
      }
      hooks.onResults?.(result, queryId);
      if (TERMINAL_STATUSES.has(result.status)) {
        finished = true;
        return result;
      }
    }
  } catch (error) {
    if (signal.aborted) {
      stop();
      throw abortError();
    }
    stop();
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
}
