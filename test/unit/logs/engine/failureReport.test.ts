import * as assert from 'node:assert/strict';
import {
  algoHostStreams,
  diagnosticMessage,
  failureLogSource,
  failureReport,
  failureTraceback,
  notFailedMessage,
  processingFailure,
  trainingFailure,
  transformFailure,
  transformInstanceStreams,
} from '../../../../src/logs/engine/failureReport';
import { failureReportPath, jobOfFailureReportPath } from '../../../../src/logs/engine/reportPath';
import { streamHostLabel, type FailureLogs } from '../../../../src/shared/logs/failure';
import type { ProcessingJobDetail, TrainingJobDetail, TransformJobDetail } from '../../../../src/shared/model';

const T = Date.UTC(2026, 10, 24, 12);
const TRACEBACK = [
  'Traceback (most recent call last):',
  '  File "/opt/ml/processing/input/code/preprocess.py", line 58, in <module>',
  '    main(parse_args())',
  '  File "/opt/ml/processing/input/code/preprocess.py", line 34, in build_features',
  '    labels = df[LABEL].astype(int)',
  "KeyError: 'churned'",
];

const processing: ProcessingJobDetail = {
  name: 'churn-nightly',
  arn: 'arn',
  status: 'Failed',
  endedAt: T,
  failureReason: 'AlgorithmError: See job logs for more information',
  exitMessage: TRACEBACK.join('\n'),
  instanceCount: 1,
  containerEntrypoint: [],
  containerArguments: [],
  inputs: [],
};
const transform: TransformJobDetail = { name: 'scoring', arn: 'arn', status: 'Failed', failureReason: 'ClientError: See job logs', instanceCount: 2 };
const training: TrainingJobDetail = {
  name: 'bert',
  arn: 'arn',
  status: 'InProgress',
  secondaryStatus: 'Training',
  instanceCount: 1,
  transitions: [],
  metricDefinitions: [],
  hyperParameters: {},
};
const lines = (messages: string[]) => messages.map((message, i) => ({ timestamp: T - 60_000 + i * 1000, message }));

describe('logs/engine/failureReport: Show Failure for every kind of job', () => {
  it("a failed training job's report gives its training and billable seconds and Spot saving after the FailureReason", () => {
    const failed: TrainingJobDetail = { ...training, status: 'Failed', failureReason: 'AlgorithmError: boom', instanceCount: 2, trainingSeconds: 300, billableSeconds: 90, managedSpot: true };
    const text = failureReport(trainingFailure(failed), { hosts: [] }, 'none');
    assert.match(text, /FailureReason:\n {2}AlgorithmError: boom\nTraining seconds: 600\nBillable seconds: 180\nManaged Spot Training savings: 70\.0%\n\n=== \[traceback\]/);
    assert.doesNotMatch(failureReport(trainingFailure({ ...training, status: 'Failed' }), { hosts: [] }, 'none'), /seconds/);
  });

  it('says a job that has not failed has not, in its own words', () => {
    assert.equal(notFailedMessage(trainingFailure(training)), 'Training job bert has not failed (it is InProgress, Training).');
    assert.equal(notFailedMessage(processingFailure({ ...processing, status: 'Completed' })), 'Processing job churn-nightly has not failed (it is Completed).');
    assert.equal(notFailedMessage(transformFailure({ ...transform, status: 'Stopped' })), 'Transform job scoring has not failed (it is Stopped).');
    assert.equal(notFailedMessage(transformFailure(transform)), undefined);
  });

  it('reads the newest stream of each host, and both streams of each transform instance', () => {
    const s = (logStreamName: string, startedAt: number) => ({ logStreamName, startedAt });
    assert.deepEqual(
      algoHostStreams([
        { host: 'algo-1', streams: [s('j/algo-1-1700000000', 1700000000), s('j/algo-1-1700000900', 1700000900)] },
        { host: 'algo-2', streams: [] },
      ]),
      [{ host: 'algo-1', logStreamName: 'j/algo-1-1700000900' }],
    );
    assert.deepEqual(
      transformInstanceStreams([
        { transformJobName: 'j', instanceId: 'i-1', streams: [s('j/i-1-1700000000', 1700000000)], dataLogStreams: [s('j/i-1-1700000000/data-log', 1700000000)] },
        { transformJobName: 'j', instanceId: 'i-2', streams: [], dataLogStreams: [s('j/i-2-1700000000/data-log', 1700000000)] },
      ]),
      [
        { host: 'i-1', logStreamName: 'j/i-1-1700000000' },
        { host: 'i-1/data-log', logStreamName: 'j/i-1-1700000000/data-log' },
        { host: 'i-2/data-log', logStreamName: 'j/i-2-1700000000/data-log' },
      ],
    );
    assert.deepEqual(failureLogSource({ kind: 'processing', name: 'p' }, []), { logGroupName: '/aws/sagemaker/ProcessingJobs', streamPrefix: 'p/', streams: [] });
    assert.equal(failureLogSource({ kind: 'transform', name: 't' }, []).logGroupName, '/aws/sagemaker/TransformJobs');
    assert.equal(failureLogSource({ kind: 'training', name: 't' }, []).logGroupName, '/aws/sagemaker/TrainingJobs');
  });

  it('names a stream found by search by its host', () => {
    assert.equal(streamHostLabel('j/algo-2-1700000000', 'j/'), 'algo-2');
    assert.equal(streamHostLabel('j/i-0abc-1700000000/data-log', 'j/'), 'i-0abc/data-log');
    assert.equal(streamHostLabel('j/i-0abc-1700000000', 'j/'), 'i-0abc');
    assert.equal(streamHostLabel('j/odd', 'j/'), 'odd');
  });

  it('a processing job\'s report: FailureReason, ExitMessage, the first traceback, each host\'s last lines', () => {
    const logs: FailureLogs = {
      hosts: [{ host: 'algo-1', logStreamName: 'churn-nightly/algo-1-1700000000', lastLines: lines(['Loaded 1284113 rows', ...TRACEBACK]) }],
      traceback: { host: 'algo-1', logStreamName: 'churn-nightly/algo-1-1700000000', lines: lines(TRACEBACK) },
    };
    const text = failureReport(processingFailure(processing), logs, 'utc');
    const out = text.split('\n');
    assert.equal(out[0], '=== [failure] Processing job churn-nightly failed at 2026-11-24 12:00:00.000Z');
    assert.deepEqual(out.slice(1, 4), ['FailureReason:', '  AlgorithmError: See job logs for more information', 'ExitMessage:']);
    assert.deepEqual(out.slice(4, 4 + TRACEBACK.length), TRACEBACK.map((l) => `  ${l}`));
    assert.ok(text.includes('=== [traceback] first traceback, algo-1 (churn-nightly/algo-1-1700000000)\n2026-11-24 11:59:00.000Z [algo-1] Traceback (most recent call last):'), text);
    assert.ok(text.includes('=== [host] algo-1: last 7 lines (churn-nightly/algo-1-1700000000)'), text);
    assert.ok(text.endsWith("[algo-1] KeyError: 'churned'\n"), text);
  });

  it('a transform job\'s report: no ExitMessage, a section per stream, no traceback', () => {
    const logs: FailureLogs = {
      hosts: [
        { host: 'i-1', logStreamName: 'scoring/i-1-1700000000', lastLines: lines(['"POST /invocations HTTP/1.1" 400']) },
        { host: 'i-1/data-log', logStreamName: 'scoring/i-1-1700000000/data-log', lastLines: lines(['part-00001.csv: ClientError: 400']) },
      ],
    };
    const text = failureReport(transformFailure(transform), logs, 'none');
    assert.match(text, /^=== \[failure\] Transform job scoring failed\nFailureReason:\n {2}ClientError: See job logs\n\n=== \[traceback\] no Python traceback found near the end of the logs\n/);
    assert.ok(!text.includes('ExitMessage'));
    assert.ok(text.includes('=== [host] i-1/data-log: last 1 lines (scoring/i-1-1700000000/data-log)\n[i-1/data-log] part-00001.csv: ClientError: 400\n'), text);
    assert.match(failureReport(transformFailure(transform), { hosts: [] }, 'none'), /=== \[host\] no log streams: the transform job failed before any instance started\n$/);
  });

  it('the Problems entry\'s traceback: the logs\' first, else the ExitMessage\'s; its message names the job and host', () => {
    const fromLogs = failureTraceback(processingFailure(processing), { hosts: [], traceback: { host: 'algo-1', logStreamName: 's', lines: lines(TRACEBACK) } });
    assert.equal(fromLogs?.host, 'algo-1');
    assert.deepEqual(fromLogs?.traceback.frames.map((f) => f.line), [58, 34]);
    const fromExit = failureTraceback(processingFailure(processing), { hosts: [] });
    assert.equal(fromExit?.host, undefined);
    assert.equal(fromExit?.traceback.error, "KeyError: 'churned'");
    assert.match(failureReport(processingFailure(processing), { hosts: [] }, 'none'), /=== \[traceback\] no Python traceback found near the end of the logs; the ExitMessage above has one/);
    assert.equal(failureTraceback(transformFailure(transform), { hosts: [] }), undefined);
    assert.equal(diagnosticMessage(processingFailure(processing), fromLogs!.traceback, 'algo-1'), "KeyError: 'churned' (processing job churn-nightly, algo-1)");
    assert.equal(diagnosticMessage(transformFailure(transform), { ...fromLogs!.traceback, error: '' }, undefined), 'Transform job failed here (transform job scoring)');
  });

  it('the report\'s path names the kind and the job, and reads back (a training job\'s older path too)', () => {
    for (const job of [{ kind: 'training', name: 'a' }, { kind: 'processing', name: 'b-1' }, { kind: 'transform', name: 'C2' }] as const) {
      assert.deepEqual(jobOfFailureReportPath(failureReportPath(job)), job);
    }
    assert.equal(failureReportPath({ kind: 'processing', name: 'p' }), '/processing/p.log');
    assert.deepEqual(jobOfFailureReportPath('/bert.log'), { kind: 'training', name: 'bert' });
    assert.equal(jobOfFailureReportPath('/other/x.log'), undefined);
    assert.equal(jobOfFailureReportPath('/../x.log'), undefined);
  });
});
