/**
 * The AWS CLI against the simulator.
 *
 * Prefers Debian's `awscli` package (`/usr/bin/aws`, CLI v2; `.ci/run` installs it on CI), else the first `aws`
 * on PATH (e.g. a pip/pyenv CLI v1); the whole suite is skipped only when no CLI answers `--version`.
 * `SMM_SIM_AWS_CLI=<path or command>[,<fallback>…]` replaces that list (e.g. `SMM_SIM_AWS_CLI=aws` for PATH's
 * v1, `SMM_SIM_AWS_CLI=/bin/false,aws` to exercise the fallback). `aws logs tail` exists only in v2; its cases
 * are skipped (with the reason printed) on v1.
 *
 * The CLI is isolated: fake keys, empty config and credentials files, HOME in a temp dir, no instance
 * metadata, no pager, `--endpoint-url` = the simulator on 127.0.0.1, a fresh environment (no proxies).
 */
import * as assert from 'node:assert/strict';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { GetLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DEMO } from '../../sim/scenarios/demo';
import { startSimulator, type Simulator } from '../../sim/src/server';
import { type Clients, destroyClients, startWithClients, T0, waitFor } from './helpers';

const TJ = '/aws/sagemaker/TrainingJobs';
const DEBIAN_AWS = '/usr/bin/aws';

interface AwsCli {
  /** what was executed: an absolute path or a command looked up on PATH */
  bin: string;
  /** first line of `aws --version`, e.g. `aws-cli/2.9.19 Python/3.11.2 …` */
  version: string;
  major: number;
}

/** Temp HOME + empty config/credentials files, and the environment every CLI child gets. */
class Sandbox {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'smm-awscli-'));
  readonly env: NodeJS.ProcessEnv;
  constructor() {
    const home = path.join(this.dir, 'home');
    fs.mkdirSync(home);
    fs.writeFileSync(path.join(this.dir, 'config'), '');
    fs.writeFileSync(path.join(this.dir, 'credentials'), '');
    this.env = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: home,
      LC_ALL: 'C.UTF-8',
      PYTHONIOENCODING: 'utf-8',
      AWS_ACCESS_KEY_ID: 'AKIDSIM',
      AWS_SECRET_ACCESS_KEY: 'x',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: path.join(this.dir, 'config'),
      AWS_SHARED_CREDENTIALS_FILE: path.join(this.dir, 'credentials'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_PAGER: '',
      AWS_CLI_AUTO_PROMPT: 'off',
      AWS_MAX_ATTEMPTS: '1',
      NO_PROXY: '127.0.0.1,localhost',
    };
  }
  dispose(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every CLI child still running; killed (by PID) in afterEach/after whatever happened. */
const children = new Set<ChildProcess>();

function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.once('error', () => children.delete(child));
  return child;
}

function exited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** SIGTERM by PID, SIGKILL after 3 s; resolves when the child has exited. */
async function killChild(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || exited(child)) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return; // already gone
  }
  const timer = setTimeout(() => {
    try {
      if (!exited(child) && child.pid !== undefined) process.kill(child.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }, 3000);
  await gone;
  clearTimeout(timer);
}

function killAll(): Promise<void> {
  return Promise.all([...children].map(killChild)).then(() => undefined);
}

function execCli(bin: string, args: string[], env: NodeJS.ProcessEnv, cwd: string, timeout = 20_000): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    track(
      execFile(bin, args, { env, cwd, timeout, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) =>
        err ? reject(new Error(`${bin} ${args.join(' ')}: ${stderr || err.message}`)) : resolve({ stdout, stderr }),
      ),
    );
  });
}

/** The CLI to use: SMM_SIM_AWS_CLI, else Debian's /usr/bin/aws, else `aws` on PATH; the reasons why not, otherwise. */
async function findCli(sb: Sandbox): Promise<{ cli?: AwsCli; tried: string[] }> {
  const forced = process.env.SMM_SIM_AWS_CLI;
  const candidates = forced ? forced.split(',').filter((b) => b !== '') : [DEBIAN_AWS, 'aws'];
  const tried: string[] = [];
  for (const bin of candidates) {
    if (path.isAbsolute(bin) && !fs.existsSync(bin)) {
      tried.push(`${bin}: not installed`);
      continue;
    }
    try {
      const { stdout, stderr } = await execCli(bin, ['--version'], sb.env, sb.dir, 30_000);
      const version = (stdout.trim() || stderr.trim()).split('\n')[0]; // v1 printed it on stderr once
      const m = /^aws-cli\/(\d+)\./.exec(version);
      if (!m) {
        tried.push(`${bin}: unexpected --version output ${JSON.stringify(version)}`);
        continue;
      }
      return { cli: { bin, version, major: Number(m[1]) }, tried };
    } catch (e) {
      tried.push(`${bin}: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  return { tried };
}

describe('simulator: the AWS CLI (Debian awscli v2 preferred; skipped when no CLI works)', function () {
  this.timeout(30_000);
  let sb: Sandbox | undefined;
  let cli: AwsCli;
  let c: Clients | undefined;

  /** Global options: the simulator endpoint, JSON output, and (v2) no pager. */
  function globals(url: string): string[] {
    return ['--endpoint-url', url, '--output', 'json', '--region', 'us-east-1', ...(cli.major >= 2 ? ['--no-cli-pager'] : [])];
  }
  async function awsRaw(url: string, args: string[]): Promise<string> {
    const s = sb as Sandbox;
    return (await execCli(cli.bin, [...args, ...globals(url)], s.env, s.dir)).stdout;
  }
  async function aws<T>(args: string[]): Promise<T> {
    return JSON.parse(await awsRaw((c as Clients).sim.url, args)) as T;
  }

  before(async function () {
    sb = new Sandbox();
    const found = await findCli(sb);
    if (!found.cli) {
      console.log(`      [awscli] SKIPPED: no working AWS CLI (${found.tried.join('; ') || 'nothing to try'})`);
      this.skip();
    }
    cli = found.cli;
    console.log(`      [awscli] using ${cli.bin}: ${cli.version}${found.tried.length ? ` (not used: ${found.tried.join('; ')})` : ''}`);
    c = await startWithClients();
  });
  afterEach(killAll);
  after(async () => {
    await killAll();
    await destroyClients(c);
    sb?.dispose();
  });

  it('aws logs describe-log-streams + get-log-events read the Failed job traceback', async () => {
    const streams = await aws<{ logStreams: { logStreamName: string }[] }>(['logs', 'describe-log-streams', '--log-group-name', TJ, '--log-stream-name-prefix', `${DEMO.jobs.failed}/`]);
    assert.equal(streams.logStreams.length, 1);
    const out = await aws<{ events: { message: string }[]; nextForwardToken: string; nextBackwardToken: string }>(['logs', 'get-log-events', '--log-group-name', TJ, '--log-stream-name', streams.logStreams[0].logStreamName, '--limit', '50']);
    assert.ok(out.events.length > 0 && out.events.length <= 50);
    assert.ok(out.events.some((e) => e.message === 'Traceback (most recent call last):'));
    assert.match(out.nextForwardToken, /^f\//);
    assert.match(out.nextBackwardToken, /^b\//);
  });

  it('aws logs get-log-events pages forward with --start-from-head until the same token comes back', async () => {
    const stream = 'cli-paging/algo-1-1';
    const fixture = Array.from({ length: 7 }, (_, i) => ({ timestamp: T0 - 60_000 + i * 1000, message: `paging line ${i + 1}` }));
    await (c as Clients).sim.control.appendLogEvents(TJ, stream, fixture);
    const base = ['logs', 'get-log-events', '--log-group-name', TJ, '--log-stream-name', stream, '--start-from-head', '--limit', '3'];
    type Page = { events: { timestamp: number; message: string }[]; nextForwardToken: string };
    const pages: Page[] = [];
    let token: string | undefined;
    for (let i = 0; i < 6; i++) {
      const page: Page = await aws<Page>(token ? [...base, '--next-token', token] : base);
      pages.push(page);
      if (token !== undefined && page.nextForwardToken === token) break; // the end rule
      token = page.nextForwardToken;
    }
    assert.deepEqual(
      pages.map((p) => p.events.length),
      [3, 3, 1, 0],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.events.map((e) => [e.timestamp, e.message])),
      fixture.map((e) => [e.timestamp, e.message]),
    );
    assert.equal(pages[3].nextForwardToken, pages[2].nextForwardToken, 'at the end the same forward token comes back');
    // the same reading as the SDK's
    const sdk = await (c as Clients).logs.send(new GetLogEventsCommand({ logGroupName: TJ, logStreamName: stream, startFromHead: true }));
    assert.deepEqual(
      sdk.events?.map((e) => e.message),
      fixture.map((e) => e.message),
    );
  });

  it('aws logs filter-log-events (interleaved, paginated by the CLI)', async () => {
    const out = await aws<{ events: { timestamp: number; logStreamName: string; message: string }[] }>(['logs', 'filter-log-events', '--log-group-name', TJ, '--log-stream-name-prefix', `${DEMO.jobs.inProgress}/`, '--filter-pattern', 'val_loss']);
    assert.ok(out.events.length >= 4);
    assert.ok(out.events.every((e) => e.message.includes('val_loss') && e.logStreamName.startsWith(`${DEMO.jobs.inProgress}/`)));
    const ts = out.events.map((e) => e.timestamp);
    assert.deepEqual(ts, [...ts].sort((a, b) => a - b));
    // --page-size forces several FilterLogEvents pages; the CLI follows nextToken and gets the same events
    await (c as Clients).sim.control.resetRequestCounts();
    const paged = await aws<{ events: unknown[] }>(['logs', 'filter-log-events', '--log-group-name', TJ, '--log-stream-name-prefix', `${DEMO.jobs.inProgress}/`, '--filter-pattern', 'val_loss', '--page-size', '2']);
    assert.deepEqual(paged.events, out.events);
    assert.equal((await (c as Clients).sim.control.requestCounts())['logs.FilterLogEvents'], Math.ceil(out.events.length / 2));
  });

  it('aws cloudwatch get-metric-data and list-metrics', async () => {
    const queries = JSON.stringify([
      { Id: 'inv', MetricStat: { Metric: { Namespace: 'AWS/SageMaker', MetricName: 'Invocations', Dimensions: [{ Name: 'EndpointName', Value: DEMO.endpoints.bursty }, { Name: 'VariantName', Value: 'AllTraffic' }] }, Period: 60, Stat: 'Sum' } },
      { Id: 'twice', Expression: 'inv * 2' },
    ]);
    const out = await aws<{ MetricDataResults: { Id: string; Timestamps: string[]; Values: number[]; StatusCode: string }[] }>(['cloudwatch', 'get-metric-data', '--metric-data-queries', queries, '--start-time', new Date(T0 - 600_000).toISOString(), '--end-time', new Date(T0).toISOString()]);
    const inv = out.MetricDataResults.find((r) => r.Id === 'inv');
    const twice = out.MetricDataResults.find((r) => r.Id === 'twice');
    assert.ok(inv && twice, JSON.stringify(out));
    assert.equal(inv.Values.length, 10);
    assert.equal(inv.StatusCode, 'Complete');
    assert.deepEqual(twice.Values, inv.Values.map((v) => v * 2));
    const lm = await aws<{ Metrics: { Dimensions: { Name: string; Value: string }[] }[] }>(['cloudwatch', 'list-metrics', '--namespace', '/aws/sagemaker/Endpoints', '--metric-name', 'CPUUtilization', '--dimensions', 'Name=Host']);
    assert.equal(lm.Metrics.length, 3);
    assert.ok(lm.Metrics.every((m) => m.Dimensions.some((d) => d.Name === 'Host' && d.Value.startsWith(`${DEMO.endpoints.twoVariants}/`))));
  });

  it('aws logs start-query + get-query-results (until Complete) + get-log-record', async () => {
    const q = `fields @timestamp, @message | filter @logStream like /${DEMO.jobs.failed}/ and @message like /^Traceback/`;
    const { queryId } = await aws<{ queryId: string }>(['logs', 'start-query', '--log-group-name', TJ, '--start-time', String(Math.floor((T0 - 7 * 3600_000) / 1000)), '--end-time', String(Math.floor(T0 / 1000)), '--query-string', q]);
    type Results = { status: string; results: { field: string; value: string }[][]; statistics: { recordsMatched: number } };
    const done = await waitFor(async () => {
      const r = await aws<Results>(['logs', 'get-query-results', '--query-id', queryId]);
      return r.status === 'Complete' ? r : undefined;
    }, 20_000, 'the query to complete');
    assert.equal(done.results.length, 1);
    assert.equal(done.statistics.recordsMatched, 1);
    const row = Object.fromEntries(done.results[0].map((f) => [f.field, f.value]));
    assert.equal(row['@message'], 'Traceback (most recent call last):');
    const rec = await aws<{ logRecord: Record<string, string> }>(['logs', 'get-log-record', '--log-record-pointer', row['@ptr']]);
    assert.equal(rec.logRecord['@message'], 'Traceback (most recent call last):');
  });

  it('aws sagemaker describe-training-job', async () => {
    const out = await aws<{ TrainingJobStatus: string; FailureReason: string }>(['sagemaker', 'describe-training-job', '--training-job-name', DEMO.jobs.failed]);
    assert.equal(out.TrainingJobStatus, 'Failed');
    assert.match(out.FailureReason, /^AlgorithmError/);
  });

  describe('aws logs tail (v2 only; the simulator clock runs at wall-clock time, as `--since` assumes)', function () {
    const G = '/aws/sagemaker/Endpoints/cli-tail';
    const STREAM = 'AllTraffic/i-0cli0tail0000001';
    let tailSim: Simulator | undefined;
    let base = 0;
    const shortLine = (ts: number, message: string) => `${new Date(ts).toISOString().slice(0, 19)} ${message}`;
    const fixture: { timestamp: number; message: string }[] = [];

    before(async function () {
      if (cli.major < 2) {
        console.log(`      [awscli] SKIPPED aws logs tail: ${cli.version} has no \`logs tail\` (CLI v2 only)`);
        this.skip();
      }
      const now = Math.floor(Date.now() / 1000) * 1000;
      tailSim = await startSimulator({ port: 0, scenario: 'empty', now, speed: 1 });
      base = now - 30 * 60_000;
      fixture.push({ timestamp: base, message: 'INFO  model server started' }, { timestamp: base + 1000, message: 'INFO  200 POST /invocations 12ms' }, { timestamp: base + 61_000, message: 'ERROR 500 POST /invocations: CUDA out of memory' });
      await tailSim.control.appendLogEvents(G, STREAM, [{ timestamp: now - 2 * 3600_000, message: 'too old for --since 1h' }, ...fixture]);
      await tailSim.control.appendLogEvents(G, 'AllTraffic/i-0other00000000002', [{ timestamp: base + 500, message: 'another stream' }]);
    });
    after(async () => {
      await killAll();
      await tailSim?.close();
    });

    it('aws logs tail --log-stream-names --since 1h --format short prints the backfill and exits', async () => {
      const out = await awsRaw((tailSim as Simulator).url, ['logs', 'tail', G, '--log-stream-names', STREAM, '--since', '1h', '--format', 'short', '--color', 'off']);
      assert.deepEqual(
        out.split('\n'),
        [...fixture.map((e) => shortLine(e.timestamp, e.message)), ''],
      );
    });

    it('aws logs tail --follow prints an event appended through the control API', async function () {
      this.timeout(45_000);
      const s = sb as Sandbox;
      const sim = tailSim as Simulator;
      const args = ['logs', 'tail', G, '--log-stream-names', STREAM, '--since', '1h', '--format', 'short', '--color', 'off', '--follow', ...globals(sim.url)];
      // PYTHONUNBUFFERED: Python block-buffers a piped stdout, so the lines would only come at exit
      const child = track(spawn(cli.bin, args, { env: { ...s.env, PYTHONUNBUFFERED: '1' }, cwd: s.dir, stdio: ['ignore', 'pipe', 'pipe'] }));
      let stdout = '';
      let stderr = '';
      child.stdout?.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr?.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const lines = () => stdout.split('\n').filter((l) => l !== '');
      const alive = () => {
        if (exited(child)) throw new Error(`aws logs tail --follow exited early (${child.exitCode ?? child.signalCode}): ${stderr}`);
      };
      try {
        const backfill = fixture.map((e) => shortLine(e.timestamp, e.message));
        await waitFor(() => (alive(), lines().length >= backfill.length), 15_000, `the backfill (stdout so far: ${JSON.stringify(stdout)})`);
        assert.deepEqual(lines(), backfill);
        // a new event, after the backfill's newest (the CLI polls FilterLogEvents from that timestamp every 5 s)
        const ts = Math.max(Math.floor((await sim.control.now()) / 1000) * 1000, base + 62_000);
        await sim.control.appendLogEvents(G, STREAM, [{ timestamp: ts, message: 'WARN  appended while following' }]);
        const appended = shortLine(ts, 'WARN  appended while following');
        await waitFor(() => (alive(), lines().includes(appended)), 20_000, `the appended line (stdout so far: ${JSON.stringify(stdout)}; stderr: ${stderr})`);
        assert.deepEqual(lines(), [...backfill, appended], 'each event once, in order');
      } finally {
        await killChild(child);
      }
      assert.ok(exited(child), 'the follower was killed');
    });
  });
});
