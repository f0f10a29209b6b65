/**
 * The demo's endpoints of the newer kinds (DEMO.endpoints, DEMO.inferenceComponents):
 *  llm-chat-ic           inference components on AllTraffic (2 × ml.g5.12xlarge, enhanced metrics):
 *                        llama3-8b-chat InService 2 → 2 copies; mistral-7b-summarize Updating 1 → 3 copies
 *                        (copy 2 at +6 min, copy 3 and InService at +12 min of sim time)
 *  churn-async           asynchronous (1 × ml.m5.xlarge): a backlog builds from −160 min, the instance is scaled
 *                        in to 0 from −130 to −100 min (HasBacklogWithoutCapacity 1), peak at −95 min, drained by −30 min;
 *                        alarm churn-async-backlog-without-capacity
 *  sentiment-serverless  serverless (4096 MB, max concurrency 20, provisioned concurrency 2), cold starts
 *  recsys-mme            multi-model (2 × ml.c5.2xlarge, Mode MultiModel), cache misses, LoadedModelCount varying
 */
import { type Account } from '../src/model/state';
import { addAsyncEndpoint, addInferenceComponentEndpoint, addMultiModelEndpoint, addServerlessEndpoint } from './endpointKinds';

const MIN = 60_000;
const DAYMS = 86400_000;

export const DEMO_ENDPOINT_KINDS = {
  inferenceComponents: 'llm-chat-ic',
  async: 'churn-async',
  serverless: 'sentiment-serverless',
  multiModel: 'recsys-mme',
} as const;

export const DEMO_INFERENCE_COMPONENTS = {
  inService: 'llama3-8b-chat',
  updating: 'mistral-7b-summarize',
} as const;

export const DEMO_ASYNC_ALARM = 'churn-async-backlog-without-capacity';

const LMI_IMAGE = '763104351884.dkr.ecr.us-east-1.amazonaws.com/djl-inference:0.29.0-lmi11.0.0-cu124';

export function buildDemoEndpoints(acc: Account, T: number): void {
  addInferenceComponentEndpoint(acc, T, {
    name: DEMO_ENDPOINT_KINDS.inferenceComponents,
    createdDaysAgo: 30,
    instanceType: 'ml.g5.12xlarge',
    instances: 2,
    cores: 48,
    gpus: 4,
    memMb: 196_608,
    traffic: { rpm: 120, latencyUs: 1_800_000 },
    enhanced: true,
    components: [
      {
        name: DEMO_INFERENCE_COMPONENTS.inService,
        model: 'llama3-8b-chat-model',
        image: LMI_IMAGE,
        accelerators: 1,
        cores: 2,
        memMb: 24_576,
        copies: [{ instance: 0 }, { instance: 1 }],
        steps: [],
        createdDaysAgo: 10,
        traffic: { rpm: 90, latencyUs: 1_900_000, err4xx: 0.003, err5xx: 0.001 },
        level: { cpu: 0.35, mem: 0.6, gpu: 0.55 },
      },
      {
        name: DEMO_INFERENCE_COMPONENTS.updating,
        model: 'mistral-7b-summarize-model',
        image: LMI_IMAGE,
        accelerators: 1,
        cores: 2,
        memMb: 16_384,
        copies: [{ instance: 0 }, { instance: 1, offsetMs: 6 * MIN }, { instance: 0, offsetMs: 12 * MIN }],
        steps: [
          { status: 'Updating', offsetMs: -4 * MIN, desiredCopies: 3 },
          { status: 'InService', offsetMs: 12 * MIN, desiredCopies: 3 },
        ],
        createdDaysAgo: 2,
        traffic: { rpm: 45, latencyUs: 2_600_000, err5xx: 0.002 },
        level: { cpu: 0.4, mem: 0.5, gpu: 0.8 },
      },
    ],
  });
  addAsyncEndpoint(acc, T, {
    name: DEMO_ENDPOINT_KINDS.async,
    createdDaysAgo: 60,
    instanceType: 'ml.m5.xlarge',
    instances: 1,
    cores: 4,
    gpus: 0,
    memMb: 16_384,
    traffic: { rpm: 40, latencyUs: 900_000 },
    model: 'churn-async-model',
    image: '683313688378.dkr.ecr.us-east-1.amazonaws.com/sagemaker-scikit-learn:1.2-1-cpu-py3',
    backlog: { rise: -160 * MIN, zeroFrom: -130 * MIN, zeroTo: -100 * MIN, peak: -95 * MIN, drained: -30 * MIN, peakSize: 1800 },
  });
  addServerlessEndpoint(acc, T, {
    name: DEMO_ENDPOINT_KINDS.serverless,
    createdDaysAgo: 45,
    traffic: { rpm: 25, latencyUs: 35_000 },
    model: 'sentiment-distilbert-model',
    image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-inference:2.1.0-transformers4.37.0-cpu-py310-ubuntu22.04',
    serverless: { MemorySizeInMB: 4096, MaxConcurrency: 20, ProvisionedConcurrency: 2 },
  });
  addMultiModelEndpoint(acc, T, {
    name: DEMO_ENDPOINT_KINDS.multiModel,
    createdDaysAgo: 120,
    instanceType: 'ml.c5.2xlarge',
    instances: 2,
    cores: 8,
    gpus: 0,
    memMb: 16_384,
    traffic: { rpm: 600, latencyUs: 12_000 },
    model: 'recsys-mme-models',
    image: '763104351884.dkr.ecr.us-east-1.amazonaws.com/pytorch-inference:2.1.0-cpu-py310',
  });

  acc.alarms.set(DEMO_ASYNC_ALARM, {
    ActionsEnabled: true,
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:ml-oncall'],
    OKActions: [],
    InsufficientDataActions: [],
    updated: T - 20 * DAYMS,
    AlarmName: DEMO_ASYNC_ALARM,
    AlarmDescription: `Requests wait in ${DEMO_ENDPOINT_KINDS.async}'s queue with no instance to serve them`,
    Namespace: 'AWS/SageMaker',
    MetricName: 'HasBacklogWithoutCapacity',
    Dimensions: [{ Name: 'EndpointName', Value: DEMO_ENDPOINT_KINDS.async }],
    Statistic: 'Average',
    Period: 60,
    EvaluationPeriods: 2,
    Threshold: 1,
    ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    TreatMissingData: 'missing',
  });
}
