/** `contextValue` of each kind of tree item, matched exactly (`viewItem == …`) in package.json menus. */
export const ContextValue = {
  EndpointsRoot: 'endpointsRoot',
  TrainingJobsRoot: 'trainingJobsRoot',
  TrainingJobsRootFiltered: 'trainingJobsRootFiltered',
  ProcessingJobsRoot: 'processingJobsRoot',
  ProcessingJobsRootFiltered: 'processingJobsRootFiltered',
  TransformJobsRoot: 'transformJobsRoot',
  TransformJobsRootFiltered: 'transformJobsRootFiltered',
  Endpoint: 'endpoint',
  Variant: 'variant',
  Instance: 'instance',
  TrainingJob: 'trainingJob',
  TrainingHost: 'trainingHost',
  ProcessingJob: 'processingJob',
  /** A failed processing job: its menu adds Show Failure. */
  ProcessingJobFailed: 'processingJobFailed',
  ProcessingHost: 'processingHost',
  TransformJob: 'transformJob',
  /** A failed transform job: its menu adds Show Failure. */
  TransformJobFailed: 'transformJobFailed',
  TransformInstance: 'transformInstance',
  LogStream: 'logStream',
  LoadMore: 'loadMore',
  Failure: 'failure',
  Message: 'message',
} as const;
