/**
 * The built-in SageMaker query library: questions people ask of training, processing and transform job logs
 * and of endpoint logs, each one Logs Insights query. They are written against what SageMaker's containers
 * print (the training toolkit, PyTorch/NCCL, the model servers' access logs).
 */

/** Which logs a query is written for. */
export type LibraryScope = 'jobs' | 'endpoints';

export interface LibraryQuery {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly scope: LibraryScope;
  readonly query: string;
}

/** `job` and `host` of a job's stream `[job]/algo-[n]-[epoch]` (or an endpoint's `[variant]/[instance-id]`). */
const HOST_OF_STREAM = String.raw`parse @logStream /^(?<job>[^\/]+)\/(?<host>[^\/]+?)(-\d+)?$/`;

function q(...lines: string[]): string {
  return lines.join('\n| ');
}

export const LIBRARY: readonly LibraryQuery[] = [
  {
    id: 'errorsByHost',
    name: 'Errors and tracebacks by host',
    description: 'Error, exception and traceback lines counted per job and host, the noisiest first',
    scope: 'jobs',
    query: q(String.raw`filter @message like /Traceback|Error|Exception|FAILURE/`, HOST_OF_STREAM, 'stats count(*) as errorLines by job, host', 'sort errorLines desc', 'limit 100'),
  },
  {
    id: 'oomCuda',
    name: 'Out of memory and CUDA errors',
    description: 'CUDA out of memory, CUDA errors, OOM kills and MemoryError lines, newest first',
    scope: 'jobs',
    query: q(String.raw`filter @message like /CUDA out of memory|OutOfMemoryError|CUDA error|MemoryError|[Oo]ut of memory|OOM|Killed process/`, 'fields @timestamp, @logStream, @message', 'sort @timestamp desc', 'limit 200'),
  },
  {
    id: 'ncclTimeouts',
    name: 'NCCL and timeout lines',
    description: 'NCCL messages, collective and watchdog timeouts, timed-out connections: which host first',
    scope: 'jobs',
    query: q(String.raw`filter @message like /NCCL|[Tt]imed out|[Tt]imeout|Watchdog caught/`, 'fields @timestamp, @logStream, @message', 'sort @timestamp asc', 'limit 200'),
  },
  {
    id: 'slowestHosts',
    name: 'Slowest hosts from loss lines',
    description: 'Training progress per host from its loss lines (`step N … loss=…`): the hosts furthest behind first',
    scope: 'jobs',
    query: q(
      String.raw`filter @message like /loss[=:]/`,
      String.raw`parse @message /step (?<step>\d+)/`,
      HOST_OF_STREAM,
      'filter ispresent(step)',
      'stats count(*) as lossLines, max(step) as lastStep by job, host',
      'sort lastStep asc',
      'limit 100',
    ),
  },
  {
    id: 'lossOverTime',
    name: 'Loss over time',
    description: 'The average loss printed in loss lines, per 5 minutes (drawn as a chart)',
    scope: 'jobs',
    query: q(String.raw`filter @message like /loss[=:]/`, String.raw`parse @message /loss[=:]\s*(?<loss>[\d.]+)/`, 'filter ispresent(loss)', 'stats avg(loss) as avgLoss by bin(5m)'),
  },
  {
    id: 'restartsByHost',
    name: 'Restarts per host',
    description: 'Log streams per host: a host with more than one stream was restarted (spot interruption, retry)',
    scope: 'jobs',
    query: q(String.raw`parse @logStream /^(?<job>[^\/]+)\/(?<host>algo-\d+)-(?<epoch>\d+)$/`, 'filter ispresent(host)', 'stats count_distinct(@logStream) as streams by job, host', 'sort streams desc', 'limit 100'),
  },
  {
    id: 'endpoint5xx',
    name: 'Endpoint 5xx from access logs',
    description: 'Invocations answered 5xx per minute and instance, from the model server access log',
    scope: 'endpoints',
    query: q(String.raw`filter @message like /"POST \/invocations[^"]*" 5\d\d /`, HOST_OF_STREAM, 'stats count(*) as errors5xx by bin(1m), host', 'sort errors5xx desc', 'limit 1000'),
  },
  {
    id: 'endpointLatency',
    name: 'Endpoint latency from access logs',
    description: 'Invocations, average and p99 latency (ms) per 5 minutes, from the model server access log',
    scope: 'endpoints',
    query: q(
      String.raw`filter @message like /POST \/invocations/`,
      String.raw`parse @message /"POST \/invocations HTTP\/[\d.]+" (?<status>\d{3}) .*?(?<latencyMs>\d+)(ms)?$/`,
      'filter ispresent(latencyMs)',
      'stats count(*) as requests, avg(latencyMs) as avgMs, pct(latencyMs, 99) as p99Ms by bin(5m)',
    ),
  },
];

export function libraryQuery(id: string): LibraryQuery | undefined {
  return LIBRARY.find((entry) => entry.id === id);
}
