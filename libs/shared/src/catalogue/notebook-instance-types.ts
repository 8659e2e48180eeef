/**
 * The notebook instance types this project accepts: general purpose, compute and the common GPU sizes. The
 * notebook layer offers exactly these (`secure-ml-notebook:instanceType`) and the guardrail layer pins
 * `sagemaker:InstanceTypes` to them by default (`secure-ml-guardrail:instanceTypes`), so that a person under the
 * guardrail can create nothing the notebook layer would refuse. Anything else (ml.p4d, ml.p5: hundreds of
 * dollars a day) is a deliberate change to this list, reviewed like any other code.
 */
export const NOTEBOOK_INSTANCE_TYPES = [
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
] as const;

export type NotebookInstanceType = (typeof NOTEBOOK_INSTANCE_TYPES)[number];
