/**
 * Everything that needs the AWS SDK, behind one module. The extension loads it on first use (`loadBackend`,
 * a plain `require` the build maps to `dist/aws-backend.js`), so activation neither parses nor evaluates
 * the SDK.
 */
export { ClientFactory } from './clients';
export { readFailureLogs } from './failureLogs';
export { hostDimensionIndex, listEndpointInstances, listProcessingHosts, listTrainingHosts, listTransformInstances } from './instances';
export { describeProcessingJob, describeTransformJob, listProcessingJobsPage, listTransformJobsPage } from './jobs';
export { describePipelineExecution, describeTuningJob, listPipelineExecutionsPage, listPipelineSteps, listPipelinesPage, listTuningChildren, listTuningJobsPage } from './tuningPipelines';
export { endpointGauges } from './endpointGauges';
export { describeInferenceComponent, inferenceComponentLogs, listInferenceComponents } from './inferenceComponents';
export { describeEndpoint, describeTrainingJob, listEndpoints, listTrainingJobsPage } from './sagemaker';
export { SdkLogSource } from './logs/source';
export { logStreamPages } from './logs/streams';
export { describeAlarmsFor, discoverEndpointInstanceMetrics, discoverHostMetrics, discoverInferenceComponentMetrics, discoverPipelineMetrics, discoverTrainingInstanceMetrics, getMetricData, putMetricAlarm } from './metrics';
export { describeQueryDefinitions, getLogRecord, getQueryResults, logGroupsWithPrefix, putQueryDefinition, startQuery, stopQuery } from './insights';
