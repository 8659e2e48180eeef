/**
 * The notebook instance types of the catalogue against the SageMaker API model, as the installed AWS SDK carries
 * it: the `InstanceType` enum that CreateNotebookInstanceInput.InstanceType takes (@aws-sdk/client-sagemaker,
 * generated from the model in aws/aws-sdk-js-v3 clients/client-sagemaker). An SDK update that adds or removes a
 * type fails here until the catalogue follows.
 */
import { _InstanceType } from '@aws-sdk/client-sagemaker';
import { NOTEBOOK_INSTANCE_TYPES, REVIEWED_NOTEBOOK_INSTANCE_TYPES } from '../src/catalogue';

describe('notebook instance types', () => {
  it('are exactly the types of the API model', () => {
    expect([...NOTEBOOK_INSTANCE_TYPES].sort()).toEqual(Object.values(_InstanceType).sort());
  });

  it('are 189, each listed once', () => {
    expect(NOTEBOOK_INSTANCE_TYPES).toHaveLength(189);
    expect(new Set(NOTEBOOK_INSTANCE_TYPES).size).toBe(189);
  });

  it('include the GPU and accelerator families a platform team may allow', () => {
    for (const t of [
      'ml.p5.48xlarge',
      'ml.p6-b200.48xlarge',
      'ml.g6e.xlarge',
      'ml.trn1.2xlarge',
      'ml.inf2.xlarge',
    ])
      expect(NOTEBOOK_INSTANCE_TYPES).toContain(t);
  });

  it('hold the reviewed default inside them (the guardrail and the notebook layer default to it)', () => {
    expect([...REVIEWED_NOTEBOOK_INSTANCE_TYPES]).toEqual([
      'ml.t3.medium',
      'ml.t3.large',
      'ml.t3.xlarge',
      'ml.t3.2xlarge',
      'ml.m5.xlarge',
      'ml.m5.2xlarge',
      'ml.m5.4xlarge',
      'ml.c5.xlarge',
      'ml.c5.2xlarge',
      'ml.c5.4xlarge',
      'ml.g4dn.xlarge',
      'ml.g4dn.2xlarge',
      'ml.g5.xlarge',
      'ml.g5.2xlarge',
    ]);
    for (const t of REVIEWED_NOTEBOOK_INSTANCE_TYPES) expect(NOTEBOOK_INSTANCE_TYPES).toContain(t);
  });
});
