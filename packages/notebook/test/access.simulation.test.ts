import { runSimulation } from '@cloud-copilot/iam-simulate';
import { MOCK_ACCOUNT, readPlan, REPO_ROOT, type LayerPlan } from '@secure-ml/shared/testing';
import { planNotebook, policyOf, T } from './plan';

/**
 * The data bucket's policies proven by simulation (@cloud-copilot/iam-simulate): alice's notebook role's data
 * policy as the identity policy, the bucket policy as the resource policy, as AWS would combine them.
 */
const BUCKET = `arn:aws:s3:::sml-dev-data-${MOCK_ACCOUNT}-eu-west-1`;
const OBJECT = `${BUCKET}/notebooks/alice/datasets/train.csv`;
const NOTEBOOK_ROLE = `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-notebook-alice`;
const BREAK_GLASS = `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml-break-glass`;
const adminPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: '*' }],
};

interface Ask {
  principal: string;
  action: string;
  resource: string;
  identity: unknown;
  context?: Record<string, string>;
}

async function decide(plan: LayerPlan, ask: Ask): Promise<string> {
  const result = await runSimulation(
    {
      request: {
        principal: ask.principal,
        action: ask.action,
        resource: { resource: ask.resource, accountId: MOCK_ACCOUNT },
        contextVariables: {
          'aws:SecureTransport': 'true',
          'aws:PrincipalAccount': MOCK_ACCOUNT,
          'aws:PrincipalArn': ask.principal,
          // AWS sends the bucket owner's account as aws:ResourceAccount; the simulator takes it from here.
          ...(ask.action.startsWith('s3:') ? { 'aws:ResourceAccount': MOCK_ACCOUNT } : {}),
          ...ask.context,
        },
      },
      identityPolicies: [{ name: 'policy', policy: ask.identity }],
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      resourcePolicy: policyOf(plan, T.bucketPolicy, 'data-policy'),
    },
    {},
  );
  if (result.resultType === 'error')
    throw new Error(`Simulation refused the request: ${JSON.stringify(result.errors)}`);
  return result.overallResult;
}

describe('data bucket access (simulated)', () => {
  let plan: LayerPlan;
  let withBreakGlass: LayerPlan;
  let vpce: string;
  let role: unknown;
  beforeAll(async () => {
    plan = await planNotebook('dev');
    withBreakGlass = await planNotebook('dev', { 'secure-ml-notebook:breakGlassRoleArn': BREAK_GLASS });
    vpce = String(readPlan(REPO_ROOT, 'dev', 'network').outputs['s3GatewayEndpointId']);
    role = policyOf(plan, T.rolePolicy, 'alice-data-access');
  });
  const viaEndpoint = () => ({ 'aws:SourceVpce': vpce });

  it.each(['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])(
    'the notebook role may %s through the endpoint',
    async (action) => {
      expect(
        await decide(plan, {
          principal: NOTEBOOK_ROLE,
          action,
          resource: OBJECT,
          identity: role,
          context: viaEndpoint(),
        }),
      ).toBe('Allowed');
    },
  );

  it('the notebook role may list its own prefix through the endpoint', async () => {
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:ListBucket',
        resource: BUCKET,
        identity: role,
        context: { ...viaEndpoint(), 's3:prefix': 'notebooks/alice/' },
      }),
    ).toBe('Allowed');
  });

  it('the notebook role may not list even its own prefix from outside the endpoint (a copied session lists no key)', async () => {
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:ListBucket',
        resource: BUCKET,
        identity: role,
        context: { 's3:prefix': 'notebooks/alice/' },
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('a job role (same path) may not list from outside the endpoint either, even with s3:* of its own', async () => {
    const jobRole = `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-dev/notebooks/sml-dev-job-alice`;
    expect(
      await decide(plan, {
        principal: jobRole,
        action: 's3:ListBucket',
        resource: BUCKET,
        identity: adminPolicy,
        context: { 's3:prefix': 'notebooks/alice/' },
      }),
    ).toBe('ExplicitlyDenied');
    expect(
      await decide(plan, {
        principal: jobRole,
        action: 's3:ListBucket',
        resource: BUCKET,
        identity: adminPolicy,
        context: { ...viaEndpoint(), 's3:prefix': 'notebooks/alice/' },
      }),
    ).toBe('Allowed');
  });

  it("a role of a neighbouring environment's path (sml-dev2) is not caught by this environment's listing deny", async () => {
    const neighbour = `arn:aws:iam::${MOCK_ACCOUNT}:role/secure-ml/sml-dev2/notebooks/sml-dev2-notebook-alice`;
    expect(
      await decide(plan, {
        principal: neighbour,
        action: 's3:ListBucket',
        resource: BUCKET,
        identity: adminPolicy,
      }),
    ).toBe('Allowed');
  });

  it('the same request from outside the endpoint is explicitly denied', async () => {
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:GetObject',
        resource: OBJECT,
        identity: role,
      }),
    ).toBe('ExplicitlyDenied');
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:GetObject',
        resource: OBJECT,
        identity: role,
        context: { 'aws:SourceVpce': 'vpce-0123456789abcdef0' },
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('plain HTTP is explicitly denied, even through the endpoint', async () => {
    const context = { ...viaEndpoint(), 'aws:SecureTransport': 'false' };
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:GetObject',
        resource: OBJECT,
        identity: role,
        context,
      }),
    ).toBe('ExplicitlyDenied');
  });

  it('the notebook role gets no other bucket, and no bucket administration', async () => {
    const other = 'arn:aws:s3:::someone-elses-bucket/file';
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:GetObject',
        resource: other,
        identity: role,
        context: viaEndpoint(),
      }),
    ).toBe('ImplicitlyDenied');
    expect(
      await decide(plan, {
        principal: NOTEBOOK_ROLE,
        action: 's3:PutBucketPolicy',
        resource: BUCKET,
        identity: role,
        context: viaEndpoint(),
      }),
    ).toBe('ImplicitlyDenied');
  });

  it('an administrator of the account is denied from outside the endpoint', async () => {
    const admin = `arn:aws:iam::${MOCK_ACCOUNT}:role/Admin`;
    expect(
      await decide(plan, {
        principal: admin,
        action: 's3:GetObject',
        resource: OBJECT,
        identity: adminPolicy,
      }),
    ).toBe('ExplicitlyDenied');
  });

  it.each([
    ['s3:PutObject', OBJECT],
    ['s3:DeleteObjectVersion', OBJECT],
    ['s3:ListBucketVersions', BUCKET],
  ])('an administrator is denied the data from outside the endpoint: %s', async (action, resource) => {
    const admin = `arn:aws:iam::${MOCK_ACCOUNT}:role/Admin`;
    expect(await decide(plan, { principal: admin, action, resource, identity: adminPolicy })).toBe(
      'ExplicitlyDenied',
    );
  });

  it.each(['s3:GetBucketPolicy', 's3:PutBucketVersioning', 's3:ListBucket', 's3:DeleteBucketPolicy'])(
    'the deployer still manages the bucket from outside the VPC (%s): refresh, drift checks and destroy keep working',
    async (action) => {
      const deployer = `arn:aws:iam::${MOCK_ACCOUNT}:role/Deployer`;
      expect(
        await decide(plan, { principal: deployer, action, resource: BUCKET, identity: adminPolicy }),
      ).toBe('Allowed');
    },
  );

  it('an AWS service acting on the bucket (aws:PrincipalIsAWSService) is not caught by the endpoint deny', async () => {
    const result = await runSimulation(
      {
        request: {
          principal: 'logging.s3.amazonaws.com',
          action: 's3:PutObject',
          resource: { resource: OBJECT, accountId: MOCK_ACCOUNT },
          contextVariables: { 'aws:SecureTransport': 'true', 'aws:PrincipalIsAWSService': 'true' },
        },
        identityPolicies: [],
        serviceControlPolicies: [],
        resourceControlPolicies: [],
        resourcePolicy: policyOf(plan, T.bucketPolicy, 'data-policy'),
      },
      {},
    );
    if (result.resultType === 'error') throw new Error(JSON.stringify(result.errors));
    // No allow for it here either (the bucket policy allows nothing): the point is that no deny applies.
    expect(result.overallResult).toBe('ImplicitlyDenied');
  });

  it('the break-glass role gets in from outside the endpoint only when configured', async () => {
    const ask = { principal: BREAK_GLASS, action: 's3:GetObject', resource: OBJECT, identity: adminPolicy };
    expect(await decide(withBreakGlass, ask)).toBe('Allowed');
    expect(await decide(plan, ask)).toBe('ExplicitlyDenied');
    // Still TLS only.
    expect(await decide(withBreakGlass, { ...ask, context: { 'aws:SecureTransport': 'false' } })).toBe(
      'ExplicitlyDenied',
    );
  });
});
