/**
 * Show Failure without VS Code: what a failed job of any kind says about itself (FailureReason, a processing
 * job's ExitMessage), which of its streams to read, the report's text and the traceback the Problems entry is
 * made of. The VS Code side (../triage.ts) reads the job and shows these.
 */
import { billableTimeLines, type BillableTime } from '../../shared/billableTime';
import { jobNoun, jobNounCapitalised, type HostJobKind, type JobRef } from '../../shared/jobRef';
import type { FailureLogLine, FailureLogs, FailureLogSource, FailureStream } from '../../shared/logs/failure';
import { findTraceback, type Traceback } from '../../shared/logs/traceback';
import type { JobStream, ProcessingJobDetail, TrainingJobDetail, TransformInstance, TransformJobDetail } from '../../shared/model';
import { PROCESSING_JOBS_LOG_GROUP, TRAINING_JOBS_LOG_GROUP, TRANSFORM_JOBS_LOG_GROUP } from '../../shared/names';
import { formatTimestamp, type TimestampStyle } from './format';

/** A job as Show Failure sees it, whatever its kind. */
export interface JobFailure {
  readonly job: JobRef;
  readonly status: string;
  /** Training jobs' SecondaryStatus. */
  readonly secondaryStatus?: string;
  readonly failureReason?: string;
  /** Processing jobs: the end of the container's output (often the whole traceback). */
  readonly exitMessage?: string;
  readonly endedAt?: number;
  /** Training jobs: time and billable time (and the Spot saving), once the job has ended. */
  readonly billableTime?: BillableTime;
}

export function trainingFailure(d: TrainingJobDetail): JobFailure {
  const billableTime: BillableTime = { trainingSeconds: d.trainingSeconds, billableSeconds: d.billableSeconds, managedSpot: d.managedSpot, instanceCount: d.instanceCount };
  return {
    job: { kind: 'training', name: d.name },
    status: d.status,
    ...(d.secondaryStatus ? { secondaryStatus: d.secondaryStatus } : {}),
    ...common(d),
    ...(billableTimeLines(billableTime).length > 0 ? { billableTime } : {}),
  };
}

export function processingFailure(d: ProcessingJobDetail): JobFailure {
  return { job: { kind: 'processing', name: d.name }, status: d.status, ...common(d), ...(d.exitMessage ? { exitMessage: d.exitMessage } : {}) };
}

export function transformFailure(d: TransformJobDetail): JobFailure {
  return { job: { kind: 'transform', name: d.name }, status: d.status, ...common(d) };
}

function common(d: { failureReason?: string; endedAt?: number }): { failureReason?: string; endedAt?: number } {
  return { ...(d.failureReason ? { failureReason: d.failureReason } : {}), ...(d.endedAt !== undefined ? { endedAt: d.endedAt } : {}) };
}

/** `Processing job x has not failed (it is Completed).` — what Show Failure says instead of a report. */
export function notFailedMessage(f: JobFailure): string | undefined {
  if (f.status === 'Failed') {
    return undefined;
  }
  return `${jobNounCapitalised(f.job.kind)} ${f.job.name} has not failed (it is ${f.status}${f.secondaryStatus && f.secondaryStatus !== f.status ? `, ${f.secondaryStatus}` : ''}).`;
}

const LOG_GROUPS: Readonly<Record<HostJobKind, string>> = {
  training: TRAINING_JOBS_LOG_GROUP,
  processing: PROCESSING_JOBS_LOG_GROUP,
  transform: TRANSFORM_JOBS_LOG_GROUP,
};

const newest = (streams: readonly JobStream[]) => streams[streams.length - 1];

/** The newest stream of each `algo-N` host that logged (a restarted host's last run is the one that failed). */
export function algoHostStreams(hosts: readonly { readonly host: string; readonly streams: readonly JobStream[] }[]): FailureStream[] {
  return hosts.filter((h) => h.streams.length > 0).map((h) => ({ host: h.host, logStreamName: newest(h.streams).logStreamName }));
}

/** Each transform instance's model-server stream (`i-0abc`), then its data log (`i-0abc/data-log`): which input failed and why. */
export function transformInstanceStreams(instances: readonly TransformInstance[]): FailureStream[] {
  return instances.flatMap((i) => [
    ...(i.streams.length > 0 ? [{ host: i.instanceId, logStreamName: newest(i.streams).logStreamName }] : []),
    ...(i.dataLogStreams.length > 0 ? [{ host: `${i.instanceId}/data-log`, logStreamName: newest(i.dataLogStreams).logStreamName }] : []),
  ]);
}

export function failureLogSource(job: JobRef, streams: readonly FailureStream[]): FailureLogSource {
  return { logGroupName: LOG_GROUPS[job.kind], streamPrefix: `${job.name}/`, streams };
}

/** The traceback the Problems entry is made of: the logs' first, else the one in a processing job's ExitMessage. */
export function failureTraceback(f: JobFailure, logs: FailureLogs): { readonly traceback: Traceback; readonly host?: string } | undefined {
  const fromLogs = logs.traceback ? findTraceback(logs.traceback.lines.map((l) => l.message)) : undefined;
  if (fromLogs) {
    return { traceback: fromLogs, host: logs.traceback?.host };
  }
  const fromExit = f.exitMessage ? findTraceback(f.exitMessage.split(/\r?\n/)) : undefined;
  return fromExit ? { traceback: fromExit } : undefined;
}

/** The Problems entry's message: the exception, and whose it is. */
export function diagnosticMessage(f: JobFailure, tb: Traceback, host: string | undefined): string {
  return `${tb.error || `${jobNounCapitalised(f.job.kind)} failed here`} (${jobNoun(f.job.kind)} ${f.job.name}${host ? `, ${host}` : ''})`;
}

/** The report's text: marked section lines (`=== [failure] …`) that the sagemaker-log grammar colours. */
export function failureReport(f: JobFailure, logs: FailureLogs, style: TimestampStyle): string {
  const out: string[] = [];
  const line = (host: string, l: FailureLogLine) => {
    const ts = formatTimestamp(l.timestamp, style);
    return `${ts ? `${ts} ` : ''}[${host}] ${l.message}`;
  };
  const indented = (text: string) => text.split(/\r?\n/).map((l) => `  ${l}`);
  const at = f.endedAt ? ` at ${formatTimestamp(f.endedAt, style === 'none' ? 'utc' : style)}` : '';
  out.push(`=== [failure] ${jobNounCapitalised(f.job.kind)} ${f.job.name} failed${at}`);
  out.push('FailureReason:', ...indented(f.failureReason ?? '(none given)'));
  if (f.exitMessage) {
    out.push('ExitMessage:', ...indented(f.exitMessage));
  }
  out.push(...(f.billableTime ? billableTimeLines(f.billableTime) : []));
  out.push('');
  if (logs.traceback) {
    out.push(`=== [traceback] first traceback, ${logs.traceback.host} (${logs.traceback.logStreamName})`);
    out.push(...logs.traceback.lines.map((l) => line(logs.traceback?.host ?? '', l)));
  } else if (f.exitMessage && findTraceback(f.exitMessage.split(/\r?\n/))) {
    out.push('=== [traceback] no Python traceback found near the end of the logs; the ExitMessage above has one');
  } else {
    out.push('=== [traceback] no Python traceback found near the end of the logs');
  }
  for (const h of logs.hosts) {
    out.push('');
    out.push(`=== [host] ${h.host}: last ${h.lastLines.length} lines (${h.logStreamName})`);
    out.push(...h.lastLines.map((l) => line(h.host, l)));
  }
  if (logs.hosts.length === 0) {
    out.push('', `=== [host] no log streams: the ${jobNoun(f.job.kind)} failed before any ${f.job.kind === 'transform' ? 'instance' : 'host'} started`);
  }
  return out.join('\n') + '\n';
}
