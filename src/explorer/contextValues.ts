/** `contextValue` of each kind of tree item, matched exactly (`viewItem == …`) in package.json menus. */
export const ContextValue = {
  EndpointsRoot: 'endpointsRoot',
  TrainingJobsRoot: 'trainingJobsRoot',
  TrainingJobsRootFiltered: 'trainingJobsRootFiltered',
  ProcessingJobsRoot: 'processingJobsRoot',
  ProcessingJobsRootFiltered: 'processingJobsRootFiltered',
  TransformJobsRoot: 'transformJobsRoot',
  TransformJobsRootFiltered: 'transformJobsRootFiltered',
  TuningJobsRoot: 'tuningJobsRoot',
  TuningJobsRootFiltered: 'tuningJobsRootFiltered',
  PipelinesRoot: 'pipelinesRoot',
  PipelinesRootFiltered: 'pipelinesRootFiltered',
  Endpoint: 'endpoint',
  Variant: 'variant',
  Instance: 'instance',
  InferenceComponent: 'inferenceComponent',
  /** A container or accelerator of an instance (enhanced metrics). */
  InstanceLevel: 'instanceLevel',
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
  TuningJob: 'tuningJob',
  Pipeline: 'pipeline',
  PipelineExecution: 'pipelineExecution',
  PipelineStep: 'pipelineStep',
  PipelineStepNoJob: 'pipelineStepNoJob',
  LogStream: 'logStream',
  LoadMore: 'loadMore',
  Failure: 'failure',
  Message: 'message',
} as const;

/**
 * Appended to a job's context value while it is watched (`trainingJobWatched`, `processingJobFailedWatched`):
 * its menu offers Unwatch instead of Watch; the other menus match both.
 */
export const WATCHED_SUFFIX = 'Watched';
