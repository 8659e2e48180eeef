import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planForTest, resource } from '@secure-ml/shared/testing';
import program = require('../src/index');

describe('notebook lifecycle configuration', () => {
  it('carries the on-start script from the repository, base64-encoded', async () => {
    const plan = await planForTest('notebook', program);
    const lifecycle = resource(plan, 'aws:sagemaker/notebookInstanceLifecycleConfiguration:NotebookInstanceLifecycleConfiguration', 'lifecycle');
    const onStart = Buffer.from(String(lifecycle.inputs['onStart']), 'base64').toString('utf8');
    expect(onStart).toBe(readFileSync(join(__dirname, '..', 'lifecycle', 'on-start.sh'), 'utf8'));
  });
});
