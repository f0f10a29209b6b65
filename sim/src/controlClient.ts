/** Typed client of the simulator's control API (HTTP, no AWS auth). Works in-process or against a CLI simulator. */
import type { InsightsConfig } from './model/insights/queries';
import type { Fault, FaultSpec } from './faults';
import type { Quirks } from './quirks';

export interface Health {
  ok: boolean;
  scenario: string;
  region: string;
  now: number;
  nowIso: string;
  speed: number;
  liveTailSessions: number;
}

export interface ScenarioSummary {
  scenario: string;
  region: string;
  now: number;
  /** instanceType is absent on a serverless variant */
  endpoints: { name: string; status: string; variants: { name: string; instanceType?: string; instanceIds: string[] }[] }[];
  inferenceComponents: { name: string; endpointName: string; variantName: string; copies: { instanceId: string; containerId: string; start: number }[] }[];
  trainingJobs: { name: string; status: string; secondaryStatus: string; hosts: number }[];
  logGroups: { name: string; streams: { name: string; events: number }[] }[];
}

export class SimControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}/_sim/${path}`, {
      method,
      headers: body !== undefined ? { 'content-type': 'application/json' } : undefined,
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    const v = text ? (JSON.parse(text) as T & { error?: string }) : ({} as T & { error?: string });
    if (!res.ok) throw new Error(`simulator control ${method} ${path}: ${res.status} ${v.error ?? text}`);
    return v;
  }

  health(): Promise<Health> {
    return this.call('GET', 'health');
  }
  scenario(region?: string): Promise<ScenarioSummary> {
    return this.call('POST', 'scenario', region ? { region } : {});
  }
  /** Simulated now (epoch ms). */
  async now(): Promise<number> {
    return (await this.call<{ now: number }>('GET', 'clock')).now;
  }
  advanceClock(ms: number): Promise<{ now: number; speed: number }> {
    return this.call('POST', 'clock', { advanceMs: ms });
  }
  setClock(epochMs: number): Promise<{ now: number; speed: number }> {
    return this.call('POST', 'clock', { now: epochMs });
  }
  setSpeed(speed: number): Promise<{ now: number; speed: number }> {
    return this.call('POST', 'clock', { speed });
  }
  /** Append events to a stream (the group and stream are created when missing). timestamp defaults to sim now. */
  appendLogEvents(logGroupName: string, logStreamName: string, events: { timestamp?: number; message: string }[], region?: string): Promise<{ appended: number; length: number }> {
    return this.call('POST', 'logs/events', { logGroupName, logStreamName, events, region });
  }
  setTrainingJobStatus(name: string, status: 'InProgress' | 'Completed' | 'Failed' | 'Stopping' | 'Stopped', opts: { secondaryStatus?: string; failureReason?: string; statusMessage?: string; region?: string } = {}): Promise<{ TrainingJobStatus: string; SecondaryStatus: string }> {
    return this.call('POST', 'training-jobs/status', { name, status, ...opts });
  }
  setEndpointStatus(name: string, status: string, opts: { failureReason?: string; region?: string } = {}): Promise<{ EndpointStatus: string }> {
    return this.call('POST', 'endpoints/status', { name, status, ...opts });
  }
  injectFault(spec: FaultSpec): Promise<Fault> {
    return this.call('POST', 'faults', spec);
  }
  async listFaults(): Promise<Fault[]> {
    return (await this.call<{ faults: Fault[] }>('GET', 'faults')).faults;
  }
  async removeFault(id: string): Promise<boolean> {
    return (await this.call<{ removed: boolean }>('DELETE', `faults/${encodeURIComponent(id)}`)).removed;
  }
  async clearFaults(): Promise<void> {
    await this.call('DELETE', 'faults');
  }
  /** Merge into the quirk modes (misbehaviours of real CloudWatch Logs or emulators); returns the whole set. Unknown names or bad values reject (400). */
  setQuirks(q: Partial<Quirks>): Promise<Quirks> {
    return this.call('POST', 'quirks', q);
  }
  /** The current quirk modes. */
  quirks(): Promise<Quirks> {
    return this.call('GET', 'quirks');
  }
  /** Every quirk off. */
  async clearQuirks(): Promise<void> {
    await this.call('DELETE', 'quirks');
  }
  /** Reset to the scenario (clock back to the start time when one was given; faults and counts cleared; quirks back to the start options). */
  async reset(opts: { scenario?: string; now?: number; speed?: number } = {}): Promise<void> {
    await this.call('POST', 'reset', opts);
  }
  /** Request counts by `service.Operation`, e.g. `logs.GetLogEvents`, `cloudwatch.GetMetricData`, `sagemaker.ListEndpoints`. */
  async requestCounts(): Promise<Record<string, number>> {
    return (await this.call<{ counts: Record<string, number> }>('GET', 'requests')).counts;
  }
  async resetRequestCounts(): Promise<void> {
    await this.call('DELETE', 'requests');
  }
  /** Enforce per-operation TPS quotas: `true` = AWS defaults, a map `{ 'logs.GetLogEvents': 25, 'logs.*': 10 }`, or `false` = off. */
  setRateLimits(limits: boolean | Record<string, number>): Promise<{ enabled: boolean; limits: Record<string, number> }> {
    return this.call('POST', 'rate-limits', limits === true ? {} : limits === false ? { enabled: false } : { limits });
  }
  /** Live Tail: concurrent session limit, real ms between updates (new sessions), session timeout in simulated ms. */
  setLiveTail(config: { maxSessions?: number; updateIntervalMs?: number; sessionTimeoutMs?: number }): Promise<{ maxSessions: number; updateIntervalMs: number; sessionTimeoutMs?: number; activeSessions: number }> {
    return this.call('POST', 'live-tail', config);
  }
  /** Logs Insights: wall-clock ms a query stays Scheduled / at least Running, the concurrent-query quota, events scanned per turn. */
  setInsights(config: Partial<InsightsConfig>): Promise<InsightsConfig & { activeQueries: number }> {
    return this.call('POST', 'insights', config);
  }
}

export type { Fault, FaultSpec, Quirks };
