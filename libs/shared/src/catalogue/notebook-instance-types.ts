/**
 * Every ML instance type AWS offers for notebook instances: the values of the `InstanceType` enum that
 * `CreateNotebookInstance` takes (`CreateNotebookInstanceInput.InstanceType: _InstanceType`), as the SageMaker API
 * model defines it, read from `@aws-sdk/client-sagemaker` 3.1142.0 (`dist-types/models/enums.d.ts`, generated from
 * the model in aws/aws-sdk-js-v3 `clients/client-sagemaker`; AWS API reference "CreateNotebookInstance",
 * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html, "InstanceType ... Valid
 * Values"). 189 types. A test (libs/shared/test/catalogue.test.ts) holds this list equal to the installed SDK's enum,
 * so an SDK update that adds a type fails until it is added here.
 *
 * The notebook layer accepts any of them; the platform team narrows the choice per environment with
 * `secure-ml-notebook:allowedInstanceTypes` (default: the reviewed list below), and the guardrail pins
 * `sagemaker:InstanceTypes` to its own `secure-ml-guardrail:instanceTypes` (default: the same reviewed list).
 */
export const NOTEBOOK_INSTANCE_TYPES = [
  'ml.c4.xlarge', 'ml.c4.2xlarge', 'ml.c4.4xlarge', 'ml.c4.8xlarge',
  'ml.c5.xlarge', 'ml.c5.2xlarge', 'ml.c5.4xlarge', 'ml.c5.9xlarge', 'ml.c5.18xlarge',
  'ml.c5d.xlarge', 'ml.c5d.2xlarge', 'ml.c5d.4xlarge', 'ml.c5d.9xlarge', 'ml.c5d.18xlarge',
  'ml.c6i.large', 'ml.c6i.xlarge', 'ml.c6i.2xlarge', 'ml.c6i.4xlarge', 'ml.c6i.8xlarge', 'ml.c6i.12xlarge', 'ml.c6i.16xlarge', 'ml.c6i.24xlarge', 'ml.c6i.32xlarge',
  'ml.c6id.large', 'ml.c6id.xlarge', 'ml.c6id.2xlarge', 'ml.c6id.4xlarge', 'ml.c6id.8xlarge', 'ml.c6id.12xlarge', 'ml.c6id.16xlarge', 'ml.c6id.24xlarge', 'ml.c6id.32xlarge',
  'ml.c7i.large', 'ml.c7i.xlarge', 'ml.c7i.2xlarge', 'ml.c7i.4xlarge', 'ml.c7i.8xlarge', 'ml.c7i.12xlarge', 'ml.c7i.16xlarge', 'ml.c7i.24xlarge', 'ml.c7i.48xlarge',
  'ml.g4dn.xlarge', 'ml.g4dn.2xlarge', 'ml.g4dn.4xlarge', 'ml.g4dn.8xlarge', 'ml.g4dn.12xlarge', 'ml.g4dn.16xlarge',
  'ml.g5.xlarge', 'ml.g5.2xlarge', 'ml.g5.4xlarge', 'ml.g5.8xlarge', 'ml.g5.12xlarge', 'ml.g5.16xlarge', 'ml.g5.24xlarge', 'ml.g5.48xlarge',
  'ml.g6.xlarge', 'ml.g6.2xlarge', 'ml.g6.4xlarge', 'ml.g6.8xlarge', 'ml.g6.12xlarge', 'ml.g6.16xlarge', 'ml.g6.24xlarge', 'ml.g6.48xlarge',
  'ml.g6e.xlarge', 'ml.g6e.2xlarge', 'ml.g6e.4xlarge', 'ml.g6e.8xlarge', 'ml.g6e.12xlarge', 'ml.g6e.16xlarge', 'ml.g6e.24xlarge', 'ml.g6e.48xlarge',
  'ml.g7e.2xlarge', 'ml.g7e.4xlarge', 'ml.g7e.8xlarge', 'ml.g7e.12xlarge', 'ml.g7e.24xlarge', 'ml.g7e.48xlarge',
  'ml.inf1.xlarge', 'ml.inf1.2xlarge', 'ml.inf1.6xlarge', 'ml.inf1.24xlarge',
  'ml.inf2.xlarge', 'ml.inf2.8xlarge', 'ml.inf2.24xlarge', 'ml.inf2.48xlarge',
  'ml.m4.xlarge', 'ml.m4.2xlarge', 'ml.m4.4xlarge', 'ml.m4.10xlarge', 'ml.m4.16xlarge',
  'ml.m5.xlarge', 'ml.m5.2xlarge', 'ml.m5.4xlarge', 'ml.m5.12xlarge', 'ml.m5.24xlarge',
  'ml.m5d.large', 'ml.m5d.xlarge', 'ml.m5d.2xlarge', 'ml.m5d.4xlarge', 'ml.m5d.8xlarge', 'ml.m5d.12xlarge', 'ml.m5d.16xlarge', 'ml.m5d.24xlarge',
  'ml.m6i.large', 'ml.m6i.xlarge', 'ml.m6i.2xlarge', 'ml.m6i.4xlarge', 'ml.m6i.8xlarge', 'ml.m6i.12xlarge', 'ml.m6i.16xlarge', 'ml.m6i.24xlarge', 'ml.m6i.32xlarge',
  'ml.m6id.large', 'ml.m6id.xlarge', 'ml.m6id.2xlarge', 'ml.m6id.4xlarge', 'ml.m6id.8xlarge', 'ml.m6id.12xlarge', 'ml.m6id.16xlarge', 'ml.m6id.24xlarge', 'ml.m6id.32xlarge',
  'ml.m7i.large', 'ml.m7i.xlarge', 'ml.m7i.2xlarge', 'ml.m7i.4xlarge', 'ml.m7i.8xlarge', 'ml.m7i.12xlarge', 'ml.m7i.16xlarge', 'ml.m7i.24xlarge', 'ml.m7i.48xlarge',
  'ml.p2.xlarge', 'ml.p2.8xlarge', 'ml.p2.16xlarge',
  'ml.p3.2xlarge', 'ml.p3.8xlarge', 'ml.p3.16xlarge',
  'ml.p3dn.24xlarge',
  'ml.p4d.24xlarge',
  'ml.p4de.24xlarge',
  'ml.p5.4xlarge', 'ml.p5.48xlarge',
  'ml.p5en.48xlarge',
  'ml.p6-b200.48xlarge',
  'ml.r5.large', 'ml.r5.xlarge', 'ml.r5.2xlarge', 'ml.r5.4xlarge', 'ml.r5.8xlarge', 'ml.r5.12xlarge', 'ml.r5.16xlarge', 'ml.r5.24xlarge',
  'ml.r6i.large', 'ml.r6i.xlarge', 'ml.r6i.2xlarge', 'ml.r6i.4xlarge', 'ml.r6i.8xlarge', 'ml.r6i.12xlarge', 'ml.r6i.16xlarge', 'ml.r6i.24xlarge', 'ml.r6i.32xlarge',
  'ml.r6id.large', 'ml.r6id.xlarge', 'ml.r6id.2xlarge', 'ml.r6id.4xlarge', 'ml.r6id.8xlarge', 'ml.r6id.12xlarge', 'ml.r6id.16xlarge', 'ml.r6id.24xlarge', 'ml.r6id.32xlarge',
  'ml.r7i.large', 'ml.r7i.xlarge', 'ml.r7i.2xlarge', 'ml.r7i.4xlarge', 'ml.r7i.8xlarge', 'ml.r7i.12xlarge', 'ml.r7i.16xlarge', 'ml.r7i.24xlarge', 'ml.r7i.48xlarge',
  'ml.t2.medium', 'ml.t2.large', 'ml.t2.xlarge', 'ml.t2.2xlarge',
  'ml.t3.medium', 'ml.t3.large', 'ml.t3.xlarge', 'ml.t3.2xlarge',
  'ml.trn1.2xlarge', 'ml.trn1.32xlarge',
  'ml.trn1n.32xlarge',
] as const;

export type NotebookInstanceType = (typeof NOTEBOOK_INSTANCE_TYPES)[number];

/**
 * The reviewed default: general purpose, compute and the common GPU sizes. Both the notebook layer
 * (`secure-ml-notebook:allowedInstanceTypes`) and the guardrail (`secure-ml-guardrail:instanceTypes`) default to
 * it, so that a person under the guardrail can create nothing the notebook layer would refuse, and so that the
 * guardrail's SCP stays under the 5,120 characters AWS Organizations accepts (all 189 types would not fit).
 * Anything else (ml.p4d, ml.p5: hundreds of dollars a day) is a deliberate change of both settings.
 */
export const REVIEWED_NOTEBOOK_INSTANCE_TYPES = [
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
] as const satisfies readonly NotebookInstanceType[];
