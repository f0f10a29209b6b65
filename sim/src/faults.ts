/** Fault injection per operation (for tests and demos). */
import { AwsError } from './errors';
import { mix } from './model/hash';

/** `unsupported`: the operation answered as an emulator that lacks it does (UnknownOperationException). */
export type FaultType = 'throttle' | 'error5xx' | 'latency' | 'reset' | 'expiredToken' | 'accessDenied' | 'liveTailLimit' | 'unsupported';

export interface FaultSpec {
  /** 'GetLogEvents', 'logs.GetLogEvents', 'logs.*' or '*' (default '*') */
  operation?: string;
  type: FaultType;
  /** fraction of matching requests affected (deterministic sequence); default 1 */
  rate?: number;
  /** affect only the next N matching requests */
  count?: number;
  /** for 'latency' */
  latencyMs?: number;
  /** for 'error5xx' (default 503) */
  status?: number;
  message?: string;
  /** affect only requests signed with this access key id (e.g. an expired token until the client refreshes its credentials) */
  accessKeyId?: string;
}

export interface Fault extends FaultSpec {
  id: string;
  hits: number;
}

export class FaultSet {
  private faults: Fault[] = [];
  private seq = 0;

  add(spec: FaultSpec): Fault {
    const f: Fault = { ...spec, operation: spec.operation ?? '*', id: `fault-${++this.seq}`, hits: 0 };
    this.faults.push(f);
    return f;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  remove(id: string): boolean {
    const n = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== n;
  }

  clear(): void {
    this.faults = [];
  }

  /** Faults firing for this request: total added latency and at most one failure. */
  match(service: string, op: string, accessKeyId?: string): { latencyMs: number; failure?: Fault } {
    let latencyMs = 0;
    let failure: Fault | undefined;
    for (const f of [...this.faults]) {
      if (!matches(f.operation ?? '*', service, op)) continue;
      if (f.type !== 'latency' && failure) continue;
      if (f.type === 'liveTailLimit' && op !== 'StartLiveTail') continue;
      if (f.accessKeyId !== undefined && f.accessKeyId !== accessKeyId) continue;
      const n = f.hits++;
      if (f.rate !== undefined && f.rate < 1 && mix(0x5eed, n, this.seq) / 4294967296 >= f.rate) continue;
      if (f.count !== undefined) {
        f.count--;
        if (f.count <= 0) this.remove(f.id);
      }
      if (f.type === 'latency') latencyMs += f.latencyMs ?? 1000;
      else failure = f;
    }
    return { latencyMs, failure };
  }
}

/** The error a failure fault answers for one operation (`accessDenied` names the IAM action). */
export function faultError(f: Fault, service: string, op: string): AwsError {
  const cw = service === 'cloudwatch';
  switch (f.type) {
    case 'throttle':
      return cw ? new AwsError('ThrottlingException', f.message ?? 'Rate exceeded', 400, 'Sender', 'Throttling') : new AwsError('ThrottlingException', f.message ?? 'Rate exceeded');
    case 'expiredToken':
      return new AwsError('ExpiredTokenException', f.message ?? 'The security token included in the request is expired', 400, 'Sender', 'ExpiredToken');
    case 'accessDenied': {
      const action = `${service}:${op}`;
      const msg = f.message ?? `User: arn:aws:iam::123456789012:user/simulator is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`;
      return cw ? new AwsError('AccessDeniedException', msg, 403, 'Sender', 'AccessDenied') : new AwsError('AccessDeniedException', msg, 400);
    }
    case 'unsupported':
      return new AwsError('UnknownOperationException', f.message ?? `Operation ${op} is not supported by this endpoint`, 400, 'Sender', 'InvalidAction');
    case 'liveTailLimit':
      return new AwsError('LimitExceededException', f.message ?? 'You have exceeded the maximum number of concurrent Live Tail sessions.');
    case 'error5xx':
    default: {
      const status = f.status ?? 503;
      if (cw) return new AwsError(status === 503 ? 'ServiceUnavailableException' : 'InternalServiceError', f.message ?? 'Service unavailable', status, 'Receiver', status === 503 ? 'ServiceUnavailable' : 'InternalServiceError');
      return new AwsError(status === 503 ? 'ServiceUnavailableException' : 'InternalFailure', f.message ?? (status === 503 ? 'Service Unavailable' : 'An internal error occurred'), status, 'Receiver');
    }
  }
}

function matches(pattern: string, service: string, op: string): boolean {
  if (pattern === '*' || pattern === op || pattern === `${service}.${op}` || pattern === `${service}.*`) return true;
  return false;
}

/** Published (or typical) per-account TPS quotas, used when rate limits are switched on. */
export const DEFAULT_RATE_LIMITS: Record<string, number> = {
  'logs.GetLogEvents': 25,
  'logs.FilterLogEvents': 5,
  'logs.DescribeLogStreams': 25,
  'logs.DescribeLogGroups': 10,
  'logs.StartLiveTail': 10,
  'logs.PutLogEvents': 800,
  'cloudwatch.GetMetricData': 50,
  'cloudwatch.ListMetrics': 25,
  'cloudwatch.GetMetricStatistics': 400,
  'cloudwatch.DescribeAlarms': 9,
  'cloudwatch.PutMetricData': 500,
  'sagemaker.ListEndpoints': 20,
  'sagemaker.ListTrainingJobs': 20,
  'sagemaker.DescribeEndpoint': 20,
  'sagemaker.DescribeTrainingJob': 20,
};

/** Token buckets per `service.Operation` (capacity = one second of the rate), refilled in real time. */
export class RateLimiter {
  private buckets = new Map<string, { tokens: number; at: number }>();
  limits: Record<string, number> = {};

  set(limits: Record<string, number> | undefined): void {
    this.limits = limits ?? {};
    this.buckets.clear();
  }

  get enabled(): boolean {
    return Object.keys(this.limits).length > 0;
  }

  /** true when the request may proceed */
  take(key: string): boolean {
    const rate = this.limits[key] ?? this.limits[`${key.split('.')[0]}.*`];
    if (!rate || rate <= 0) return true;
    const now = Date.now();
    const b = this.buckets.get(key) ?? { tokens: rate, at: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}
