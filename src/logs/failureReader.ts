/**
 * Show Failure's reads for a job of any kind: its description (is it failed, and why) and the streams whose
 * ends the report shows. One Describe call and one DescribeLogStreams listing per job.
 */
import type { ResourceCatalog } from '../aws/catalog';
import type { JobRef } from '../shared/jobRef';
import type { FailureLogSource } from '../shared/logs/failure';
import {
  algoHostStreams,
  failureLogSource,
  processingFailure,
  trainingFailure,
  transformFailure,
  transformInstanceStreams,
  type JobFailure,
} from './engine/failureReport';

export type FailureCatalog = Pick<
  ResourceCatalog,
  'describeTrainingJob' | 'listTrainingHosts' | 'describeProcessingJob' | 'listProcessingHosts' | 'describeTransformJob' | 'listTransformInstances'
>;

export interface ReadFailure {
  readonly failure: JobFailure;
  /** Where its logs are: listed only once the job is known to have failed. */
  readonly logSource: (signal?: AbortSignal) => Promise<FailureLogSource>;
}

/** Describes the job; its log streams are listed when asked. */
export async function readJobFailure(catalog: FailureCatalog, job: JobRef, signal?: AbortSignal): Promise<ReadFailure> {
  switch (job.kind) {
    case 'training': {
      const d = await catalog.describeTrainingJob(job.name, signal);
      return { failure: trainingFailure(d), logSource: async (s) => failureLogSource(job, algoHostStreams(await catalog.listTrainingHosts(job.name, d.instanceCount, s))) };
    }
    case 'processing': {
      const d = await catalog.describeProcessingJob(job.name, signal);
      return { failure: processingFailure(d), logSource: async (s) => failureLogSource(job, algoHostStreams(await catalog.listProcessingHosts(job.name, d.instanceCount, s))) };
    }
    case 'transform': {
      const d = await catalog.describeTransformJob(job.name, signal);
      return { failure: transformFailure(d), logSource: async (s) => failureLogSource(job, transformInstanceStreams(await catalog.listTransformInstances(job.name, s))) };
    }
  }
}
