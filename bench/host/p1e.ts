// P1 end to end, inside the real extension host: from executing `sagemakerMonitor.tailLogs` (the large scenario's
// 4-host job from its start, no follow) until the channel's document holds the job's last line: the workbench read
// the channel's file, put the text in the channel's document and sent the change back to the extension host.
// Beside it, in the same host, on the same simulator:
// - the floor: bare parallel GetLogEvents of the same streams with the tail client's settings, each page's text
//   formatted beforehand and appended to a shown output channel of the same language as the page arrives, until
//   that channel's document holds the last line (all 26 MB of it: more than the tail's channel keeps);
// - the tight floor: the same reads, then only the newest 8 MiB of that text (what the tail's channel keeps at most)
//   in one append, until the document holds the last line;
// - `aws logs tail` from the job's start.
import { CloudWatchLogsClient, GetLogEventsCommand, type OutputLogEvent } from '@aws-sdk/client-cloudwatch-logs';
import { DescribeTrainingJobCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { fromNodeProviderChain } from '@aws-sdk/credential-providers';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { TAIL_LOGS_RETRY } from '../../src/aws/clients';
import type { SageMakerMonitorApi } from '../../src/extension';
import type { TailInfo } from '../../src/logs/tailSession';
import { logChannelName } from '../../src/shared/ids';
import { streamTag } from '../../src/logs/engine/events';
import { formatBatch, type TimestampStyle } from '../../src/logs/engine/format';
import { awsCli, awsLogsTailBackfill, streamsOf } from '../logs/peers';
import { afterwards, channelDocument, newSpans, profiled, quietWorkbench, recordChannels, recorder, until, whenDocumentEndsWith, type ChannelSpans } from './channelWatch';

const JOB = 'bench-logs-job';
const GROUP = '/aws/sagemaker/TrainingJobs';
const LANGUAGE = 'sagemaker-log';
/** What a tail's channel holds at most (src/logs/tailSession.ts CHANNEL_LIMIT). */
const CHANNEL_CHARS = 8 * 1024 * 1024;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

interface Run {
  ms: number;
  /** From the start to the last append (or replace) the channel was given. */
  lastAppendMs: number;
  /** Extension host CPU time (user + system) during the run. */
  cpuMs: number;
  /** How long the workbench took to be quiet before the run. */
  settleMs: number;
  linesAfter: number;
  repeatedAfter: number;
  spans: ChannelSpans;
  requests: number;
}

/** The job's pages as the floors read them: every stream from `startTime`, in parallel; `onPage` per page. */
async function readAll(client: CloudWatchLogsClient, streams: string[], startTime: number, onPage: (stream: number, page: number, events: OutputLogEvent[]) => void): Promise<number> {
  let requests = 0;
  await Promise.all(
    streams.map(async (logStreamName, s) => {
      let token: string | undefined;
      for (let page = 0; ; page++) {
        const out = await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, startFromHead: true, startTime, ...(token ? { nextToken: token } : {}) }));
        requests++;
        onPage(s, page, out.events ?? []);
        if (!out.nextForwardToken || out.nextForwardToken === token) {
          return;
        }
        token = out.nextForwardToken;
      }
    }),
  );
  return requests;
}

const lastLineOf = (text: string) => text.slice(text.lastIndexOf('\n', text.length - 2) + 1, -1);

export interface P1eOptions {
  readonly simUrl: string;
  readonly runs: number;
  readonly cliRuns: number;
  /** A folder: CPU profiles of one more run of each (p1e-extension/floor.cpuprofile, and *.renderer.cpuprofile). */
  readonly profileDir?: string;
}

export async function endToEndBackfill(api: SageMakerMonitorApi, o: P1eOptions): Promise<Record<string, unknown>> {
  const credentials = fromNodeProviderChain();
  // The settings of the extension's tail client (src/aws/clients.ts, tailLogs) for an endpoint URL.
  const client = new CloudWatchLogsClient({ region: 'us-east-1', endpoint: o.simUrl, credentials, ...TAIL_LOGS_RETRY, disableHostPrefix: true });
  const sagemaker = new SageMakerClient({ region: 'us-east-1', endpoint: o.simUrl, credentials });
  const restore = recordChannels();
  try {
    const job = await sagemaker.send(new DescribeTrainingJobCommand({ TrainingJobName: JOB }));
    const jobStart = (job.TrainingStartTime ?? job.CreationTime)!.getTime();
    const streams = await streamsOf(client, GROUP, `${JOB}/`);
    // The job's last line: the newest of the streams' last events.
    const lasts = await Promise.all(streams.map(async (logStreamName) => (await client.send(new GetLogEventsCommand({ logGroupName: GROUP, logStreamName, startFromHead: false, limit: 1 }))).events?.[0]));
    const lastMessage = lasts.reduce((a, b) => ((b?.timestamp ?? 0) > (a?.timestamp ?? 0) ? b : a))?.message ?? '';
    const timestamps = vscode.workspace.getConfiguration('sagemakerMonitor').get<TimestampStyle>('logs.timestamps', 'local');
    const channelName = logChannelName(JOB);
    const info = () => api.logTails().find((t) => t.channelName === channelName);

    // ── the extension. Its first run makes the job's channel (as in a new window); before each later run a window
    // without lines empties the channel, so that its document does not hold the last line already.
    const extensionRun = async (profile?: string): Promise<Run & { events: number; state: string }> => {
      if (info()) {
        await vscode.commands.executeCommand<TailInfo>('sagemakerMonitor.tailLogs', { trainingJobName: JOB, startTime: jobStart - 600_000, endTime: jobStart - 300_000 });
        await until('the emptying tail did not end', () => info()?.state === 'ended');
      }
      // The budget the extension shares across its tails refills (10/s, burst 30) and the workbench settles.
      await sleep(3500);
      const settleMs = await quietWorkbench();
      const run = await profiled(profile, async () => {
        const spans = (recorder.spans = newSpans());
        const shown = whenDocumentEndsWith(channelName, (l) => l.endsWith(lastMessage), 300_000);
        const cpu = process.cpuUsage();
        const t0 = performance.now();
        try {
          await vscode.commands.executeCommand<TailInfo>('sagemakerMonitor.tailLogs', { trainingJobName: JOB, startTime: jobStart, follow: false });
          const at = await shown.at;
          const used = process.cpuUsage(cpu);
          console.log(`P1e extension run: ${(at - t0).toFixed(0)} ms`);
          const tail = info();
          return {
            ms: at - t0,
            lastAppendMs: spans.lastAt - t0,
            cpuMs: (used.user + used.system) / 1000,
            settleMs,
            spans,
            events: tail?.eventCount ?? 0,
            requests: Object.values(tail?.requests ?? {}).reduce((a, b) => a + b, 0),
            state: tail?.state ?? 'none',
          };
        } finally {
          shown.cancel();
          recorder.spans = undefined;
        }
      });
      return { ...run, ...(await afterwards(channelName)) };
    };

    // ── the floors: each page's text formatted beforehand, from a first read (not timed)
    const texts: string[][] = streams.map(() => []);
    await readAll(client, streams, jobStart, (s, page, events) => {
      const tagged = events.map((e) => ({ logStreamName: streams[s], timestamp: e.timestamp ?? 0, message: e.message ?? '' }));
      texts[s][page] = formatBatch(tagged, { timestamps, tag: streamTag });
    });
    const all = texts.flat().join('');
    const newest = all.slice(all.indexOf('\n', all.length - CHANNEL_CHARS) + 1);
    let floorRuns = 0;
    const floorRun = async (kind: 'floor' | 'tight', profile?: string): Promise<Run> => {
      // A new channel each run, shown (an output channel sends its appends to the workbench only while shown).
      const name = `SageMaker Monitor bench ${kind} ${++floorRuns}`;
      const channel = vscode.window.createOutputChannel(name, LANGUAGE);
      try {
        channel.show(true);
        await until('the floor channel was not shown', () => channelDocument(name) !== undefined);
        await sleep(3500);
        const settleMs = await quietWorkbench();
        const run = await profiled(profile, async () => {
          const spans = newSpans();
          let lastLine = '';
          const write = (text: string) => {
            channel.append(text);
            spans.appends++;
            spans.chars += text.length;
            spans.biggest = Math.max(spans.biggest, text.length);
            spans.lastAt = performance.now();
            lastLine = lastLineOf(text);
          };
          const cpu = process.cpuUsage();
          const t0 = performance.now();
          const requests = await readAll(client, streams, jobStart, (s, page) => kind === 'floor' && texts[s][page] && write(texts[s][page]));
          if (kind === 'tight') {
            write(newest);
          }
          const shown = whenDocumentEndsWith(name, (l) => l === lastLine, 300_000);
          const at = await shown.at;
          const used = process.cpuUsage(cpu);
          console.log(`P1e ${kind} run: ${(at - t0).toFixed(0)} ms`);
          return { ms: at - t0, lastAppendMs: spans.lastAt - t0, cpuMs: (used.user + used.system) / 1000, settleMs, spans, requests };
        });
        return { ...run, ...(await afterwards(name)) };
      } finally {
        channel.dispose();
      }
    };

    // Warm-up (not counted): the command, the SDK's paths, the JIT, on both sides; the extension on another
    // target, so that its first timed run is the job channel's first, as in a new window.
    await vscode.commands.executeCommand('sagemakerMonitor.tailLogs', { endpointName: 'bench-ep-0001', startTime: jobStart, follow: false });
    await floorRun('tight');
    const ours: Awaited<ReturnType<typeof extensionRun>>[] = [];
    const floor: Run[] = [];
    const tight: Run[] = [];
    for (let i = 0; i < o.runs; i++) {
      // In turn, each first in its turn: none always follows another's leftovers.
      const order = [() => extensionRun().then((r) => ours.push(r)), () => floorRun('floor').then((r) => floor.push(r)), () => floorRun('tight').then((r) => tight.push(r))];
      for (let k = 0; k < order.length; k++) {
        await order[(i + k) % order.length]();
      }
    }
    if (o.profileDir) {
      // One more run of each under the profilers (not counted: sampling slows the host down a little).
      await extensionRun(path.join(o.profileDir, 'p1e-extension.cpuprofile'));
      await floorRun('tight', path.join(o.profileDir, 'p1e-tight.cpuprofile'));
      await floorRun('floor', path.join(o.profileDir, 'p1e-floor.cpuprofile'));
    }
    const summary = (rs: Run[]) => ({
      ms: median(rs.map((r) => r.ms)),
      lastAppendMs: median(rs.map((r) => r.lastAppendMs)),
      cpuMs: median(rs.map((r) => r.cpuMs)),
      runs: rs.map((r) => Math.round(r.ms)),
      settleMs: rs.map((r) => Math.round(r.settleMs)),
      linesAfter: rs.map((r) => r.linesAfter),
      repeatedAfter: rs.map((r) => r.repeatedAfter),
      spans: rs[0].spans,
      requests: rs[0].requests,
    });
    const result: Record<string, unknown> = {
      hosts: streams.length,
      events: ours[0].events,
      lastState: ours[0].state,
      extension: summary(ours),
      floor: { ...summary(floor), chars: all.length },
      tightFloor: { ...summary(tight), chars: newest.length },
    };
    const cli = awsCli();
    if (cli) {
      const tails = [];
      for (let i = 0; i < o.cliRuns; i++) {
        await sleep(1500);
        tails.push(await awsLogsTailBackfill(cli, o.simUrl, GROUP, `${JOB}/`, new Date(jobStart).toISOString().replace(/\.\d+Z$/, 'Z')));
      }
      result.awsLogsTail = { ms: median(tails.map((t) => t.ms)), lines: tails[0].lines, runs: tails.map((t) => Math.round(t.ms)) };
    } else {
      result.awsLogsTail = 'not installed (apt-get install awscli)';
    }
    return result;
  } finally {
    restore();
    recorder.spans = undefined;
    client.destroy();
    sagemaker.destroy();
  }
}
