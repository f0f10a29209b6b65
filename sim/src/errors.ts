/** An AWS-shaped error. `code` is the JSON `__type`; `queryCode` the awsQuery `<Code>` (CloudWatch). */
export class AwsError extends Error {
  /** more members of the JSON error body (MalformedQueryException's queryCompileError) */
  extra?: Record<string, unknown>;
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
    public readonly sender: 'Sender' | 'Receiver' = 'Sender',
    public readonly queryCode?: string,
  ) {
    super(message);
  }
}

export const validation = (msg: string) => new AwsError('ValidationException', msg);
export const invalidParam = (msg: string) => new AwsError('InvalidParameterException', msg);
export const notFound = (msg: string) => new AwsError('ResourceNotFoundException', msg);

/** CloudWatch error with both the JSON `__type` and the query code. */
export const cwError = (queryCode: string, msg: string, status = 400, jsonType?: string) =>
  new AwsError(jsonType ?? queryCode, msg, status, status >= 500 ? 'Receiver' : 'Sender', queryCode);
