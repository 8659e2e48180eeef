import * as aws from '@pulumi/aws';
import { defineLayer } from '@secure-ml/shared';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { notebookSettings } from './settings';

/** Lifecycle scripts are real files beside the program, base64-encoded as SageMaker expects. */
const script = (file: string) => readFileSync(join(__dirname, '..', 'lifecycle', file)).toString('base64');

export = defineLayer('notebook', notebookSettings, (ctx) => {
  ctx.reference('security');
  ctx.reference('network');
  ctx.reference('logging');
  const lifecycle = new aws.sagemaker.NotebookInstanceLifecycleConfiguration(
    'lifecycle',
    { name: ctx.naming.lifecycleConfigName, onStart: script('on-start.sh') },
    { provider: ctx.provider },
  );
  return { lifecycleConfigName: lifecycle.name };
});
