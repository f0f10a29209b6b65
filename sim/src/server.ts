/**
 * The local AWS simulator: SageMaker (awsJson1_1), CloudWatch (awsJson1_0 query-compatible and awsQuery)
 * and CloudWatch Logs (awsJson1_1 + StartLiveTail event stream) on 127.0.0.1, plus a control API under /_sim/.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type AddressInfo, type Socket } from 'node:net';
import { randomUUID } from 'node:crypto';
import { AwsError } from './errors';
import { DEFAULT_RATE_LIMITS, FaultSet, RateLimiter, faultError } from './faults';
import { Clock } from './model/clock';
import { Account } from './model/state';
import { accessKeyFromAuth, regionFromAuth } from './protocols/auth';
import { parseJsonBody, readBody, send, toJsonSeconds } from './protocols/http';
import { decodeCbor, encodeCbor } from './protocols/cbor';
import { parseQueryForm, queryErrorXml, queryResponseXml } from './protocols/query';
import { cloudwatchOps, NO_RESULT_OPS } from './services/cloudwatch';
import type { Ctx } from './services/context';
import { type LiveTailConfig, LiveTailManager } from './services/liveTail';
import { insightsOps } from './services/insights';
import { logsOps } from './services/logs';
import { DEFAULT_INSIGHTS, type InsightsConfig } from './model/insights/queries';
import { sagemakerOps } from './services/sagemaker';
import { buildScenario, type ScenarioOptions } from '../scenarios/index';
import { handleControl } from './control';
import { SimControl } from './controlClient';
import { type Quirks, QuirkState, htmlQuirkAnswer, refuseExtendedResults } from './quirks';

export interface SimulatorOptions {
  port?: number;
  host?: string;
  /** 'demo' (default), 'empty', 'large' (alias 'bench') */
  scenario?: string;
  scenarioOptions?: ScenarioOptions;
  /** clock multiplier (default 1) */
  speed?: number;
  /** start time, epoch ms (deterministic tests); default Date.now() */
  now?: number;
  /** the region that holds the scenario (default us-east-1); other regions are empty accounts */
  region?: string;
  liveTail?: Partial<LiveTailConfig>;
  /** enforce per-operation TPS quotas (true = AWS's published defaults, see DEFAULT_RATE_LIMITS) → ThrottlingException */
  rateLimits?: boolean | Record<string, number>;
  /** quirk modes (misbehaviours of real CloudWatch Logs or emulators, see quirks.ts); none by default */
  quirks?: Partial<Quirks>;
  /** Logs Insights pacing (wall-clock ms) and concurrent-query quota; see model/insights/queries.ts */
  insights?: Partial<InsightsConfig>;
  /** request log sink (CLI --verbose) */
  log?: (line: string) => void;
}

export interface Simulator {
  url: string;
  port: number;
  /** typed HTTP client of the control API */
  control: SimControl;
  /** direct access (in-process tests) */
  state: SimState;
  /** Stops serving (open connections and Live Tail sessions dropped); the state and the clock are kept. */
  stop(): Promise<void>;
  /** Serves again on the same port with the same state (after `stop`, a restarted simulator). */
  start(): Promise<void>;
  close(): Promise<void>;
}

type Service = 'sagemaker' | 'logs' | 'cloudwatch';
type Protocol = 'json11' | 'json10q' | 'query' | 'cbor';

export class SimState {
  clock: Clock;
  readonly faults = new FaultSet();
  readonly rateLimiter = new RateLimiter();
  readonly quirks = new QuirkState();
  readonly counts = new Map<string, number>();
  accounts = new Map<string, Account>();
  readonly liveTail: LiveTailManager;
  readonly startedAt: number;
  insights: InsightsConfig;

  constructor(readonly options: SimulatorOptions) {
    this.startedAt = options.now ?? Date.now();
    this.clock = new Clock(this.startedAt, options.speed ?? 1);
    this.liveTail = new LiveTailManager({ maxSessions: 15, updateIntervalMs: 1000, ...options.liveTail });
    const rl = options.rateLimits;
    this.rateLimiter.set(rl === true ? DEFAULT_RATE_LIMITS : rl ? rl : undefined);
    this.quirks.set(options.quirks ?? {});
    this.insights = { ...DEFAULT_INSIGHTS, ...options.insights };
    this.build();
  }

  get homeRegion(): string {
    return this.options.region ?? 'us-east-1';
  }

  get scenario(): string {
    return this.options.scenario ?? 'demo';
  }

  build(): void {
    this.closeQueries();
    this.accounts = new Map();
    const acc = new Account(this.homeRegion);
    buildScenario(this.scenario, acc, this.clock.now(), this.options.scenarioOptions);
    this.accounts.set(this.homeRegion, acc);
    this.quirks.attach(acc.logs);
  }

  /** Merge into the quirk modes (validated; throws QuirkError); `undefined` = none (clear all). */
  setQuirks(q: Partial<Quirks> | undefined): Quirks {
    if (q === undefined) this.quirks.clear();
    else this.quirks.set(q);
    for (const a of this.accounts.values()) this.quirks.attach(a.logs);
    return this.quirks.current;
  }

  /** Reset to the scenario: clock back to the start (when `now` was given), state rebuilt, faults and counts cleared, quirks back to the options. */
  reset(opts: { scenario?: string; now?: number; speed?: number } = {}): void {
    if (opts.scenario) this.options.scenario = opts.scenario;
    this.liveTail.closeAll();
    const start = opts.now ?? this.options.now ?? Date.now();
    this.clock = new Clock(start, opts.speed ?? this.clock.speed);
    this.faults.clear();
    this.counts.clear();
    this.liveTail.config = { maxSessions: 15, updateIntervalMs: 1000, ...this.options.liveTail };
    const rl = this.options.rateLimits;
    this.rateLimiter.set(rl === true ? DEFAULT_RATE_LIMITS : rl ? rl : undefined);
    this.quirks.clear();
    this.quirks.set(this.options.quirks ?? {});
    this.insights = { ...DEFAULT_INSIGHTS, ...this.options.insights };
    this.build();
  }

  /** Stops the timers of every Logs Insights query. */
  closeQueries(): void {
    for (const a of this.accounts.values()) a.insights.closeAll();
  }

  account(region: string): Account {
    let a = this.accounts.get(region);
    if (!a) {
      a = new Account(region);
      this.accounts.set(region, a);
      this.quirks.attach(a.logs);
    }
    return a;
  }

  home(): Account {
    return this.account(this.homeRegion);
  }
}

const JSON11 = 'application/x-amz-json-1.1';
const JSON10 = 'application/x-amz-json-1.0';

const TARGETS: Record<string, Service> = {
  SageMaker: 'sagemaker',
  Logs_20140328: 'logs',
  GraniteServiceVersion20100801: 'cloudwatch',
};

interface Route {
  service: Service;
  protocol: Protocol;
  op: string;
}

export function errorBody(route: Route, e: AwsError, requestId: string): { status: number; type: string; body: string | Uint8Array; headers: Record<string, string> } {
  if (route.protocol === 'cbor') {
    const q = e.queryCode ?? e.code.replace(/Exception$/, '');
    return {
      status: e.status,
      type: 'application/cbor',
      body: encodeCbor({ __type: `com.amazonaws.cloudwatch#${e.code}`, message: e.message }),
      headers: { 'x-amzn-RequestId': requestId, 'x-amzn-query-error': `${q};${e.sender}`, 'smithy-protocol': 'rpc-v2-cbor' },
    };
  }
  if (route.protocol === 'query') {
    return { status: e.status, type: 'text/xml', body: queryErrorXml(e.sender, e.queryCode ?? e.code, e.message, requestId), headers: { 'x-amzn-RequestId': requestId } };
  }
  if (route.protocol === 'json10q') {
    const q = e.queryCode ?? e.code.replace(/Exception$/, '');
    return {
      status: e.status,
      type: JSON10,
      body: JSON.stringify({ __type: `com.amazonaws.cloudwatch#${e.code}`, message: e.message }),
      headers: { 'x-amzn-RequestId': requestId, 'x-amzn-query-error': `${q};${e.sender}` },
    };
  }
  return { status: e.status, type: JSON11, body: JSON.stringify({ __type: e.code, message: e.message, ...e.extra }), headers: { 'x-amzn-RequestId': requestId, 'x-amzn-ErrorType': e.code } };
}

const LOGS_OPS = { ...logsOps, ...insightsOps };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handle(state: SimState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  const path = (req.url ?? '/').split('?')[0];
  // Like AWS, every answer carries the server's time: the simulated clock (shifted by --now, sped up by --speed).
  res.setHeader('Date', new Date(state.clock.now()).toUTCString());
  if (path.startsWith('/_sim/') || path === '/_sim') {
    await handleControl(state, req, res, path);
    return;
  }
  let route: Route = { service: 'logs', protocol: 'json11', op: '?' };
  try {
    const body = await readBody(req);
    const target = req.headers['x-amz-target'];
    const ctype = String(req.headers['content-type'] ?? '');
    let input: Record<string, unknown>;
    if (typeof target === 'string' && target.includes('.')) {
      const dot = target.indexOf('.');
      const service = TARGETS[target.slice(0, dot)];
      const op = target.slice(dot + 1);
      if (!service) throw new AwsError('UnknownOperationException', `Unknown service target ${target}`);
      route = { service, protocol: service === 'cloudwatch' ? 'json10q' : 'json11', op };
      input = parseJsonBody(body);
    } else if (ctype.startsWith('application/x-www-form-urlencoded') || /(^|&)Action=/.test(body.toString('utf8', 0, 4096))) {
      input = parseQueryForm(body.toString('utf8'));
      const action = typeof input.Action === 'string' ? input.Action : '';
      route = { service: 'cloudwatch', protocol: 'query', op: action };
      if (!action) throw new AwsError('MissingAction', 'Missing Action', 400, 'Sender', 'MissingAction');
      delete input.Action;
      delete input.Version;
    } else if (/^\/service\/[^/]+\/operation\/[^/]+$/.test(path)) {
      const parts = path.split('/');
      const service = TARGETS[parts[2]];
      route = { service: 'cloudwatch', protocol: 'cbor', op: parts[4] };
      if (service !== 'cloudwatch') throw new AwsError('UnknownOperationException', `rpc-v2-cbor is supported for CloudWatch only (got ${parts[2]})`, 400, 'Sender', 'InvalidAction');
      try {
        input = decodeCbor(body);
      } catch {
        throw new AwsError('SerializationException', 'Malformed CBOR request body', 400, 'Sender', 'SerializationException');
      }
    } else {
      throw new AwsError('UnknownOperationException', `Missing X-Amz-Target header or Action parameter (${req.method} ${path})`);
    }
    const key = `${route.service}.${route.op}`;
    state.counts.set(key, (state.counts.get(key) ?? 0) + 1);
    state.options.log?.(`${new Date().toISOString()} ${key}`);

    // SigV4: presence and shape only (signatures are not verified)
    const region = regionFromAuth(req);
    if (region === undefined) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token', 403, 'Sender', 'MissingAuthenticationToken');
    if (region === null) throw new AwsError('IncompleteSignatureException', `Authorization header requires 'Credential', 'SignedHeaders' and 'Signature' parameters (AWS4-HMAC-SHA256). Authorization=${String(req.headers.authorization).slice(0, 40)}`, 400, 'Sender', 'IncompleteSignature');

    const ops: Record<string, (ctx: Ctx, input: Record<string, unknown>) => unknown> =
      route.service === 'sagemaker' ? sagemakerOps : route.service === 'logs' ? LOGS_OPS : cloudwatchOps;
    const isLiveTail = route.service === 'logs' && route.op === 'StartLiveTail';
    if (!Object.prototype.hasOwnProperty.call(ops, route.op) && !isLiveTail) {
      if (route.protocol === 'query') throw new AwsError('InvalidAction', `Could not find operation ${route.op} for version 2010-08-01`, 400, 'Sender', 'InvalidAction');
      throw new AwsError('UnknownOperationException', `Operation ${route.op} is not supported by the simulator`, 400, 'Sender', 'InvalidAction');
    }

    const { latencyMs, failure } = state.faults.match(route.service, route.op, accessKeyFromAuth(req));
    if (latencyMs > 0) await sleep(latencyMs);
    if (failure && failure.type !== 'reset') throw faultError(failure, route.service, route.op);
    if (state.rateLimiter.enabled && !state.rateLimiter.take(key)) throw faultError({ id: 'rate-limit', hits: 0, type: 'throttle' }, route.service, route.op);

    const html = htmlQuirkAnswer(state.quirks.current, route.service, route.op, input);
    if (html) {
      send(res, html.status, 'text/html; charset=utf-8', html.body, { 'x-amzn-RequestId': requestId });
      return;
    }
    const account = state.account(region);
    const now = state.clock.now();
    if (route.service === 'logs') account.logs.materialize(now);
    const ctx: Ctx = { account, region, now, requestId, quirks: state.quirks, insights: state.insights };

    if (isLiveTail) {
      state.liveTail.start(ctx, input, res, () => state.clock.now(), () => state.account(region));
      // a 'reset' fault drops the connection after the first frames (the client sees the stream break)
      if (failure && failure.type === 'reset' && res.headersSent) setTimeout(() => (res.socket as Socket | null)?.destroy(), 20);
      return;
    }
    const result = ops[route.op](ctx, input) as Record<string, unknown>;
    if (route.service === 'cloudwatch') refuseExtendedResults(state.quirks.current, route.op, input, result);
    const status = 200;
    let type: string;
    let text: string | Uint8Array;
    const extra: Record<string, string> = {};
    if (route.protocol === 'cbor') {
      type = 'application/cbor';
      text = encodeCbor(result);
      extra['smithy-protocol'] = 'rpc-v2-cbor';
    } else if (route.protocol === 'query') {
      type = 'text/xml';
      text = queryResponseXml(route.op, NO_RESULT_OPS.has(route.op) ? undefined : result, requestId);
    } else {
      type = route.protocol === 'json10q' ? JSON10 : JSON11;
      text = toJsonSeconds(result);
    }
    if (failure && failure.type === 'reset') {
      const buf = Buffer.from(text);
      res.writeHead(status, { 'Content-Type': type, 'Content-Length': String(buf.length), 'x-amzn-RequestId': requestId, ...extra });
      res.write(buf.subarray(0, Math.floor(buf.length / 2)));
      await sleep(5);
      (res.socket as Socket | null)?.destroy();
      return;
    }
    send(res, status, type, typeof text === 'string' ? text : Buffer.from(text), { 'x-amzn-RequestId': requestId, ...extra });
  } catch (err) {
    const e = err instanceof AwsError ? err : internal(err, route);
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const out = errorBody(route, e, requestId);
    send(res, out.status, out.type, typeof out.body === 'string' ? out.body : Buffer.from(out.body), out.headers);
  }
}

function internal(err: unknown, route: Route): AwsError {
  const msg = err instanceof Error ? err.message : String(err);
  process.stderr.write(`[sim] internal error in ${route.service}.${route.op}: ${err instanceof Error ? err.stack : msg}\n`);
  return route.service === 'cloudwatch'
    ? new AwsError('InternalServiceError', `Internal simulator error: ${msg}`, 500, 'Receiver', 'InternalServiceError')
    : new AwsError(route.service === 'logs' ? 'ServiceUnavailableException' : 'InternalFailure', `Internal simulator error: ${msg}`, 500, 'Receiver');
}

export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const state = new SimState({ ...options });
  const host = options.host ?? '127.0.0.1';
  let server = await listen(state, host, options.port ?? 0);
  const port = (server.http.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  let closed = false;
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      state.liveTail.closeAll();
      await server.close();
    })();
    return stopping;
  };
  return {
    url,
    port,
    state,
    control: new SimControl(url),
    stop,
    start: async () => {
      if (closed) throw new Error('the simulator is closed');
      if (!stopping) return;
      await stopping;
      server = await listen(state, host, port);
      stopping = undefined;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      state.closeQueries();
      await stop();
    },
  };
}

/** An HTTP server over the state; `close` drops open connections (a stopped simulator answers nothing). */
async function listen(state: SimState, host: string, port: number): Promise<{ http: Server; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => {
    handle(state, req, res).catch((e) => {
      process.stderr.write(`[sim] unhandled: ${String(e)}\n`);
      if (!res.headersSent) send(res, 500, JSON11, JSON.stringify({ __type: 'InternalFailure', message: String(e) }));
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('clientError', (_e, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    http: server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      }),
  };
}

export { DEMO, FAILED_JOB_TRACEBACK, FAILED_JOB_ERROR } from '../scenarios/demo';
export type { FaultSpec, Fault } from './faults';
export type { Quirks, LiveTailEnd } from './quirks';
export { SimControl } from './controlClient';
