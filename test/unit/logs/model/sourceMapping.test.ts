import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEMO, FAILED_JOB_ERROR, FAILED_JOB_TRACEBACK } from '../../../../sim/scenarios/demo';
import { startSimulator } from '../../../../sim/src/server';
import {
  applySourceMappings,
  expandMappingTarget,
  isInsideWorkspace,
  isLibraryPath,
  normalizeContainerPath,
  resolveSourcePath,
  suggestedMappingPrefix,
  trainingCodeInfo,
  type MappingContext,
} from '../../../../src/logs/model/sourceMapping';
import { findTraceback } from '../../../../src/shared/logs/traceback';

const WS = '/home/dev/project';
const folders = [{ name: 'project', path: WS }];
const files = ['train.py', 'utils/training.py', 'utils/data.py', 'model/classifier.py', 'src/index.js', 'src/com/acme/Train.java', 'vendor/torch/nn/modules/linear.py', 'passwd'].map(
  (f) => `${WS}/${f}`,
);
const ctx = (extra: Partial<MappingContext> = {}): MappingContext => ({ folders, files, ...extra });

describe('logs/model/sourceMapping: mapping container paths to the workspace', () => {
  it('normalizes container paths; relative ones are taken from /opt/ml/code', () => {
    assert.equal(normalizeContainerPath('train.py'), '/opt/ml/code/train.py');
    assert.equal(normalizeContainerPath('/opt/ml/code/./utils/../train.py'), '/opt/ml/code/train.py');
    assert.equal(normalizeContainerPath('../../etc/passwd'), '/opt/etc/passwd');
    assert.equal(normalizeContainerPath('/opt/ml/code/../../../etc/passwd'), '/etc/passwd');
  });

  it('applies the longest matching sourceMappings prefix, on whole segments, with ${workspaceFolder}', () => {
    const sourceMappings = { '/opt/ml': '${workspaceFolder}/other', '/opt/ml/code': '${workspaceFolder}', '/opt/ml/cod': '/nowhere' };
    assert.equal(applySourceMappings('/opt/ml/code/utils/data.py', { folders, sourceMappings }), `${WS}/utils/data.py`);
    assert.equal(applySourceMappings('/opt/ml/input/config.json', { folders, sourceMappings }), `${WS}/other/input/config.json`);
    assert.equal(applySourceMappings('/srv/app.py', { folders, sourceMappings }), undefined);
    assert.equal(expandMappingTarget('${workspaceFolder:project}/src', folders), `${WS}/src`);
    assert.equal(expandMappingTarget('${workspaceFolder:missing}/src', folders), undefined);
    assert.equal(expandMappingTarget('src', folders), `${WS}/src`);
  });

  it('resolves by sourceMappings first', () => {
    const r = resolveSourcePath('/opt/ml/code/utils/data.py', ctx({ sourceMappings: { '/opt/ml/code': '${workspaceFolder}' } }));
    assert.deepEqual(r, { kind: 'found', how: 'mapping', candidates: [`${WS}/utils/data.py`] });
  });

  it('resolves by the job HyperParameters: the directory holding sagemaker_program is /opt/ml/code', () => {
    const twoCopies = [...files, `${WS}/old/utils/training.py`];
    const code = trainingCodeInfo({ sagemaker_program: '"train.py"', sagemaker_submit_directory: '"s3://bucket/job/source/sourcedir.tar.gz"' });
    assert.deepEqual(code, { program: 'train.py', submitDirectory: 's3://bucket/job/source/sourcedir.tar.gz' });
    assert.deepEqual(resolveSourcePath('/opt/ml/code/utils/training.py', ctx({ files: twoCopies, code })), { kind: 'found', how: 'hyperParameters', candidates: [`${WS}/utils/training.py`] });
    // without them, both copies match equally well: the user picks
    assert.deepEqual(resolveSourcePath('/opt/ml/code/utils/training.py', ctx({ files: twoCopies })), {
      kind: 'found',
      how: 'suffix',
      candidates: [`${WS}/utils/training.py`, `${WS}/old/utils/training.py`],
    });
  });

  it('uses a local-mode submit directory inside the workspace', () => {
    const code = trainingCodeInfo({ sagemaker_program: '"index.js"', sagemaker_submit_directory: `"file://${WS}/src"` });
    assert.deepEqual(resolveSourcePath('/opt/ml/code/index.js', ctx({ code })), { kind: 'found', how: 'hyperParameters', candidates: [`${WS}/src/index.js`] });
  });

  it('falls back to the longest path suffix (Java package paths too)', () => {
    assert.deepEqual(resolveSourcePath('/srv/build/model/classifier.py', ctx()), { kind: 'found', how: 'suffix', candidates: [`${WS}/model/classifier.py`] });
    assert.deepEqual(resolveSourcePath('com/acme/Train.java', ctx()), { kind: 'found', how: 'suffix', candidates: [`${WS}/src/com/acme/Train.java`] });
    assert.equal(resolveSourcePath('/opt/ml/code/missing.py', ctx()).kind, 'notFound');
  });

  it('links site-packages frames only when the whole module path is in the workspace', () => {
    assert.ok(isLibraryPath('/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py'));
    assert.ok(isLibraryPath('/usr/lib/python3/dist-packages/yaml/__init__.py'));
    assert.ok(isLibraryPath('/opt/conda/lib/python3.10/threading.py'));
    assert.ok(!isLibraryPath('/opt/ml/code/train.py'));
    assert.deepEqual(resolveSourcePath('/opt/conda/lib/python3.10/site-packages/torch/nn/modules/linear.py', ctx()), {
      kind: 'found',
      how: 'suffix',
      candidates: [`${WS}/vendor/torch/nn/modules/linear.py`],
    });
    // module.py exists nowhere; a workspace file named like a library module does not count
    assert.equal(resolveSourcePath('/opt/conda/lib/python3.10/site-packages/torch/nn/modules/module.py', ctx({ files: [...files, `${WS}/module.py`] })).kind, 'notFound');
    assert.equal(resolveSourcePath('/opt/conda/lib/python3.10/site-packages/yaml/data.py', ctx()).kind, 'notFound');
  });

  describe('hostile paths', () => {
    it('never resolves outside the workspace folders', () => {
      for (const p of ['../../etc/passwd', '/etc/passwd', '/opt/ml/code/../../../etc/passwd', '/opt/ml/code/%2e%2e/%2e%2e/etc/shadow', 'C:\\Windows\\system32\\drivers\\etc\\hosts', '/opt/ml/code/\0/../../etc/passwd']) {
        const r = resolveSourcePath(p, ctx({ sourceMappings: { '/opt/ml/code': '${workspaceFolder}' } }));
        if (r.kind === 'found') {
          assert.ok(r.candidates.every((c) => isInsideWorkspace(c, folders)), `${p} → ${r.candidates.join(', ')}`);
        }
      }
    });

    it('a file named passwd inside the workspace is the only passwd a link can open', () => {
      assert.deepEqual(resolveSourcePath('/etc/passwd', ctx()), { kind: 'found', how: 'suffix', candidates: [`${WS}/passwd`] });
    });

    it('refuses a mapping whose target leaves the workspace', () => {
      for (const target of ['${workspaceFolder}/../..', '/etc', '../outside', '${workspaceFolder}/../project-evil']) {
        const r = resolveSourcePath('/opt/ml/code/passwd', ctx({ sourceMappings: { '/opt/ml/code': target } }));
        assert.equal(r.kind, 'refused', `${target}: ${JSON.stringify(r)}`);
      }
    });

    it('a sibling folder sharing the name prefix is outside', () => {
      assert.ok(!isInsideWorkspace('/home/dev/project-evil/x.py', folders));
      assert.ok(!isInsideWorkspace('/home/dev/project/../x.py', folders));
      assert.ok(isInsideWorkspace('/home/dev/project/a/../x.py', folders));
    });

    it('ignores a sagemaker_program or submit directory that points outside', () => {
      const code = trainingCodeInfo({ sagemaker_program: '"../../etc/passwd"', sagemaker_submit_directory: '"file:///etc"' });
      const r = resolveSourcePath('/opt/ml/code/passwd', ctx({ code, files: [`${WS}/x.py`] }));
      assert.equal(r.kind, 'notFound');
    });

    it('with no folder open nothing resolves', () => {
      assert.equal(resolveSourcePath('/opt/ml/code/train.py', { folders: [], files: [] }).kind, 'notFound');
    });
  });

  it('suggests /opt/ml/code, else the directory, as the mapping to add', () => {
    assert.equal(suggestedMappingPrefix('/opt/ml/code/a/b.py'), '/opt/ml/code');
    assert.equal(suggestedMappingPrefix('/srv/app/b.py'), '/srv/app');
  });
});

describe('logs/model/sourceMapping: the demo traceback and sample-workspace', () => {
  const root = path.resolve(__dirname, '../../../../../sample-workspace');
  const sampleFiles = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sampleFiles(path.join(dir, e.name)) : [path.join(dir, e.name).replace(/\\/g, '/')]));
  const sample = { folders: [{ name: 'sample-workspace', path: root.replace(/\\/g, '/') }], files: sampleFiles(root) };

  it('maps every /opt/ml/code frame to the sample file and line that holds that code; library frames do not map', async () => {
    const sim = await startSimulator({ port: 0, scenario: 'demo' });
    try {
      const hp = sim.state.account('us-east-1').trainingJobs.get(DEMO.jobs.failed)?.hyperParameters;
      const code = trainingCodeInfo(hp);
      assert.equal(code.program, 'train.py');
      for (const frame of FAILED_JOB_TRACEBACK) {
        const r = resolveSourcePath(frame.file, { ...sample, code });
        if (frame.file.includes('site-packages')) {
          assert.equal(r.kind, 'notFound', frame.file);
          continue;
        }
        assert.equal(r.kind, 'found', frame.file);
        assert.equal(r.kind === 'found' && r.how, 'hyperParameters');
        const file = r.kind === 'found' ? r.candidates[0] : '';
        assert.equal(file, `${root.replace(/\\/g, '/')}/${frame.file.slice('/opt/ml/code/'.length)}`);
        const sourceLine = fs.readFileSync(file, 'utf8').split(/\r?\n/)[frame.line - 1];
        assert.equal(sourceLine.trim(), frame.code, `${frame.file}:${frame.line}`);
      }
    } finally {
      await sim.close();
    }
  });

  it('the traceback parser reads the demo traceback: frames, code, error; the innermost workspace frame is classifier.py:28', () => {
    const lines = ['noise', 'Traceback (most recent call last):', ...FAILED_JOB_TRACEBACK.flatMap((f) => [`  File "${f.file}", line ${f.line}, in ${f.func}`, `    ${f.code}`]), FAILED_JOB_ERROR, 'after'];
    const tb = findTraceback(lines);
    assert.ok(tb);
    assert.equal(tb.start, 1);
    assert.equal(tb.end, lines.length - 2);
    assert.equal(tb.error, FAILED_JOB_ERROR);
    assert.deepEqual(
      tb.frames.map((f) => [f.path, f.line, f.func, f.code]),
      FAILED_JOB_TRACEBACK.map((f) => [f.file, f.line, f.func, f.code]),
    );
    const innermost = [...tb.frames].reverse().find((f) => resolveSourcePath(f.path, { ...sample, code: { program: 'train.py' } }).kind === 'found');
    assert.deepEqual([innermost?.path, innermost?.line], ['/opt/ml/code/model/classifier.py', 28]);
  });
});
