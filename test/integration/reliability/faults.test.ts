// 100 mixed faults while the extension tails a 4-host training job that keeps writing, on a simulator with
// every quirk on (Live Tail sessions that end early, foreign and re-sent events, a prefix ignored, ingestion
// delay, empty pages, tokens that do not move or count within a time range): exactly the events written reach
// the channel, once each, in order per host, and nothing else; the tree and an open metrics panel recover on
// their next refresh. Prints one line with the faults survived and the lost / duplicated / foreign counts.
import * as assert from 'assert';
import * as vscode from 'vscode';
import type { SageMakerMonitorApi } from '../../../src/extension';
import { CommandId, logChannelName } from '../../../src/shared/ids';
import { DEMO } from '../../../sim/scenarios/demo';
import { ALL_QUIRKS } from '../../../sim/src/quirks';
import type { FaultSpec, Simulator } from '../../../sim/src/server';
import { child, children, extensionApi, setSetting, simulatorForExtension, useFakeCredentials, waitFor } from '../helpers';
import { closePanels, openPanel } from '../metrics/panelHelpers';

const TRAINING_GROUP = '/aws/sagemaker/TrainingJobs';
const INGESTION_DELAY_MS = 1000;
const MARKER = /SEQ (\S+) (\d+)$/;

type Step =
  | { readonly kind: 'throttle' | 'error5xx' | 'latency' | 'reset'; readonly spec: FaultSpec; readonly faults: number }
  | { readonly kind: 'restart' | 'expiredToken'; readonly faults: 1 };

/** 6 throttling bursts of 5, 22 × 5xx, 16 latency spikes, 30 resets mid-page, a restart, an expired token: 100. */
function schedule(): Step[][] {
  const steps: Step[] = [
    ...Array.from({ length: 6 }, (_, i): Step => ({ kind: 'throttle', spec: { operation: i % 2 ? '*' : 'logs.GetLogEvents', type: 'throttle', count: 5 }, faults: 5 })),
    ...Array.from({ length: 22 }, (_, i): Step => ({ kind: 'error5xx', spec: { operation: i % 3 ? 'logs.GetLogEvents' : '*', type: 'error5xx', status: i % 2 ? 500 : 503, count: 1 }, faults: 1 })),
    ...Array.from({ length: 16 }, (): Step => ({ kind: 'latency', spec: { operation: 'logs.GetLogEvents', type: 'latency', latencyMs: 800, count: 1 }, faults: 1 })),
    ...Array.from({ length: 30 }, (): Step => ({ kind: 'reset', spec: { operation: 'logs.GetLogEvents', type: 'reset', count: 1 }, faults: 1 })),
    { kind: 'restart', faults: 1 },
    { kind: 'expiredToken', faults: 1 },
  ];
  // A fixed stride through the list, so that every kind follows every other; single faults go two at a time.
  const rounds: Step[][] = [];
  for (const step of steps.map((_, i) => steps[(i * 29) % steps.length])) {
    const last = rounds.at(-1);
    const single = (s: Step) => 'spec' in s && s.faults === 1;
    if (last && last.length < 2 && single(step) && last.every(single)) last.push(step);
    else rounds.push([step]);
  }
  return rounds;
}

describe('Reliability: 100 faults while tailing a 4-host job', function () {
  this.timeout(240_000);
  let sim: Simulator;
  let api: SageMakerMonitorApi;
  const job = DEMO.jobs.inProgress;

  before(async () => {
    api = await extensionApi();
    // A frozen clock: the job writes only what the test appends, with known sequence numbers per host.
    sim = await simulatorForExtension({ scenario: 'demo', speed: 0 });
    // Ingestion delay on a frozen clock: the test moves the clock on before it waits for the channel.
    await sim.control.setQuirks({ ...ALL_QUIRKS, ingestionDelayMs: INGESTION_DELAY_MS, seed: 7 });
    await setSetting('logs.pollIntervalSeconds', 0.5);
    await setSetting('logs.liveTail', 'auto');
    await setSetting('logs.backfillLines', 5);
  });

  after(async () => {
    await vscode.commands.executeCommand(CommandId.StopTail, { name: job });
    await closePanels(api);
    useFakeCredentials();
    await setSetting('logs.pollIntervalSeconds', undefined);
    await setSetting('logs.liveTail', undefined);
    await setSetting('logs.backfillLines', undefined);
    await sim?.close();
  });

  it('delivers every event once, in order per host; the tree and the metrics panel recover by themselves', async () => {
    const streams = [...sim.state.home().logs.groups.get(TRAINING_GROUP)!.streams.keys()].filter((n) => n.startsWith(`${job}/`)).sort();
    assert.strictEqual(streams.length, 4, streams.join());
    // The test moves the clock on (ingestion delay): the job's hosts stop writing lines of their own, so that
    // its streams hold only what the test appends, in time order.
    const frozenAt = await sim.control.now();
    for (const n of streams) sim.state.home().logs.groups.get(TRAINING_GROUP)!.streams.get(n)!.stopAt = frozenAt;
    const panel = await openPanel({ trainingJobName: job });
    await vscode.commands.executeCommand(CommandId.TailLogs, { trainingJobName: job });
    const tail = () => api.logTails().find((t) => t.channelName === logChannelName(job));
    // Written once the backfill (the job's last 5 lines, by design) is shown: from here on every event counts.
    await waitFor('the backfill', () => (tail()?.state === 'running' && tail()!.eventCount >= 5 ? true : undefined));

    const written = new Map<string, number>(streams.map((s) => [s, 0]));
    let ts = (await sim.control.now()) + 1000;
    const write = async (perHost: number) => {
      for (const stream of streams) {
        const from = written.get(stream)!;
        await sim.control.appendLogEvents(TRAINING_GROUP, stream, Array.from({ length: perHost }, (_, i) => ({ timestamp: (ts += 3), message: `SEQ ${stream} ${from + i}` })));
        written.set(stream, from + perHost);
      }
    };
    const total = () => [...written.values()].reduce((a, b) => a + b, 0);
    /** Per host, the sequence numbers in the order the channel shows them. */
    const shown = () => {
      const out = new Map<string, number[]>();
      for (const line of (tail()?.text ?? '').split('\n')) {
        const m = MARKER.exec(line);
        if (m) out.set(m[1], [...(out.get(m[1]) ?? []), Number(m[2])]);
      }
      return out;
    };
    const count = () => [...shown().values()].reduce((n, l) => n + l.length, 0);
    /** Lines in the channel that are not the job's: another group's (FOREIGN n), another job's. */
    const foreign = () => (tail()?.text ?? '').split('\n').filter((line) => /FOREIGN \d+/.test(line)).length;
    // What is written becomes readable (ingestion delay) as the clock moves on: while it waits, the test moves
    // the frozen clock on a little at a time (the job's own lines, written meanwhile, become readable later).
    const caughtUp = (what: string) =>
      waitFor(
        `${what}: ${total()} events in the channel (have ${count()}; tail ${tail()?.state})`,
        async () => {
          await sim.control.advanceClock(INGESTION_DELAY_MS / 4);
          return count() >= total() ? true : undefined;
        },
        60_000,
      );

    await write(3);
    await caughtUp('the first events');
    const survived: Record<string, number> = {};
    let expiredRefusals = 0;
    for (const round of schedule()) {
      await write(2);
      const step = round[0];
      if (step.kind === 'restart') {
        await sim.stop();
        const before = tail()?.requests.getEvents ?? 0;
        await waitFor('the tail to try while the simulator is down', () => ((tail()?.requests.getEvents ?? 0) >= before + 8 ? true : undefined), 60_000);
        await sim.start();
      } else if (step.kind === 'expiredToken') {
        // The session token expires for every service; the user signs in again (new keys in the environment).
        const fault = await sim.control.injectFault({ operation: '*', type: 'expiredToken', accessKeyId: process.env.AWS_ACCESS_KEY_ID });
        expiredRefusals = (await waitFor('expired-token refusals', async () => (await sim.control.listFaults()).find((f) => f.id === fault.id && f.hits >= 2), 30_000)).hits;
        await waitFor('the tail to say it waits for a new sign-in', () => (/=== \[notice\] Waiting for a new sign-in: .*expired/.test(tail()?.text ?? '') ? true : undefined), 60_000);
        api.explorer.refresh();
        const jobsRoot = (await child(api, undefined, 'Training Jobs')).node;
        const failure = (await children(api, jobsRoot)).find((c) => c.item.contextValue === 'failure');
        assert.ok(failure && /expired/i.test(failure.label), 'the tree shows the expired sign-in');
        await panel.refresh();
        assert.match(panel.lastError ?? '', /expired/i, 'the panel shows the expired sign-in');
        process.env.AWS_ACCESS_KEY_ID = 'AKIDREFRESHED';
        await write(2);
        await caughtUp('events after the credentials were refreshed');
        await waitFor('the tail to say it resumed', () => (/=== \[notice\] Signed in again: the tail resumed where it stopped\./.test(tail()?.text ?? '') ? true : undefined), 60_000);
        await sim.control.removeFault(fault.id);
      } else {
        const ids = new Set<string>();
        for (const r of round) if ('spec' in r) ids.add((await sim.control.injectFault(r.spec)).id);
        await waitFor(`the ${round.map((r) => r.kind).join(' and ')} faults to fire`, async () => ((await sim.control.listFaults()).some((f) => ids.has(f.id)) ? undefined : true), 60_000);
      }
      await caughtUp(`recovery from ${round.map((r) => r.kind).join(' and ')}`);
      for (const r of round) survived[r.kind] = (survived[r.kind] ?? 0) + r.faults;
    }
    await write(3);
    await caughtUp('every event');
    // Two more rounds after the last event (or two seconds of Live Tail): a late duplicate would show.
    const reads = tail()?.requests.getEvents ?? 0;
    const quietUntil = Date.now() + 2000;
    await waitFor('two more polling rounds', () => ((tail()?.requests.getEvents ?? 0) >= reads + 8 || (tail()?.mode === 'liveTail' && Date.now() > quietUntil) ? true : undefined), 30_000);

    let lost = 0;
    let duplicated = 0;
    const outOfOrder: string[] = [];
    const byHost = shown();
    for (const [stream, n] of written) {
      const got = byHost.get(stream) ?? [];
      const unique = new Set(got);
      duplicated += got.length - unique.size;
      for (let i = 0; i < n; i++) if (!unique.has(i)) lost++;
      if (got.some((v, i) => i > 0 && v <= got[i - 1])) outOfOrder.push(stream);
    }
    const faults = Object.values(survived).reduce((a, b) => a + b, 0);
    console.log(
      `      fault suite (VS Code ${vscode.version}): survived ${Object.entries(survived).map(([k, n]) => `${k} ${n}`).join(', ')} = ${faults} faults ` +
        `(expired token refused ${expiredRefusals} requests until the refresh); ${total()} events, lost ${lost}, duplicated ${duplicated}, foreign ${foreign()} ` +
        `(the service sent ${tail()?.dropped.foreign} events outside the job and ${tail()?.dropped.repeats} repeats; the tail left them out)`,
    );
    assert.strictEqual(faults, 100);
    assert.deepStrictEqual({ lost, duplicated, outOfOrder, foreign: foreign() }, { lost: 0, duplicated: 0, outOfOrder: [], foreign: 0 });
    assert.strictEqual(tail()?.state, 'running');
    // The channel document (what the user sees) has the last event of every host.
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.scheme === 'output' && d.getText().includes(`SEQ ${streams[0]} ${written.get(streams[0])! - 1}`));
    assert.ok(doc, 'the output channel document shows the events');

    // The tree and the panel recover on their next refresh, with no action from the user.
    api.explorer.refresh();
    const jobs = await children(api, (await child(api, undefined, 'Training Jobs')).node);
    assert.ok(jobs.length >= 5 && jobs.every((j) => j.item.contextValue !== 'failure'), jobs.map((j) => j.label).join());
    const refreshes = panel.refreshCount;
    await panel.refresh();
    assert.strictEqual(panel.lastError, undefined);
    assert.strictEqual(panel.refreshCount, refreshes + 1);
    assert.ok((panel.lastData?.series.length ?? 0) > 0);
  });
});
