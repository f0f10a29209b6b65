/**
 * Which hosts a job has, from its log streams (SageMaker's APIs do not list them): `algo-1 … algo-N` for
 * training and processing jobs (`[job]/algo-[n]-[epoch]`, several streams after a restart), instances for
 * transform jobs (`[job]/[instance-id]-[epoch]` and its `/data-log`).
 */
import type { StreamInfo } from './logs/source';
import type { JobStream, TransformInstance } from './model';
import { algoHostName, parseTrainingStream, parseTransformStream } from './names';

export interface AlgoHost {
  /** `algo-N` */
  readonly host: string;
  readonly instanceNumber: number;
  readonly streams: readonly JobStream[];
}

const jobStream = (s: StreamInfo, startedAt: number): JobStream => ({
  logStreamName: s.logStreamName,
  startedAt,
  ...(s.lastEventTimestamp ? { lastEventAt: s.lastEventTimestamp } : {}),
});

const oldestFirst = (a: JobStream, b: JobStream) => a.startedAt - b.startedAt || a.logStreamName.localeCompare(b.logStreamName);

/** Hosts `algo-1 … algo-<instanceCount>` (those without streams yet too) and any other host that logged. */
export function algoHostsOf(streams: readonly StreamInfo[], jobName: string, instanceCount: number): AlgoHost[] {
  const hosts = new Map<number, JobStream[]>();
  for (let n = 1; n <= instanceCount; n++) {
    hosts.set(n, []);
  }
  for (const s of streams) {
    const parsed = parseTrainingStream(s.logStreamName);
    if (parsed && parsed.trainingJobName === jobName) {
      hosts.set(parsed.instanceNumber, [...(hosts.get(parsed.instanceNumber) ?? []), jobStream(s, parsed.startedAt)]);
    }
  }
  return [...hosts.entries()]
    .sort(([a], [b]) => a - b)
    .map(([instanceNumber, list]) => ({ host: algoHostName(instanceNumber), instanceNumber, streams: list.sort(oldestFirst) }));
}

/** The instances of a transform job that have logged, by instance id. */
export function transformInstancesOf(streams: readonly StreamInfo[], transformJobName: string): TransformInstance[] {
  const instances = new Map<string, { streams: JobStream[]; dataLogStreams: JobStream[] }>();
  for (const s of streams) {
    const parsed = parseTransformStream(s.logStreamName);
    if (parsed && parsed.transformJobName === transformJobName) {
      const entry = instances.get(parsed.instanceId) ?? { streams: [], dataLogStreams: [] };
      (parsed.dataLog ? entry.dataLogStreams : entry.streams).push(jobStream(s, parsed.startedAt));
      instances.set(parsed.instanceId, entry);
    }
  }
  return [...instances.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([instanceId, e]) => ({ transformJobName, instanceId, streams: e.streams.sort(oldestFirst), dataLogStreams: e.dataLogStreams.sort(oldestFirst) }));
}
