/** The SageMaker resources of one connection, as the explorer reads them. No caching: callers decide. */
import type { AwsClients } from './clients';
import { listEndpointInstances, listTrainingHosts } from './instances';
import { describeEndpoint, describeTrainingJob, listEndpoints, listTrainingJobsPage, type TrainingJobQuery } from './sagemaker';
import type { EndpointDetail, EndpointInstance, EndpointSummary, TrainingHost, TrainingJobDetail, TrainingJobSummary } from '../shared/model';

export interface ResourceCatalog {
  listEndpoints(signal?: AbortSignal): Promise<EndpointSummary[]>;
  describeEndpoint(endpointName: string, signal?: AbortSignal): Promise<EndpointDetail>;
  listEndpointInstances(endpointName: string, variantName: string, signal?: AbortSignal): Promise<EndpointInstance[]>;
  listTrainingJobs(query: TrainingJobQuery, signal?: AbortSignal): Promise<{ jobs: TrainingJobSummary[]; nextToken?: string }>;
  describeTrainingJob(trainingJobName: string, signal?: AbortSignal): Promise<TrainingJobDetail>;
  listTrainingHosts(trainingJobName: string, instanceCount: number, signal?: AbortSignal): Promise<TrainingHost[]>;
}

/** A catalogue over whatever clients the connection currently has (they change with the settings). */
export class AwsResourceCatalog implements ResourceCatalog {
  constructor(private readonly clients: () => AwsClients) {}

  listEndpoints(signal?: AbortSignal) {
    return listEndpoints(this.clients().sagemaker, signal);
  }

  describeEndpoint(endpointName: string, signal?: AbortSignal) {
    return describeEndpoint(this.clients().sagemaker, endpointName, signal);
  }

  listEndpointInstances(endpointName: string, variantName: string, signal?: AbortSignal) {
    return listEndpointInstances(this.clients(), endpointName, variantName, signal);
  }

  listTrainingJobs(query: TrainingJobQuery, signal?: AbortSignal) {
    return listTrainingJobsPage(this.clients().sagemaker, query, signal);
  }

  describeTrainingJob(trainingJobName: string, signal?: AbortSignal) {
    return describeTrainingJob(this.clients().sagemaker, trainingJobName, signal);
  }

  listTrainingHosts(trainingJobName: string, instanceCount: number, signal?: AbortSignal) {
    return listTrainingHosts(this.clients().logs, trainingJobName, instanceCount, signal);
  }
}
