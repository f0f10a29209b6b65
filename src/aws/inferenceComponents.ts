/** Reads of what an endpoint hosts: its inference components, and whether a variant's model serves many models. */
import {
  DescribeInferenceComponentCommand,
  DescribeModelCommand,
  paginateListInferenceComponents,
  type DescribeInferenceComponentCommandOutput,
  type InferenceComponentSummary,
  type SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import { DescribeLogStreamsCommand, type CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { InferenceComponentInfo } from '../shared/model';
import { endpointLogGroup, inferenceComponentLogGroup } from '../shared/names';
import { classifyAwsError } from './errors';

const ms = (d: Date | undefined): number | undefined => (d ? d.getTime() : undefined);

function fromSummary(s: InferenceComponentSummary): InferenceComponentInfo {
  return {
    name: s.InferenceComponentName ?? '',
    arn: s.InferenceComponentArn ?? '',
    endpointName: s.EndpointName ?? '',
    variantName: s.VariantName ?? '',
    status: s.InferenceComponentStatus ?? 'Unknown',
    createdAt: ms(s.CreationTime),
    modifiedAt: ms(s.LastModifiedTime),
  };
}

function fromDescription(d: DescribeInferenceComponentCommandOutput, name: string): InferenceComponentInfo {
  const spec = d.Specification;
  const compute = spec?.ComputeResourceRequirements;
  return {
    name: d.InferenceComponentName ?? name,
    arn: d.InferenceComponentArn ?? '',
    endpointName: d.EndpointName ?? '',
    variantName: d.VariantName ?? '',
    status: d.InferenceComponentStatus ?? 'Unknown',
    createdAt: ms(d.CreationTime),
    modifiedAt: ms(d.LastModifiedTime),
    ...(d.FailureReason ? { failureReason: d.FailureReason } : {}),
    ...(spec?.ModelName ? { modelName: spec.ModelName } : {}),
    ...(d.RuntimeConfig?.CurrentCopyCount !== undefined ? { currentCopyCount: d.RuntimeConfig.CurrentCopyCount } : {}),
    ...(d.RuntimeConfig?.DesiredCopyCount !== undefined ? { desiredCopyCount: d.RuntimeConfig.DesiredCopyCount } : {}),
    ...(compute?.NumberOfAcceleratorDevicesRequired !== undefined ? { acceleratorsPerCopy: compute.NumberOfAcceleratorDevicesRequired } : {}),
    ...(compute?.NumberOfCpuCoresRequired !== undefined ? { cpuCoresPerCopy: compute.NumberOfCpuCoresRequired } : {}),
    ...(compute?.MinMemoryRequiredInMb !== undefined ? { memoryPerCopyMb: compute.MinMemoryRequiredInMb } : {}),
  };
}

export async function describeInferenceComponent(client: SageMakerClient, name: string, signal?: AbortSignal): Promise<InferenceComponentInfo> {
  return fromDescription(await client.send(new DescribeInferenceComponentCommand({ InferenceComponentName: name }), { abortSignal: signal }), name);
}

/**
 * An endpoint's inference components, oldest first (ListInferenceComponents pages of 100), each described for
 * its copies and compute (one DescribeInferenceComponent each; a failed describe keeps the summary).
 */
export async function listInferenceComponents(client: SageMakerClient, endpointName: string, signal?: AbortSignal): Promise<InferenceComponentInfo[]> {
  const summaries: InferenceComponentInfo[] = [];
  for await (const page of paginateListInferenceComponents(
    { client, pageSize: 100 },
    { EndpointNameEquals: endpointName, SortBy: 'CreationTime', SortOrder: 'Ascending' },
    { abortSignal: signal },
  )) {
    summaries.push(...(page.InferenceComponents ?? []).map(fromSummary));
  }
  return Promise.all(
    summaries.map((s) =>
      describeInferenceComponent(client, s.name, signal).then(
        (d) => ({ ...s, ...d }),
        (e: unknown) => {
          if (signal?.aborted) {
            throw e;
          }
          return s;
        },
      ),
    ),
  );
}

/** Whether a model's container serves many models (Mode MultiModel); undefined when it cannot be read. */
export async function isMultiModel(client: SageMakerClient, modelName: string, signal?: AbortSignal): Promise<boolean | undefined> {
  try {
    const m = await client.send(new DescribeModelCommand({ ModelName: modelName }), { abortSignal: signal });
    return [m.PrimaryContainer, ...(m.Containers ?? [])].some((c) => c?.Mode === 'MultiModel');
  } catch (e) {
    if (signal?.aborted) {
      throw e;
    }
    return undefined;
  }
}

/**
 * Where an inference component's logs are: its own group `/aws/sagemaker/InferenceComponents/[name]` when it
 * exists (one DescribeLogStreams of one stream to tell), else its variant's streams in the endpoint's group.
 */
export async function inferenceComponentLogs(
  clients: { logs: CloudWatchLogsClient; sagemaker: SageMakerClient },
  endpointName: string,
  inferenceComponentName: string,
  signal?: AbortSignal,
): Promise<{ logGroupName: string; prefix?: string }> {
  const own = inferenceComponentLogGroup(inferenceComponentName);
  try {
    await clients.logs.send(new DescribeLogStreamsCommand({ logGroupName: own, limit: 1 }), { abortSignal: signal });
    return { logGroupName: own };
  } catch (e) {
    if (classifyAwsError(e).kind !== 'notFound') {
      throw e;
    }
  }
  const ic = await describeInferenceComponent(clients.sagemaker, inferenceComponentName, signal);
  return { logGroupName: endpointLogGroup(ic.endpointName || endpointName), ...(ic.variantName ? { prefix: `${ic.variantName}/` } : {}) };
}
