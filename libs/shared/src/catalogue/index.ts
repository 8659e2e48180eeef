/**
 * Facts about AWS that both a layer and the policy pack need, each written once (STYLE.md 15): the interface
 * endpoints and which are required, the AWS-owned buckets a notebook reads through the S3 endpoint, the CIS
 * metric-filter patterns, the KMS actions of each duty, how a policy names a notebook's owner and opening networks, and the notebook instance types the notebook layer offers and the guardrail pins to. Plain data and pure functions, no Pulumi import, so the pack can load it cheaply.
 * The tests keep their own literal copies as independent witnesses.
 */
export * from './aws-owned-buckets';
export * from './cis-patterns';
export * from './endpoints';
export * from './job-network-actions';
export * from './job-pins';
export * from './kms-actions';
export * from './notebook-instance-types';
export * from './owner-access';
