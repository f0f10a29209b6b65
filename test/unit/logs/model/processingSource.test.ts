import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO } from '../../../../sim/scenarios/demo';
import { PROCESSING_JOB_TRACEBACK } from '../../../../sim/scenarios/demoJobs';
import { startSimulator } from '../../../../sim/src/server';
import { PROCESSING_CODE_DIR, processingCodeInfo, resolveSourcePath, suggestedMappingPrefix, type MappingContext } from '../../../../src/logs/model/sourceMapping';

const WS = '/home/dev/project';
const folders = [{ name: 'project', path: WS }];
const code = (file: string) => `${PROCESSING_CODE_DIR}/${file}`;

describe('logs/model/sourceMapping: processing jobs run code from their code input', () => {
  it('reads the script and its code directory from ContainerEntrypoint and ProcessingInputs', () => {
    const inputs = [{ localPath: '/opt/ml/processing/input/data' }, { localPath: '/opt/ml/processing/input/code/' }];
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['python3', code('preprocess.py')], inputs }), { codeDir: PROCESSING_CODE_DIR, program: 'preprocess.py' });
    // A script in a sub-directory of the input, and an interpreter whose name has a dot.
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['/usr/bin/python3.9', code('jobs/run.py')], containerArguments: ['--x', '1'], inputs }), {
      codeDir: PROCESSING_CODE_DIR,
      program: 'jobs/run.py',
    });
    // A custom input location holds the script: that is the code directory.
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['python3', '/opt/ml/processing/scripts/src/main.py'], inputs: [{ localPath: '/opt/ml/processing/scripts' }] }), {
      codeDir: '/opt/ml/processing/scripts',
      program: 'src/main.py',
    });
    // The script named in the arguments (a framework processor's runner), under no input.
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['/bin/bash', '-c'], containerArguments: ['/srv/app/run.sh'] }), { codeDir: '/srv/app', program: 'run.sh' });
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['python3', code('preprocess.py')] }), { codeDir: PROCESSING_CODE_DIR, program: 'preprocess.py' });
    // No script: the code input alone; nothing at all: nothing.
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: ['/bin/run'], inputs }), { codeDir: PROCESSING_CODE_DIR });
    assert.deepEqual(processingCodeInfo({ containerEntrypoint: [] }), {});
  });

  const files = ['preprocess.py', 'utils/io.py', 'old/utils/io.py', 'jobs/run.py'].map((f) => `${WS}/${f}`);
  const ctx = (extra: Partial<MappingContext> = {}): MappingContext => ({ folders, files, ...extra });
  const info = processingCodeInfo({ containerEntrypoint: ['python3', code('preprocess.py')], inputs: [{ localPath: PROCESSING_CODE_DIR }] });

  it('maps the code directory to the workspace directory that holds the script, like /opt/ml/code', () => {
    assert.deepEqual(resolveSourcePath(code('utils/io.py'), ctx({ code: info })), { kind: 'found', how: 'codeInput', candidates: [`${WS}/utils/io.py`] });
    // Without the job, two files share the suffix: the link asks.
    assert.deepEqual(resolveSourcePath(code('utils/io.py'), ctx()), { kind: 'found', how: 'suffix', candidates: [`${WS}/utils/io.py`, `${WS}/old/utils/io.py`] });
    assert.deepEqual(resolveSourcePath(code('preprocess.py'), ctx()), { kind: 'found', how: 'suffix', candidates: [`${WS}/preprocess.py`] });
    // A training job's code directory is not a processing job's.
    assert.deepEqual(resolveSourcePath('/opt/ml/code/utils/io.py', ctx({ code: info })), { kind: 'found', how: 'suffix', candidates: [`${WS}/utils/io.py`, `${WS}/old/utils/io.py`] });
  });

  it('a sourceMappings entry for the processing code directory wins, and is offered when nothing matches', () => {
    const sourceMappings = { [PROCESSING_CODE_DIR]: '${workspaceFolder}/old' };
    assert.deepEqual(resolveSourcePath(code('utils/io.py'), ctx({ code: info, sourceMappings })), { kind: 'found', how: 'mapping', candidates: [`${WS}/old/utils/io.py`] });
    assert.equal(suggestedMappingPrefix(code('a/b.py')), PROCESSING_CODE_DIR);
    assert.equal(suggestedMappingPrefix('/opt/ml/processing/other/b.py'), '/opt/ml/processing/other');
  });

  it('the demo\'s failed processing job: every code frame maps to the line of sample-workspace/preprocess.py that holds it', async () => {
    const root = path.resolve(__dirname, '../../../../../sample-workspace').replace(/\\/g, '/');
    const sampleFiles = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sampleFiles(`${dir}/${e.name}`) : [`${dir}/${e.name}`]));
    const sim = await startSimulator({ port: 0, scenario: 'demo' });
    try {
      const job = sim.state.account('us-east-1').processingJobs.get(DEMO.processingJobs.failed);
      assert.ok(job);
      const demoInfo = processingCodeInfo({ containerEntrypoint: job.entrypoint, containerArguments: job.arguments, inputs: job.inputs });
      assert.deepEqual(demoInfo, { codeDir: PROCESSING_CODE_DIR, program: 'preprocess.py' });
      // The demo's settings map /opt/ml/code only: this resolves by the job's code input.
      const sample = { folders: [{ name: 'sample-workspace', path: root }], files: sampleFiles(root), sourceMappings: { '/opt/ml/code': '${workspaceFolder}' }, code: demoInfo };
      for (const frame of PROCESSING_JOB_TRACEBACK) {
        const r = resolveSourcePath(frame.file, sample);
        if (frame.file.includes('site-packages')) {
          assert.equal(r.kind, 'notFound', frame.file);
          continue;
        }
        assert.deepEqual(r, { kind: 'found', how: 'codeInput', candidates: [`${root}/preprocess.py`] });
        assert.equal(fs.readFileSync(`${root}/preprocess.py`, 'utf8').split(/\r?\n/)[frame.line - 1].trim(), frame.code);
      }
    } finally {
      await sim.close();
    }
  });
});
