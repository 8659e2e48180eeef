/**
 * The 15 CIS metric filters (Security Hub CloudWatch.1-14, CIS AWS Foundations v1.4 4.1-4.15). Each lists the
 * clauses of the CIS pattern; a filter matches when its pattern, with spaces and quotes removed, contains every
 * clause (whole names only), so spacing and quoting style do not matter but a dropped event name does. Source: the filter
 * patterns in https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export interface CisFilter {
  readonly cis: string;
  readonly control: string;
  readonly what: string;
  readonly clauses: readonly string[];
  /** A CIS pattern with these clauses, for fixes and tests. */
  readonly pattern: string;
}

const events = (...names: string[]) => names.map((n) => `$.eventName=${n}`);

function cis(
  cisId: string,
  control: string,
  what: string,
  clauses: string[],
  join: (c: string[]) => string,
): CisFilter {
  return { cis: cisId, control, what, clauses, pattern: join(clauses) };
}
const anyOf = (c: string[]) => `{ ${c.map((x) => `(${x})`).join(' || ')} }`;
const sourceAnd = (c: string[]) =>
  `{ (${c[0] ?? ''}) && (${c
    .slice(1)
    .map((x) => `(${x})`)
    .join(' || ')}) }`;

export const CIS_FILTERS: readonly CisFilter[] = [
  cis(
    '4.1',
    'CloudWatch.2',
    'unauthorized API calls',
    ['$.errorCode=*UnauthorizedOperation', '$.errorCode=AccessDenied*'],
    anyOf,
  ),
  cis(
    '4.2',
    'CloudWatch.3',
    'console sign-in without MFA',
    ['$.eventName=ConsoleLogin', '$.additionalEventData.MFAUsed!=Yes'],
    (c) => `{ (${c[0] ?? ''}) && (${c[1] ?? ''}) }`,
  ),
  cis(
    '4.3',
    'CloudWatch.1',
    'root account usage',
    ['$.userIdentity.type=Root', '$.userIdentity.invokedByNOTEXISTS', '$.eventType!=AwsServiceEvent'],
    () =>
      '{ $.userIdentity.type = "Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != "AwsServiceEvent" }',
  ),
  cis(
    '4.4',
    'CloudWatch.4',
    'IAM policy changes',
    events(
      'DeleteGroupPolicy',
      'DeleteRolePolicy',
      'DeleteUserPolicy',
      'PutGroupPolicy',
      'PutRolePolicy',
      'PutUserPolicy',
      'CreatePolicy',
      'DeletePolicy',
      'CreatePolicyVersion',
      'DeletePolicyVersion',
      'AttachRolePolicy',
      'DetachRolePolicy',
      'AttachUserPolicy',
      'DetachUserPolicy',
      'AttachGroupPolicy',
      'DetachGroupPolicy',
    ),
    anyOf,
  ),
  cis(
    '4.5',
    'CloudWatch.5',
    'CloudTrail configuration changes',
    events('CreateTrail', 'UpdateTrail', 'DeleteTrail', 'StartLogging', 'StopLogging'),
    anyOf,
  ),
  cis(
    '4.6',
    'CloudWatch.6',
    'console authentication failures',
    ['$.eventName=ConsoleLogin', '$.errorMessage=Failedauthentication'],
    () => '{ ($.eventName = ConsoleLogin) && ($.errorMessage = "Failed authentication") }',
  ),
  cis(
    '4.7',
    'CloudWatch.7',
    'disabling or scheduled deletion of customer-managed keys',
    ['$.eventSource=kms.amazonaws.com', ...events('DisableKey', 'ScheduleKeyDeletion')],
    sourceAnd,
  ),
  cis(
    '4.8',
    'CloudWatch.8',
    'S3 bucket policy changes',
    [
      '$.eventSource=s3.amazonaws.com',
      ...events(
        'PutBucketAcl',
        'PutBucketPolicy',
        'PutBucketCors',
        'PutBucketLifecycle',
        'PutBucketReplication',
        'DeleteBucketPolicy',
        'DeleteBucketCors',
        'DeleteBucketLifecycle',
        'DeleteBucketReplication',
      ),
    ],
    sourceAnd,
  ),
  cis(
    '4.9',
    'CloudWatch.9',
    'AWS Config configuration changes',
    [
      '$.eventSource=config.amazonaws.com',
      ...events(
        'StopConfigurationRecorder',
        'DeleteDeliveryChannel',
        'PutDeliveryChannel',
        'PutConfigurationRecorder',
      ),
    ],
    sourceAnd,
  ),
  cis(
    '4.10',
    'CloudWatch.10',
    'security group changes',
    events(
      'AuthorizeSecurityGroupIngress',
      'AuthorizeSecurityGroupEgress',
      'RevokeSecurityGroupIngress',
      'RevokeSecurityGroupEgress',
      'CreateSecurityGroup',
      'DeleteSecurityGroup',
    ),
    anyOf,
  ),
  cis(
    '4.11',
    'CloudWatch.11',
    'network ACL changes',
    events(
      'CreateNetworkAcl',
      'CreateNetworkAclEntry',
      'DeleteNetworkAcl',
      'DeleteNetworkAclEntry',
      'ReplaceNetworkAclEntry',
      'ReplaceNetworkAclAssociation',
    ),
    anyOf,
  ),
  cis(
    '4.12',
    'CloudWatch.12',
    'network gateway changes',
    events(
      'CreateCustomerGateway',
      'DeleteCustomerGateway',
      'AttachInternetGateway',
      'CreateInternetGateway',
      'DeleteInternetGateway',
      'DetachInternetGateway',
    ),
    anyOf,
  ),
  cis(
    '4.13',
    'CloudWatch.13',
    'route table changes',
    events(
      'CreateRoute',
      'CreateRouteTable',
      'ReplaceRoute',
      'ReplaceRouteTableAssociation',
      'DeleteRouteTable',
      'DeleteRoute',
      'DisassociateRouteTable',
    ),
    anyOf,
  ),
  cis(
    '4.14',
    'CloudWatch.14',
    'VPC changes',
    events(
      'CreateVpc',
      'DeleteVpc',
      'ModifyVpcAttribute',
      'AcceptVpcPeeringConnection',
      'CreateVpcPeeringConnection',
      'DeleteVpcPeeringConnection',
      'RejectVpcPeeringConnection',
      'AttachClassicLinkVpc',
      'DetachClassicLinkVpc',
      'DisableVpcClassicLink',
      'EnableVpcClassicLink',
    ),
    anyOf,
  ),
  cis(
    '4.15',
    'CIS 4.15',
    'AWS Organizations changes',
    [
      '$.eventSource=organizations.amazonaws.com',
      ...events(
        'AcceptHandshake',
        'AttachPolicy',
        'CreateAccount',
        'CreateOrganizationalUnit',
        'CreatePolicy',
        'DeclineHandshake',
        'DeleteOrganization',
        'DeleteOrganizationalUnit',
        'DeletePolicy',
        'DetachPolicy',
        'DisablePolicyType',
        'EnablePolicyType',
        'InviteAccountToOrganization',
        'LeaveOrganization',
        'MoveAccount',
        'RemoveAccountFromOrganization',
        'UpdatePolicy',
        'UpdateOrganizationalUnit',
      ),
    ],
    sourceAnd,
  ),
];

/** Spaces and double quotes removed: `{ ($.eventName = "X") }` -> `{($.eventName=X)}`. */
export const normalizePattern = (pattern: string): string => pattern.replace(/[\s"]/g, '');

export const matchesCis = (pattern: string, filter: CisFilter): boolean => {
  const text = normalizePattern(pattern);
  // A clause must end where a name ends: CreatePolicyVersion does not stand in for CreatePolicy.
  return filter.clauses.every((c) =>
    new RegExp(`${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![A-Za-z0-9*])`).test(text),
  );
};
