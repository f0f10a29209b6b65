/** Links into the AWS console for a resource, in the resource's own region and partition. */

function consoleHost(region: string): string {
  if (region.startsWith('cn-')) {
    return `${region}.console.amazonaws.cn`;
  }
  if (region.startsWith('us-gov-')) {
    return `${region}.console.amazonaws-us-gov.com`;
  }
  return `${region}.console.aws.amazon.com`;
}

export type ConsoleResource =
  | { readonly kind: 'endpoint'; readonly name: string }
  | { readonly kind: 'trainingJob'; readonly name: string }
  | { readonly kind: 'processingJob'; readonly name: string }
  | { readonly kind: 'transformJob'; readonly name: string }
  | { readonly kind: 'tuningJob'; readonly name: string }
  | { readonly kind: 'logStream'; readonly logGroupName: string; readonly logStreamName: string };

/** CloudWatch's console encodes `/` in log group and stream names as `$252F` inside its fragment. */
function cloudWatchFragment(value: string): string {
  return encodeURIComponent(encodeURIComponent(value)).replace(/%/g, '$');
}

export function consoleUrl(region: string, resource: ConsoleResource): string {
  const base = `https://${consoleHost(region)}`;
  switch (resource.kind) {
    case 'endpoint':
      return `${base}/sagemaker/home?region=${region}#/endpoints/${encodeURIComponent(resource.name)}`;
    case 'trainingJob':
      return `${base}/sagemaker/home?region=${region}#/jobs/${encodeURIComponent(resource.name)}`;
    case 'processingJob':
      return `${base}/sagemaker/home?region=${region}#/processing-jobs/${encodeURIComponent(resource.name)}`;
    case 'transformJob':
      return `${base}/sagemaker/home?region=${region}#/transform-jobs/${encodeURIComponent(resource.name)}`;
    case 'tuningJob':
      return `${base}/sagemaker/home?region=${region}#/hyper-tuning-jobs/${encodeURIComponent(resource.name)}`;
    case 'logStream':
      return `${base}/cloudwatch/home?region=${region}#logsV2:log-groups/log-group/${cloudWatchFragment(resource.logGroupName)}/log-events/${cloudWatchFragment(resource.logStreamName)}`;
  }
}
