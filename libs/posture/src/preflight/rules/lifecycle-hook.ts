import { label, ofType, str, T } from '../../resources';
import type { PreflightRule } from '../rule';

/** Each hook's content: base64, at most 16384 characters (NotebookInstanceLifecycleHook.Content). */
export const HOOK_CONTENT_LIMIT = 16384;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * SageMaker runs each lifecycle hook as a script: its content is base64 of at most 16384 characters, and a
 * script without a shebang is not run by the shell AWS's samples use (`#!/bin/bash`).
 */
export const lifecycleHook: PreflightRule = {
  id: 'LIFECYCLE-HOOK',
  requires: `each lifecycle hook is valid base64 of at most ${HOOK_CONTENT_LIMIT} characters and decodes to a script starting with #!/bin/bash or #!/bin/sh`,
  source: {
    title: 'NotebookInstanceLifecycleHook (Amazon SageMaker API Reference)',
    url: 'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_NotebookInstanceLifecycleHook.html',
  },
  check: (env) =>
    ofType(env, T.lifecycle).flatMap((lc) =>
      (['onCreate', 'onStart'] as const).flatMap((hook) => {
        const content = str(lc.inputs[hook]);
        if (content === undefined) return [];
        const at = (problem: string) => ({
          resource: label(lc),
          message: `${label(lc)} ${hook}: ${problem}`,
        });
        if (!BASE64.test(content) || content.length % 4 !== 0) return [at('is not base64')];
        const problems = [];
        if (content.length > HOOK_CONTENT_LIMIT)
          problems.push(
            at(`is ${content.length} characters of base64; SageMaker accepts at most ${HOOK_CONTENT_LIMIT}`),
          );
        const script = Buffer.from(content, 'base64').toString('utf8');
        if (!/^#!\/(usr\/)?bin\/(env )?(bash|sh)\b/.test(script))
          problems.push(
            at(`does not start with a shebang (#!/bin/bash): it starts "${script.slice(0, 20)}"`),
          );
        if (script.includes('\r'))
          problems.push(at('has CR line endings, which bash on the instance does not accept'));
        return problems;
      }),
    ),
};
