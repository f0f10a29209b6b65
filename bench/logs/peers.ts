// What users would run instead of the extension, measured on the same simulator and data:
// - `aws logs tail` (Debian's AWS CLI v2): FilterLogEvents pages over a stream prefix, polling every 5 s with --follow;
// - a re-implementation of the SageMaker Python SDK's `logs_for_job` strategy (written here, not the SDK itself):
//   one GetLogEvents call per stream per round, streams one after another, a 10 s pause between rounds;
// - the bare bound: the same streams read with parallel GetLogEvents calls and nothing else.
import { CloudWatchLogsClient, DescribeLogStreamsCommand, GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function logsClient(url: string): CloudWatchLogsClient {
  return new CloudWatchLogsClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' }, maxAttempts: 10, retryMode: 'adaptive' });
}

export async function streamsOf(client: CloudWatchLogsClient, group: string, prefix: string): Promise<string[]> {
  const names: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await client.send(new DescribeLogStreamsCommand({ logGroupName: group, logStreamNamePrefix: prefix, nextToken }));
    names.push(...(page.logStreams ?? []).map((s) => s.logStreamName!));
    nextToken = page.nextToken;
  } while (nextToken);
  return names;
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

/**
 * The extension's own engine (src/shared/logs/engine.ts over src/aws/logs/source.ts) backfilling a job from its
 * start with the request budget the extension uses, formatted into channel text exactly as the channel gets it.
 */
export async function extensionBackfill(url: string, group: string, prefix: string, startTime: number, budget: { rate: number; burst: number }): Promise<{ events: number; ms: number; requests: number }> {
  const { PollingTail } = await import('../../src/shared/logs/engine');
  const { SdkLogSource } = await import('../../src/aws/logs/source');
  const { RequestBudget, systemClock } = await import('../../src/shared/logs/budget');
  const { formatBatch } = await import('../../src/shared/logs/format');
  const { streamTag } = await import('../../src/shared/logs/events');
  const { SageMakerClient } = await import('@aws-sdk/client-sagemaker');
  const client = logsClient(url);
  const sagemaker = new SageMakerClient({ endpoint: url, region: 'us-east-1', credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench' } });
  const tail = new PollingTail(
    new SdkLogSource(client, sagemaker),
    { query: { logGroupName: group, prefix, tagged: true }, backfillLines: 0, startTime, endTime: Date.now() + 60_000, follow: false, pollIntervalMs: 1000 },
    new RequestBudget(budget.rate, budget.burst, systemClock),
    systemClock,
  );
  let events = 0;
  let chars = 0;
  const t = performance.now();
  for await (const update of tail.run(new AbortController().signal)) {
    if (update.kind === 'events') {
      events += update.events.length;
      chars += formatBatch(update.events, { timestamps: 'utc', tag: streamTag }).length;
    }
  }
  const ms = performance.now() - t;
  client.destroy();
  sagemaker.destroy();
  const requests = Object.values(tail.requests).reduce((a, b) => a + b, 0);
  return { events: chars > 0 ? events : 0, ms, requests };
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
