/** Control API (JSON over HTTP under /_sim/, no auth): see controlClient.ts for the typed client. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, send } from './protocols/http';
import type { SimState } from './server';
import { DEFAULT_RATE_LIMITS, type FaultSpec, type FaultType } from './faults';
import { endpointStatus, trainingState } from './services/sagemaker';
import { primaryStatus } from './model/state';
import { QuirkError, validateQuirks } from './quirks';

class ControlError extends Error {
  constructor(
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const FAULT_TYPES: FaultType[] = ['throttle', 'error5xx', 'latency', 'reset', 'expiredToken', 'accessDenied', 'liveTailLimit', 'unsupported'];
const DEFAULT_SECONDARY: Record<string, string> = { InProgress: 'Training', Completed: 'Completed', Failed: 'Failed', Stopping: 'Stopping', Stopped: 'Stopped' };

function json(res: ServerResponse, status: number, v: unknown) {
  send(res, status, 'application/json', JSON.stringify(v));
}

export async function handleControl(state: SimState, req: IncomingMessage, res: ServerResponse, path: string): Promise<void> {
  try {
    const raw = (await readBody(req)).toString('utf8');
    let body: Record<string, unknown> = {};
    if (raw.trim()) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        throw new ControlError('malformed JSON body');
      }
    }
    const m = req.method ?? 'GET';
    const route = path.replace(/\/+$/, '');
    const acc = () => state.account(typeof body.region === 'string' ? body.region : state.homeRegion);

    if (route === '/_sim/health' || route === '/_sim') {
      const now = state.clock.now();
      return json(res, 200, { ok: true, scenario: state.scenario, region: state.homeRegion, now, nowIso: new Date(now).toISOString(), speed: state.clock.speed, liveTailSessions: state.liveTail.active });
    }
    if (route === '/_sim/clock') {
      if (m === 'POST') {
        if (typeof body.speed === 'number') state.clock.setSpeed(body.speed);
        if (typeof body.now === 'number') state.clock.set(body.now);
        if (typeof body.advanceMs === 'number') {
          if (body.advanceMs < 0) throw new ControlError('advanceMs must be >= 0');
          state.clock.advance(body.advanceMs);
        }
      }
      return json(res, 200, { now: state.clock.now(), speed: state.clock.speed });
    }
    if (route === '/_sim/logs/events' && m === 'POST') {
      const group = body.logGroupName;
      const stream = body.logStreamName;
      const events = body.events;
      if (typeof group !== 'string' || typeof stream !== 'string' || !Array.isArray(events)) throw new ControlError('logGroupName, logStreamName and events[] are required');
      const now = state.clock.now();
      const a = acc();
      a.logs.materialize(now);
      const s = a.logs.createStream(group, stream, now);
      let n = 0;
      for (const e of events as { timestamp?: number; message?: unknown }[]) {
        if (typeof e?.message !== 'string') throw new ControlError('each event needs a string message');
        const ts = typeof e.timestamp === 'number' ? e.timestamp : now;
        s.append(ts, e.message, Math.max(now, ts), now);
        n++;
      }
      return json(res, 200, { appended: n, length: s.length, lastEventTimestamp: s.lastEventTimestamp });
    }
    if (route === '/_sim/training-jobs/status' && m === 'POST') {
      const job = acc().trainingJobs.get(String(body.name));
      if (!job) throw new ControlError(`no training job ${String(body.name)}`, 404);
      const status = String(body.status ?? '');
      const secondary = typeof body.secondaryStatus === 'string' ? body.secondaryStatus : DEFAULT_SECONDARY[status];
      if (!secondary) throw new ControlError(`status must be one of ${Object.keys(DEFAULT_SECONDARY).join(', ')} (or give secondaryStatus)`);
      const now = state.clock.now();
      job.steps = job.steps.filter((s) => s.at <= now);
      job.steps.push({ status: secondary, at: now, message: typeof body.statusMessage === 'string' ? body.statusMessage : undefined });
      if (typeof body.failureReason === 'string') job.failureReason = body.failureReason;
      const primary = primaryStatus(secondary);
      if (primary !== 'InProgress') {
        acc().logs.materialize(now);
        for (const s of acc().logs.groups.get('/aws/sagemaker/TrainingJobs')?.streams.values() ?? []) if (s.name.startsWith(`${job.name}/`)) s.stopAt = Math.min(s.stopAt, now);
        // the job's metrics stop too
        const nowSec = Math.floor(now / 1000);
        for (const series of acc().metrics.series.values()) {
          if (series.namespace !== '/aws/sagemaker/TrainingJobs' || !series.gen) continue;
          const d = series.dims[0];
          if (series.dims.length === 1 && ((d.Name === 'TrainingJobName' && d.Value === job.name) || (d.Name === 'Host' && d.Value.startsWith(`${job.name}/algo-`)))) {
            series.end = Math.min(series.end ?? nowSec, nowSec);
          }
        }
      }
      const st = trainingState(job, now);
      return json(res, 200, { name: job.name, TrainingJobStatus: st.status, SecondaryStatus: st.secondary });
    }
    if (route === '/_sim/endpoints/status' && m === 'POST') {
      const ep = acc().endpoints.get(String(body.name));
      if (!ep) throw new ControlError(`no endpoint ${String(body.name)}`, 404);
      const status = String(body.status ?? '');
      const ok = ['OutOfService', 'Creating', 'Updating', 'SystemUpdating', 'RollingBack', 'InService', 'Deleting', 'Failed', 'UpdateRollbackFailed'];
      if (!ok.includes(status)) throw new ControlError(`status must be one of ${ok.join(', ')}`);
      const now = state.clock.now();
      ep.steps = ep.steps.filter((s) => s.at <= now);
      ep.steps.push({ status, at: now });
      if (typeof body.failureReason === 'string') ep.failureReason = body.failureReason;
      return json(res, 200, { name: ep.name, EndpointStatus: endpointStatus(ep, now).status });
    }
    if (route === '/_sim/faults') {
      if (m === 'POST') {
        const spec = body as unknown as FaultSpec;
        if (!FAULT_TYPES.includes(spec.type)) throw new ControlError(`type must be one of ${FAULT_TYPES.join(', ')}`);
        return json(res, 200, state.faults.add(spec));
      }
      if (m === 'DELETE') {
        state.faults.clear();
        return json(res, 200, { cleared: true });
      }
      return json(res, 200, { faults: state.faults.list() });
    }
    if (route === '/_sim/quirks') {
      if (m === 'POST') return json(res, 200, state.setQuirks(validateQuirks(body)));
      if (m === 'DELETE') return json(res, 200, state.setQuirks(undefined));
      return json(res, 200, state.quirks.current);
    }
    if (route.startsWith('/_sim/faults/') && m === 'DELETE') {
      return json(res, 200, { removed: state.faults.remove(route.slice('/_sim/faults/'.length)) });
    }
    if (route === '/_sim/reset' && m === 'POST') {
      state.reset({ scenario: typeof body.scenario === 'string' ? body.scenario : undefined, now: typeof body.now === 'number' ? body.now : undefined, speed: typeof body.speed === 'number' ? body.speed : undefined });
      return json(res, 200, { ok: true, scenario: state.scenario, now: state.clock.now() });
    }
    if (route === '/_sim/requests') {
      if (m === 'DELETE') {
        state.counts.clear();
        return json(res, 200, { cleared: true });
      }
      const counts = Object.fromEntries([...state.counts.entries()].sort());
      return json(res, 200, { counts, total: [...state.counts.values()].reduce((a, b) => a + b, 0) });
    }
    if (route === '/_sim/live-tail') {
      if (m === 'POST') {
        if (typeof body.maxSessions === 'number') state.liveTail.config.maxSessions = body.maxSessions;
        if (typeof body.updateIntervalMs === 'number' && body.updateIntervalMs >= 10) state.liveTail.config.updateIntervalMs = body.updateIntervalMs;
        if (typeof body.sessionTimeoutMs === 'number' && body.sessionTimeoutMs > 0) state.liveTail.config.sessionTimeoutMs = body.sessionTimeoutMs;
      }
      return json(res, 200, { ...state.liveTail.config, activeSessions: state.liveTail.active });
    }
    if (route === '/_sim/insights') {
      if (m === 'POST') {
        const next = { ...state.insights };
        for (const k of ['scheduledMs', 'runningMs', 'maxConcurrent', 'chunk'] as const) {
          const v = body[k];
          if (v === undefined) continue;
          if (typeof v !== 'number' || !Number.isInteger(v) || v < (k === 'scheduledMs' || k === 'runningMs' ? 0 : 1)) throw new ControlError(`${k} must be a whole number${k === 'maxConcurrent' || k === 'chunk' ? ' >= 1' : ' of ms >= 0'}`);
          next[k] = v;
        }
        state.insights = next;
      }
      return json(res, 200, { ...state.insights, activeQueries: acc().insights.activeCount });
    }
    if (route === '/_sim/rate-limits') {
      if (m === 'POST') {
        if (body.enabled === false) state.rateLimiter.set(undefined);
        else if (body.limits && typeof body.limits === 'object') state.rateLimiter.set(body.limits as Record<string, number>);
        else state.rateLimiter.set(DEFAULT_RATE_LIMITS);
      }
      return json(res, 200, { enabled: state.rateLimiter.enabled, limits: state.rateLimiter.limits });
    }
    if (route === '/_sim/scenario') {
      const a = acc();
      const now = state.clock.now();
      a.logs.materialize(now);
      return json(res, 200, {
        scenario: state.scenario,
        region: a.region,
        now,
        endpoints: [...a.endpoints.values()].map((ep) => ({
          name: ep.name,
          status: endpointStatus(ep, now).status,
          variants: ep.variants.map((v) => ({ name: v.VariantName, instanceType: v.InstanceType, instanceIds: v.instanceIds })),
        })),
        inferenceComponents: [...a.inferenceComponents.values()].map((ic) => ({ name: ic.name, endpointName: ic.endpointName, variantName: ic.variantName, copies: ic.copies.map((c) => ({ instanceId: c.instanceId, containerId: c.containerId, start: c.start })) })),
        trainingJobs: [...a.trainingJobs.values()].slice(0, 200).map((j) => {
          const st = trainingState(j, now);
          return { name: j.name, status: st.status, secondaryStatus: st.secondary, hosts: j.instanceCount };
        }),
        logGroups: [...a.logs.groups.values()].slice(0, 200).map((g) => ({ name: g.name, streams: [...g.streams.values()].slice(0, 50).map((s) => ({ name: s.name, events: s.length })) })),
      });
    }
    throw new ControlError(`unknown control route ${m} ${route}`, 404);
  } catch (e) {
    const status = e instanceof ControlError ? e.status : e instanceof QuirkError ? 400 : 500;
    json(res, status, { error: e instanceof Error ? e.message : String(e) });
  }
}
