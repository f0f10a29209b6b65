// What users would run instead of the extension, measured on the same simulator and data:
// - `aws logs tail` (Debian's AWS CLI v2): FilterLogEvents pages over a stream prefix, polling every 5 s with --follow;
// - a re-implementation of the SageMaker Python SDK's `logs_for_job` strategy (written here, not the SDK itself):
//   one GetLogEvents call per stream per round, streams one after another, a 10 s pause between rounds;
// - the bare bound: the same streams read with parallel GetLogEvents calls and nothing else.
import type { TailTap } from '../../src/shared/logCurves/feeds';
import { CloudWatchLogsClient, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listLogStreams } from '../../src/aws/logs/streams';
import type { TailSession } from '../../src/logs/tailSession';
import type { RequestBudget } from '../../src/logs/engine/budget';
import type { TailSpec } from '../../src/logs/engine/spec';
import type { LogSource } from '../../src/shared/logs/source';

export function logsClient(url: string): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 10, retryMode: 'adaptive' });
}

export async function streamsOf(client: CloudWatchLogsClient, group: string, prefix: string): Promise<string[]> {
  return (await listLogStreams(client, group, prefix)).map((s) => s.logStreamName);
}

/** Reads one stream from its head to its end (the end: the same forward token comes back). */
async function readStream(client: CloudWatchLogsClient, group: string, stream: string, onEvents: (n: number) => void): Promise<void> {
  let token: string | undefined;
  for (;;) {
    const page = await client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
    onEvents(page.events?.length ?? 0);
    if (page.nextForwardToken === token) {
      return;
    }
    token = page.nextForwardToken;
  }
}

export async function bareBound(url: string, group: string, streams: string[]): Promise<{ events: number; ms: number }> {
  const client = logsClient(url);
  let events = 0;
  const t = performance.now();
  await Promise.all(streams.map((s) => readStream(client, group, s, (n) => (events += n))));
  const ms = performance.now() - t;
  client.destroy();
  return { events, ms };
}

/** Backfill as logs_for_job does it: round-robin, one page per stream per round, sequentially. */
export async function logsForJobBackfill(url: string, group: string, prefix: string): Promise<{ events: number; ms: number }> {
  const client = logsClient(url);
  const t = performance.now();
  const streams = await streamsOf(client, group, prefix);
  const tokens = new Map<string, string | undefined>(streams.map((s) => [s, undefined]));
  const done = new Set<string>();
  let events = 0;
  while (done.size < streams.length) {
    for (const stream of streams) {
      if (done.has(stream)) {
        continue;
      }
      const token = tokens.get(stream);
      const page = await client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: token }));
      events += page.events?.length ?? 0;
      if (page.nextForwardToken === token) {
        done.add(stream);
      }
      tokens.set(stream, page.nextForwardToken);
    }
  }
  const ms = performance.now() - t;
  client.destroy();
  return { events, ms };
}

/** An output channel that keeps only what a VS Code output channel's extension-host side keeps: nothing but a count. */
export class CountingChannel {
  chars = 0;
  appends = 0;
  /** Called after each append with the text (for follow latency). */
  onAppend: ((text: string) => void) | undefined;
  append(text: string): void {
    this.chars += text.length;
    this.appends++;
    this.onAppend?.(text);
  }
  appendLine(text: string): void {
    this.append(`${text}\n`);
  }
  replace(text: string): void {
    this.chars += text.length;
    this.appends++;
    this.onAppend?.(text);
  }
  clear(): void {}
  show(): void {}
}

export interface ExtensionTail {
  readonly channel: CountingChannel;
  readonly session: TailSession;
  stop(): Promise<void>;
}

/**
 * The extension's own tail: src/logs/tailSession.ts (the engine of src/logs/engine/ over
 * src/aws/logs/source.ts) formatting each batch (in local time unless told, as `logs.timestamps` defaults to)
 * and appending it to a channel, as the extension does; only the channel is a stand-in. `budget` is shared when given, as TailManager shares one per account and region.
 * `wrapSource` may wrap the source (to count what it reads); by default the tail reads the SdkLogSource itself.
 */
export async function extensionTail(url: string, spec: TailSpec, budget: RequestBudget, timestamps: 'utc' | 'local' = 'local', wrapSource: (source: LogSource) => LogSource = (s) => s, tap?: TailTap): Promise<ExtensionTail> {
  const { TailSession } = await import('../../src/logs/tailSession');
  const { SdkLogSource } = await import('../../src/aws/logs/source');
  const { systemClock } = await import('../../src/logs/engine/budget');
  const { SageMakerClient } = await import('@aws-sdk/client-sagemaker');
  const { TAIL_LOGS_RETRY } = await import('../../src/aws/clients');
  // The client the extension's tails use (src/aws/clients.ts tailLogs).
  const client = new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, ...TAIL_LOGS_RETRY, disableHostPrefix: true });
  const sagemaker = new SageMakerClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } });
  const channel = new CountingChannel();
  const log = { error: (...a: unknown[]) => console.error(...a) };
  const session = new TailSession('SageMaker Logs: bench', 'bench', channel as never, spec, { timestamps, tagged: spec.query.tagged }, {
    source: async () => wrapSource(new SdkLogSource(client, sagemaker)),
    budget,
    clock: systemClock,
    onChange: () => undefined,
    log: log as never,
    ...(tap ? { tap } : {}),
  });
  return {
    channel,
    session,
    stop: async () => {
      session.stop();
      await session.done;
      client.destroy();
      sagemaker.destroy();
    },
  };
}

/**
 * P1 for the extension: a training job backfilled from its start (a fixed window) through extensionTail,
 * with the request budget the extension uses; timed until the last line is in the channel.
 */
/**
 * The extension's backfill of a job from a time. With `curves` (the job's MetricDefinitions), the tail also feeds
 * the job's from-logs curves, as a tail of a whole training job does in the extension (the same lines, one pass).
 * `cpuMs`: the CPU time of this process meanwhile (the simulator runs in its own), steadier than `ms` on a busy machine.
 */
export async function extensionBackfill(
  url: string,
  group: string,
  prefix: string,
  startTime: number,
  budget: { rate: number; burst: number },
  curves?: readonly { readonly name: string; readonly regex: string }[],
): Promise<{ events: number; ms: number; cpuMs: number; requests: number; appends: number; curves?: { lines: number; points: number; series: number; inFeedMs: number } }> {
  const { RequestBudget, systemClock } = await import('../../src/logs/engine/budget');
  const { JobCurveFeeds, curveParserOf } = await import('../../src/shared/logCurves/feeds');
  const job = prefix.replace(/\/$/, '');
  const feeds = curves ? new JobCurveFeeds(async () => curveParserOf(curves, undefined)) : undefined;
  // The time spent in the curves' tap (all of it parsing and keeping points, on this thread): the part of the overhead that is ours.
  let inFeedMs = 0;
  const timed = (tap: TailTap | undefined): TailTap | undefined =>
    tap && {
      update(u) {
        const at = performance.now();
        tap.update(u);
        inFeedMs += performance.now() - at;
      },
      detach: () => tap.detach(),
    };
  const t = performance.now();
  const cpu = process.cpuUsage();
  const tail = await extensionTail(
    url,
    { query: { logGroupName: group, prefix, tagged: true }, backfillLines: 0, startTime, endTime: Date.now() + 60_000, follow: false, pollIntervalMs: 1000 },
    new RequestBudget(budget.rate, budget.burst, systemClock),
    'local',
    (s) => s,
    timed(feeds?.attachTail(job, { startTime, backfillLines: 0, startedAt: Date.now() })),
  );
  const held = feeds?.acquire(job);
  await tail.session.done;
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  const fed = held ? { ...held.feed.counters, series: held.feed.snapshot().length, inFeedMs } : undefined;
  held?.release();
  const requests = Object.values(tail.session.requests).reduce((a, b) => a + b, 0);
  const events = tail.session.eventCount;
  const chars = tail.channel.chars;
  await tail.stop();
  return { events: chars > events ? events : 0, ms, cpuMs: (used.user + used.system) / 1000, requests, appends: tail.channel.appends, ...(fed ? { curves: fed } : {}) };
}

/** Debian's AWS CLI v2, if installed (it has `logs tail`). */
export function awsCli(): string | undefined {
  const r = spawnSync('/usr/bin/aws', ['--version'], { encoding: 'utf8' });
  return r.status === 0 && /^aws-cli\/2\./.test(r.stdout) ? '/usr/bin/aws' : undefined;
}

function cliEnv(home: string): NodeJS.ProcessEnv {
  writeFileSync(join(home, 'config'), '');
  writeFileSync(join(home, 'credentials'), '');
  return {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDBENCH',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
    PYTHONUNBUFFERED: '1',
  };
}

/** `aws logs tail GROUP --log-stream-name-prefix P --since S --format short`; returns the lines it printed. */
export async function awsLogsTailBackfill(cli: string, url: string, group: string, prefix: string, since: string): Promise<{ lines: number; ms: number }> {
  const home = mkdtempSync(join(tmpdir(), 'smm-bench-cli-'));
  try {
    const t = performance.now();
    const lines = await new Promise<number>((resolve, reject) => {
      const child = spawn(cli, ['logs', 'tail', group, '--log-stream-name-prefix', prefix, '--since', since, '--format', 'short', '--endpoint-url', url, '--no-cli-pager'], {
        env: cliEnv(home),
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let n = 0;
      let partial = '';
      let err = '';
      child.stdout.on('data', (d: Buffer) => {
        const text = partial + d.toString();
        const parts = text.split('\n');
        partial = parts.pop() ?? '';
        n += parts.length;
      });
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.once('exit', (code) => (code === 0 ? resolve(n + (partial ? 1 : 0)) : reject(new Error(`aws logs tail exited ${code}: ${err.slice(-500)}`))));
    });
    return { lines, ms: performance.now() - t };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Starts `aws logs tail --follow` for a prefix; stop() kills it. Counts printed lines. */
export function awsLogsTailFollow(cli: string, url: string, group: string, prefix: string): { lines: () => number; stop: () => void } {
  const home = mkdtempSync(join(tmpdir(), 'smm-bench-cli-'));
  const child = spawn(cli, ['logs', 'tail', group, '--log-stream-name-prefix', prefix, '--since', '1m', '--follow', '--format', 'short', '--endpoint-url', url, '--no-cli-pager'], {
    env: cliEnv(home),
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let n = 0;
  child.stdout.on('data', (d: Buffer) => (n += d.toString().split('\n').length - 1));
  return {
    lines: () => n,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/** Follows as logs_for_job does: every 10 s, DescribeLogStreams, then one GetLogEvents per stream. */
export function logsForJobFollow(url: string, group: string, prefix: string): { events: () => number; stop: () => void } {
  const client = logsClient(url);
  const tokens = new Map<string, string | undefined>();
  let events = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const round = async () => {
    for (const stream of await streamsOf(client, group, prefix)) {
      const page = await client.send(new GetLogEventsCommand({ logGroupName: group, logStreamName: stream, startFromHead: true, nextToken: tokens.get(stream), startTime: tokens.has(stream) ? undefined : Date.now() - 60_000 }));
      events += page.events?.length ?? 0;
      tokens.set(stream, page.nextForwardToken);
    }
    if (!stopped) {
      timer = setTimeout(() => void round(), 10_000);
    }
  };
  void round();
  return {
    events: () => events,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      client.destroy();
    },
  };
}
