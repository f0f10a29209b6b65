/** SageMaker reads the explorer needs, as thin wrappers that map SDK shapes to domain types. */
import {
  DescribeEndpointCommand,
  DescribeEndpointConfigCommand,
  DescribeTrainingJobCommand,
  ListTrainingJobsCommand,
  paginateListEndpoints,
  type SageMakerClient,
  type TrainingJobStatus as SdkTrainingJobStatus,
} from '@aws-sdk/client-sagemaker';
import { isMultiModel } from './inferenceComponents';
import type { EndpointDetail, EndpointSummary, TrainingJobDetail, TrainingJobSummary } from '../shared/model';

const ms = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

/** All endpoints, newest first (SageMaker pages of 100). */
export async function listEndpoints(client: SageMakerClient, signal?: AbortSignal): Promise<EndpointSummary[]> {
  const endpoints: EndpointSummary[] = [];
  for await (const page of paginateListEndpoints({ client, pageSize: 100 }, { SortBy: 'CreationTime', SortOrder: 'Descending' }, { abortSignal: signal })) {
    for (const e of page.Endpoints ?? []) {
      endpoints.push({
        name: e.EndpointName ?? '',
        arn: e.EndpointArn ?? '',
        status: e.EndpointStatus ?? 'Unknown',
        createdAt: ms(e.CreationTime),
        modifiedAt: ms(e.LastModifiedTime),
      });
    }
  }
  return endpoints;
}

/**
 * The endpoint with its production variants and what kind it is: instance types, serverless and model names come
 * from the endpoint config; one DescribeModel per variant with a model tells a multi-model endpoint.
 */
export async function describeEndpoint(client: SageMakerClient, endpointName: string, signal?: AbortSignal): Promise<EndpointDetail> {
  const e = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }), { abortSignal: signal });
  const config = e.EndpointConfigName ? await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }), { abortSignal: signal }) : undefined;
  const configured = new Map((config?.ProductionVariants ?? []).map((v) => [v.VariantName ?? '', v]));
  // While an endpoint is Creating, DescribeEndpoint has no variants yet; the config has them.
  const variantNames = e.ProductionVariants?.length ? e.ProductionVariants.map((v) => v.VariantName ?? '') : [...configured.keys()];
  const models = new Map(
    await Promise.all(
      [...new Set(variantNames.map((n) => configured.get(n)?.ModelName).filter((m): m is string => !!m))].map(async (m) => [m, await isMultiModel(client, m, signal)] as const),
    ),
  );
  const asyncConfig = e.AsyncInferenceConfig ?? config?.AsyncInferenceConfig;
  const metricsConfig = e.MetricsConfig ?? config?.MetricsConfig;
  return {
    name: e.EndpointName ?? endpointName,
    arn: e.EndpointArn ?? '',
    status: e.EndpointStatus ?? 'Unknown',
    createdAt: ms(e.CreationTime),
    modifiedAt: ms(e.LastModifiedTime),
    configName: e.EndpointConfigName,
    failureReason: e.FailureReason,
    ...(asyncConfig ? { asyncInference: { outputPath: asyncConfig.OutputConfig?.S3OutputPath, failurePath: asyncConfig.OutputConfig?.S3FailurePath } } : {}),
    ...(metricsConfig?.EnableEnhancedMetrics !== undefined ? { enhancedMetrics: metricsConfig.EnableEnhancedMetrics } : {}),
    variants: variantNames.map((name) => {
      const v = e.ProductionVariants?.find((p) => p.VariantName === name);
      const c = configured.get(name);
      const sc = v?.CurrentServerlessConfig ?? c?.ServerlessConfig;
      const multiModel = c?.ModelName ? models.get(c.ModelName) : undefined;
      return {
        name,
        currentInstanceCount: v?.CurrentInstanceCount,
        desiredInstanceCount: v?.DesiredInstanceCount,
        currentWeight: v?.CurrentWeight,
        instanceType: c?.InstanceType,
        serverless: sc !== undefined,
        ...(sc ? { serverlessConfig: { memorySizeInMB: sc.MemorySizeInMB, maxConcurrency: sc.MaxConcurrency, provisionedConcurrency: sc.ProvisionedConcurrency } } : {}),
        ...(c?.ModelName ? { modelName: c.ModelName } : {}),
        ...(multiModel !== undefined ? { multiModel } : {}),
        // A variant with instances and no model hosts inference components.
        ...(c && !c.ModelName && !sc ? { inferenceComponents: true } : {}),
      };
    }),
  };
}

export interface TrainingJobQuery {
  readonly nameContains?: string;
  readonly status?: SdkTrainingJobStatus;
  readonly pageSize?: number;
  readonly nextToken?: string;
}

/** One page of training jobs, newest first; `nextToken` is set while there are more. */
export async function listTrainingJobsPage(
  client: SageMakerClient,
  query: TrainingJobQuery,
  signal?: AbortSignal,
): Promise<{ jobs: TrainingJobSummary[]; nextToken?: string }> {
  const out = await client.send(
    new ListTrainingJobsCommand({
      SortBy: 'CreationTime',
      SortOrder: 'Descending',
      MaxResults: query.pageSize ?? 50,
      ...(query.nameContains ? { NameContains: query.nameContains } : {}),
      ...(query.status ? { StatusEquals: query.status } : {}),
      ...(query.nextToken ? { NextToken: query.nextToken } : {}),
    }),
    { abortSignal: signal },
  );
  return {
    jobs: (out.TrainingJobSummaries ?? []).map((j) => ({
      name: j.TrainingJobName ?? '',
      arn: j.TrainingJobArn ?? '',
      status: j.TrainingJobStatus ?? 'Unknown',
      secondaryStatus: j.SecondaryStatus,
      createdAt: ms(j.CreationTime),
      endedAt: ms(j.TrainingEndTime),
      modifiedAt: ms(j.LastModifiedTime),
    })),
    ...(out.NextToken ? { nextToken: out.NextToken } : {}),
  };
}

export async function describeTrainingJob(client: SageMakerClient, trainingJobName: string, signal?: AbortSignal): Promise<TrainingJobDetail> {
  const j = await client.send(new DescribeTrainingJobCommand({ TrainingJobName: trainingJobName }), { abortSignal: signal });
  return {
    name: j.TrainingJobName ?? trainingJobName,
    arn: j.TrainingJobArn ?? '',
    status: j.TrainingJobStatus ?? 'Unknown',
    secondaryStatus: j.SecondaryStatus,
    createdAt: ms(j.CreationTime),
    startedAt: ms(j.TrainingStartTime),
    endedAt: ms(j.TrainingEndTime),
    modifiedAt: ms(j.LastModifiedTime),
    failureReason: j.FailureReason,
    instanceCount: j.ResourceConfig?.InstanceCount ?? j.ResourceConfig?.InstanceGroups?.reduce((n, g) => n + (g.InstanceCount ?? 0), 0) ?? 1,
    instanceType: j.ResourceConfig?.InstanceType ?? j.ResourceConfig?.InstanceGroups?.[0]?.InstanceType,
    transitions: (j.SecondaryStatusTransitions ?? []).map((t) => ({
      status: t.Status ?? '',
      startedAt: ms(t.StartTime),
      endedAt: ms(t.EndTime),
      message: t.StatusMessage,
    })),
    metricDefinitions: (j.AlgorithmSpecification?.MetricDefinitions ?? []).map((m) => ({ name: m.Name ?? '', regex: m.Regex ?? '' })),
    hyperParameters: j.HyperParameters ?? {},
    ...(j.TrainingTimeInSeconds !== undefined ? { trainingSeconds: j.TrainingTimeInSeconds } : {}),
    ...(j.BillableTimeInSeconds !== undefined ? { billableSeconds: j.BillableTimeInSeconds } : {}),
    ...(j.EnableManagedSpotTraining ? { managedSpot: true } : {}),
  };
}
