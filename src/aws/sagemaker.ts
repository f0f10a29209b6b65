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

/** The endpoint with its production variants; instance types come from the endpoint config. */
export async function describeEndpoint(client: SageMakerClient, endpointName: string, signal?: AbortSignal): Promise<EndpointDetail> {
  const e = await client.send(new DescribeEndpointCommand({ EndpointName: endpointName }), { abortSignal: signal });
  const instanceTypes = new Map<string, string | undefined>();
  const serverless = new Set<string>();
  if (e.EndpointConfigName) {
    const config = await client.send(new DescribeEndpointConfigCommand({ EndpointConfigName: e.EndpointConfigName }), { abortSignal: signal });
    for (const v of config.ProductionVariants ?? []) {
      instanceTypes.set(v.VariantName ?? '', v.InstanceType);
      if (v.ServerlessConfig) {
        serverless.add(v.VariantName ?? '');
      }
    }
  }
  // While an endpoint is Creating, DescribeEndpoint has no variants yet; the config has them.
  const variantNames = e.ProductionVariants?.length ? e.ProductionVariants.map((v) => v.VariantName ?? '') : [...instanceTypes.keys()];
  return {
    name: e.EndpointName ?? endpointName,
    arn: e.EndpointArn ?? '',
    status: e.EndpointStatus ?? 'Unknown',
    createdAt: ms(e.CreationTime),
    modifiedAt: ms(e.LastModifiedTime),
    configName: e.EndpointConfigName,
    failureReason: e.FailureReason,
    variants: variantNames.map((name) => {
      const v = e.ProductionVariants?.find((p) => p.VariantName === name);
      return {
        name,
        currentInstanceCount: v?.CurrentInstanceCount,
        desiredInstanceCount: v?.DesiredInstanceCount,
        currentWeight: v?.CurrentWeight,
        instanceType: instanceTypes.get(name),
        serverless: serverless.has(name) || v?.CurrentServerlessConfig !== undefined,
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
