/**
 * Everything that needs the AWS SDK, behind one module. The extension imports it on first use
 * (`import('./backend')`), and the build bundles it as its own file, so activation neither parses nor
 * evaluates the SDK.
 */
export { ClientFactory } from './clients';
export { readFailureLogs } from './failureLogs';
export { hostDimensionIndex, listEndpointInstances, listTrainingHosts } from './instances';
export { describeEndpoint, describeTrainingJob, listEndpoints, listTrainingJobsPage } from './sagemaker';
export { SdkLogSource } from './logs/source';
export { logStreamPages } from './logs/streams';
export { describeAlarmsFor, discoverEndpointInstanceMetrics, discoverTrainingInstanceMetrics, getMetricData, putMetricAlarm } from './metrics';
