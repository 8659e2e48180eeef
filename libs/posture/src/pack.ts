// The policy pack entry of `pulumi preview --policy-pack libs/posture`: package.json "main". Constructing a
// PolicyPack starts its gRPC server, which is why it lives alone here and nothing else imports this file.
import { PolicyPack } from '@pulumi/policy';
import { POLICIES } from './policies';

new PolicyPack('secure-ml-posture', {
  description: 'Every control of CONTROLS.md: SageMaker notebook, KMS, IAM, network, logging and S3 posture',
  policies: POLICIES,
  provider: 'aws',
});
