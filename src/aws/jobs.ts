/**
 * Processing and transform jobs: one page of the list (the SDK's paginator from the caller's token, so a
 * "Load more" continues where the last page ended) and the detail the tree and the panels need.
 */
import {
  DescribeProcessingJobCommand,
  DescribeTransformJobCommand,
  paginateListProcessingJobs,
  paginateListTransformJobs,
  type ProcessingJobStatus,
  type SageMakerClient,
  type TransformJobStatus,
} from '@aws-sdk/client-sagemaker';
import type { ProcessingJobDetail, ProcessingJobSummary, TransformJobDetail, TransformJobSummary } from '../shared/model';

const ms = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

/** One page of a job listing: newest first, filtered on the service side. */
export interface JobPageQuery<S extends string = string> {
  readonly nameContains?: string;
  readonly status?: S;
  readonly pageSize?: number;
  readonly nextToken?: string;
}

export interface JobPage<T> {
  readonly jobs: T[];
  readonly nextToken?: string;
}

/** The first page a paginator yields from `startingToken`, and the token of the next. */
async function firstPage<P extends { NextToken?: string }>(pages: AsyncIterable<P>): Promise<P | undefined> {
  for await (const page of pages) {
    return page;
  }
  return undefined;
}

function listInput(query: JobPageQuery) {
  return {
    // ListProcessingJobs sorts ascending unless told otherwise.
    SortBy: 'CreationTime' as const,
    SortOrder: 'Descending' as const,
    ...(query.nameContains ? { NameContains: query.nameContains } : {}),
  };
}

export async function listProcessingJobsPage(client: SageMakerClient, query: JobPageQuery<ProcessingJobStatus>, signal?: AbortSignal): Promise<JobPage<ProcessingJobSummary>> {
  const page = await firstPage(
    paginateListProcessingJobs(
      { client, pageSize: query.pageSize ?? 50, ...(query.nextToken ? { startingToken: query.nextToken } : {}) },
      { ...listInput(query), ...(query.status ? { StatusEquals: query.status } : {}) },
      { abortSignal: signal },
    ),
  );
  return {
    jobs: (page?.ProcessingJobSummaries ?? []).map((j) => ({
      name: j.ProcessingJobName ?? '',
      arn: j.ProcessingJobArn ?? '',
      status: j.ProcessingJobStatus ?? 'Unknown',
      createdAt: ms(j.CreationTime),
      endedAt: ms(j.ProcessingEndTime),
      modifiedAt: ms(j.LastModifiedTime),
      ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
      ...(j.ExitMessage ? { exitMessage: j.ExitMessage } : {}),
    })),
    ...(page?.NextToken ? { nextToken: page.NextToken } : {}),
  };
}

export async function describeProcessingJob(client: SageMakerClient, processingJobName: string, signal?: AbortSignal): Promise<ProcessingJobDetail> {
  const j = await client.send(new DescribeProcessingJobCommand({ ProcessingJobName: processingJobName }), { abortSignal: signal });
  const cluster = j.ProcessingResources?.ClusterConfig;
  return {
    name: j.ProcessingJobName ?? processingJobName,
    arn: j.ProcessingJobArn ?? '',
    status: j.ProcessingJobStatus ?? 'Unknown',
    createdAt: ms(j.CreationTime),
    startedAt: ms(j.ProcessingStartTime),
    endedAt: ms(j.ProcessingEndTime),
    modifiedAt: ms(j.LastModifiedTime),
    ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
    ...(j.ExitMessage ? { exitMessage: j.ExitMessage } : {}),
    instanceCount: cluster?.InstanceCount ?? 1,
    instanceType: cluster?.InstanceType,
    containerEntrypoint: j.AppSpecification?.ContainerEntrypoint ?? [],
    containerArguments: j.AppSpecification?.ContainerArguments ?? [],
    inputs: (j.ProcessingInputs ?? []).map((i) => ({
      name: i.InputName ?? '',
      ...((i.S3Input?.LocalPath ?? i.DatasetDefinition?.LocalPath) ? { localPath: i.S3Input?.LocalPath ?? i.DatasetDefinition?.LocalPath } : {}),
      ...(i.S3Input?.S3Uri ? { s3Uri: i.S3Input.S3Uri } : {}),
    })),
  };
}

export async function listTransformJobsPage(client: SageMakerClient, query: JobPageQuery<TransformJobStatus>, signal?: AbortSignal): Promise<JobPage<TransformJobSummary>> {
  const page = await firstPage(
    paginateListTransformJobs(
      { client, pageSize: query.pageSize ?? 50, ...(query.nextToken ? { startingToken: query.nextToken } : {}) },
      { ...listInput(query), ...(query.status ? { StatusEquals: query.status } : {}) },
      { abortSignal: signal },
    ),
  );
  return {
    jobs: (page?.TransformJobSummaries ?? []).map((j) => ({
      name: j.TransformJobName ?? '',
      arn: j.TransformJobArn ?? '',
      status: j.TransformJobStatus ?? 'Unknown',
      createdAt: ms(j.CreationTime),
      endedAt: ms(j.TransformEndTime),
      modifiedAt: ms(j.LastModifiedTime),
      ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
    })),
    ...(page?.NextToken ? { nextToken: page.NextToken } : {}),
  };
}

export async function describeTransformJob(client: SageMakerClient, transformJobName: string, signal?: AbortSignal): Promise<TransformJobDetail> {
  const j = await client.send(new DescribeTransformJobCommand({ TransformJobName: transformJobName }), { abortSignal: signal });
  return {
    name: j.TransformJobName ?? transformJobName,
    arn: j.TransformJobArn ?? '',
    status: j.TransformJobStatus ?? 'Unknown',
    createdAt: ms(j.CreationTime),
    startedAt: ms(j.TransformStartTime),
    endedAt: ms(j.TransformEndTime),
    ...(j.FailureReason ? { failureReason: j.FailureReason } : {}),
    instanceCount: j.TransformResources?.InstanceCount ?? 1,
    instanceType: j.TransformResources?.InstanceType,
    ...(j.ModelName ? { modelName: j.ModelName } : {}),
  };
}
