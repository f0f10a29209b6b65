/** `contextValue` of each kind of tree item, matched exactly (`viewItem == …`) in package.json menus. */
export const ContextValue = {
  EndpointsRoot: 'endpointsRoot',
  TrainingJobsRoot: 'trainingJobsRoot',
  TrainingJobsRootFiltered: 'trainingJobsRootFiltered',
  Endpoint: 'endpoint',
  Variant: 'variant',
  Instance: 'instance',
  TrainingJob: 'trainingJob',
  TrainingHost: 'trainingHost',
  LogStream: 'logStream',
  LoadMore: 'loadMore',
  Failure: 'failure',
  Message: 'message',
} as const;
