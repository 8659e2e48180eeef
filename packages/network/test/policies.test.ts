import { Naming } from '@secure-ml/shared';
import { MOCK_ACCOUNT } from '@secure-ml/shared/testing';
import { DEFAULT_ENDPOINTS } from '@secure-ml/shared/catalogue';
import { interfaceEndpointPolicy, s3GatewayPolicy } from '../src/policies';
import {
  anonymousPrincipal,
  FOREIGN_ROLE,
  NOTEBOOK_ROLE,
  OTHER_ACCOUNT,
  throughEndpoint,
} from './support/simulate';

const AWS_OWNED_ACCOUNT = '137112412989';
const ctx = {
  accountId: MOCK_ACCOUNT,
  partition: 'aws',
  region: 'eu-west-1',
  naming: new Naming('sml', 'dev'),
};
const dataBucket = `sml-dev-data-${MOCK_ACCOUNT}-eu-west-1`;

describe('interface endpoint policy (simulated)', () => {
  const policy = interfaceEndpointPolicy(MOCK_ACCOUNT);

  it.each([
    ['sts:AssumeRole', `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-dev-other`, MOCK_ACCOUNT],
    [
      'kms:Decrypt',
      `arn:aws:kms:eu-west-1:${MOCK_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`,
      MOCK_ACCOUNT,
    ],
    [
      'logs:PutLogEvents',
      `arn:aws:logs:eu-west-1:${MOCK_ACCOUNT}:log-group:/aws/sagemaker/NotebookInstances:log-stream:x`,
      MOCK_ACCOUNT,
    ],
  ])('lets the notebook role call %s', async (action, resource, resourceAccount) => {
    await expect(
      throughEndpoint(policy, { principal: NOTEBOOK_ROLE, action, resource, resourceAccount }),
    ).resolves.toBe('Allowed');
  });

  it.each([
    ['kms:Encrypt', `arn:aws:kms:eu-west-1:${OTHER_ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`],
    ['sts:AssumeRole', `arn:aws:iam::${OTHER_ACCOUNT}:role/anything`],
  ])('refuses %s to credentials of another account brought into the VPC', async (action, resource) => {
    await expect(
      throughEndpoint(policy, { principal: FOREIGN_ROLE, action, resource, resourceAccount: OTHER_ACCOUNT }),
    ).resolves.not.toBe('Allowed');
  });
});

describe('S3 gateway policy (simulated)', () => {
  const policy = s3GatewayPolicy(ctx, DEFAULT_ENDPOINTS);

  it.each(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])(
    'lets the notebook role %s in its data bucket',
    async (action) => {
      await expect(
        throughEndpoint(policy, {
          principal: NOTEBOOK_ROLE,
          action,
          resource: `arn:aws:s3:::${dataBucket}/notebooks/x.csv`,
          resourceAccount: MOCK_ACCOUNT,
        }),
      ).resolves.toBe('Allowed');
    },
  );

  it('lets the notebook role list its data bucket', async () => {
    await expect(
      throughEndpoint(policy, {
        principal: NOTEBOOK_ROLE,
        action: 's3:ListBucket',
        resource: `arn:aws:s3:::${dataBucket}`,
        resourceAccount: MOCK_ACCOUNT,
      }),
    ).resolves.toBe('Allowed');
  });

  it.each([
    ['an open bucket of another account (exfiltration)', `arn:aws:s3:::exfil-bucket/dump.csv`, OTHER_ACCOUNT],
    [
      "a bucket of another account named like the environment's data buckets (names are global)",
      `arn:aws:s3:::sml-dev-data-${OTHER_ACCOUNT}-eu-west-1/dump.csv`,
      OTHER_ACCOUNT,
    ],
    [
      'the prod data bucket of the same account',
      `arn:aws:s3:::sml-prod-data-${MOCK_ACCOUNT}-eu-west-1/x`,
      MOCK_ACCOUNT,
    ],
    [
      'the AL2023 repository bucket (read-only)',
      'arn:aws:s3:::al2023-repos-eu-west-1-de612dc2/x',
      AWS_OWNED_ACCOUNT,
    ],
  ])('refuses a PutObject into %s', async (_what, resource, resourceAccount) => {
    await expect(
      throughEndpoint(policy, {
        principal: NOTEBOOK_ROLE,
        action: 's3:PutObject',
        resource,
        resourceAccount,
      }),
    ).resolves.not.toBe('Allowed');
  });

  it('refuses the data bucket to credentials of another account', async () => {
    await expect(
      throughEndpoint(policy, {
        principal: FOREIGN_ROLE,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${dataBucket}/x`,
        resourceAccount: MOCK_ACCOUNT,
      }),
    ).resolves.not.toBe('Allowed');
  });

  it('lets dnf read the AL2023 repositories anonymously, and nothing else that looks like them', async () => {
    const read = (bucket: string) =>
      throughEndpoint(policy, {
        principal: anonymousPrincipal,
        action: 's3:GetObject',
        resource: `arn:aws:s3:::${bucket}/core/mirrors/latest/x86_64/mirror.list`,
        resourceAccount: AWS_OWNED_ACCOUNT,
      });
    await expect(read('al2023-repos-eu-west-1-de612dc2')).resolves.toBe('Allowed');
    await expect(read('al2023-repos-eu-west-1-attacker')).resolves.not.toBe('Allowed');
  });

  it('refuses ECR layers unless ecr.dkr is enabled', async () => {
    const layer = {
      principal: anonymousPrincipal,
      action: 's3:GetObject',
      resource: 'arn:aws:s3:::prod-eu-west-1-starport-layer-bucket/sha256/x',
      resourceAccount: AWS_OWNED_ACCOUNT,
    };
    await expect(throughEndpoint(policy, layer)).resolves.not.toBe('Allowed');
    await expect(
      throughEndpoint(s3GatewayPolicy(ctx, [...DEFAULT_ENDPOINTS, 'ecr.dkr']), layer),
    ).resolves.toBe('Allowed');
  });
});
