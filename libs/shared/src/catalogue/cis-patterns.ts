/**
 * The CIS monitoring controls: one metric filter and one alarm each, on the trail's log group (LOG-8).
 *
 * Security Hub passes CloudWatch.1 to 14 only when the filter pattern is exactly the prescribed text ("Additional
 * fields or terms cannot be added"), so each pattern is written here once, verbatim, and never built from
 * parts. test/fixtures/cis-patterns.ts holds an independent copy, with its source, that the tests compare
 * character by character.
 */
export interface CisControl {
  /** Security Hub control, where one exists (Security Hub has none for CIS 4.15). */
  readonly securityHub?: `CloudWatch.${number}`;
  /** CIS AWS Foundations Benchmark v1.4.0 recommendation. */
  readonly cis: `4.${number}`;
  /** Metric name, and the stem of the filter and alarm names. */
  readonly metric: string;
  readonly description: string;
  readonly pattern: string;
}

/**
 * What each CIS metric filter counts per matching event, and the alarm on it: a five-minute sum, one matching
 * event is enough, no data is not a problem (quiet accounts must not alarm), and the action is on. The logging
 * layer sets them; LOG-8 holds every alarm to them.
 * AWS: Security Hub user guide, "Security Hub controls for Amazon CloudWatch" (CloudWatch.1-14 remediation:
 * metric value 1, alarm threshold 1) https://docs.aws.amazon.com/securityhub/latest/userguide/cloudwatch-controls.html
 */
export const CIS_METRIC_VALUE = '1';
export const CIS_ALARM_SETTINGS = {
  period: 300,
  evaluationPeriods: 1,
  statistic: 'Sum',
  threshold: 1,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  treatMissingData: 'notBreaching',
  actionsEnabled: true,
} as const;

export const CIS_CONTROLS: readonly CisControl[] = [
  {
    securityHub: 'CloudWatch.2',
    cis: '4.1',
    metric: 'UnauthorizedAPICalls',
    description: 'Unauthorized API calls',
    pattern: '{($.errorCode="*UnauthorizedOperation") || ($.errorCode="AccessDenied*")}',
  },
  {
    securityHub: 'CloudWatch.3',
    cis: '4.2',
    metric: 'ConsoleSigninWithoutMFA',
    description: 'Management Console sign-in without MFA',
    pattern:
      '{ ($.eventName = "ConsoleLogin") && ($.additionalEventData.MFAUsed != "Yes") && ($.userIdentity.type = "IAMUser") && ($.responseElements.ConsoleLogin = "Success") }',
  },
  {
    securityHub: 'CloudWatch.1',
    cis: '4.3',
    metric: 'RootAccountUsage',
    description: 'Usage of the root user',
    pattern:
      '{$.userIdentity.type="Root" && $.userIdentity.invokedBy NOT EXISTS && $.eventType !="AwsServiceEvent"}',
  },
  {
    securityHub: 'CloudWatch.4',
    cis: '4.4',
    metric: 'IAMPolicyChanges',
    description: 'IAM policy changes',
    pattern:
      '{($.eventName=DeleteGroupPolicy) || ($.eventName=DeleteRolePolicy) || ($.eventName=DeleteUserPolicy) || ($.eventName=PutGroupPolicy) || ($.eventName=PutRolePolicy) || ($.eventName=PutUserPolicy) || ($.eventName=CreatePolicy) || ($.eventName=DeletePolicy) || ($.eventName=CreatePolicyVersion) || ($.eventName=DeletePolicyVersion) || ($.eventName=AttachRolePolicy) || ($.eventName=DetachRolePolicy) || ($.eventName=AttachUserPolicy) || ($.eventName=DetachUserPolicy) || ($.eventName=AttachGroupPolicy) || ($.eventName=DetachGroupPolicy)}',
  },
  {
    securityHub: 'CloudWatch.5',
    cis: '4.5',
    metric: 'CloudTrailChanges',
    description: 'CloudTrail configuration changes',
    pattern:
      '{($.eventName=CreateTrail) || ($.eventName=UpdateTrail) || ($.eventName=DeleteTrail) || ($.eventName=StartLogging) || ($.eventName=StopLogging)}',
  },
  {
    securityHub: 'CloudWatch.6',
    cis: '4.6',
    metric: 'ConsoleAuthenticationFailure',
    description: 'Management Console authentication failures',
    pattern: '{($.eventName=ConsoleLogin) && ($.errorMessage="Failed authentication")}',
  },
  {
    securityHub: 'CloudWatch.7',
    cis: '4.7',
    metric: 'DisableOrDeleteCMK',
    description: 'Disabling or scheduled deletion of customer managed keys',
    pattern:
      '{($.eventSource=kms.amazonaws.com) && (($.eventName=DisableKey) || ($.eventName=ScheduleKeyDeletion))}',
  },
  {
    securityHub: 'CloudWatch.8',
    cis: '4.8',
    metric: 'S3BucketPolicyChanges',
    description: 'S3 bucket policy changes',
    pattern:
      '{($.eventSource=s3.amazonaws.com) && (($.eventName=PutBucketAcl) || ($.eventName=PutBucketPolicy) || ($.eventName=PutBucketCors) || ($.eventName=PutBucketLifecycle) || ($.eventName=PutBucketReplication) || ($.eventName=DeleteBucketPolicy) || ($.eventName=DeleteBucketCors) || ($.eventName=DeleteBucketLifecycle) || ($.eventName=DeleteBucketReplication))}',
  },
  {
    securityHub: 'CloudWatch.9',
    cis: '4.9',
    metric: 'AWSConfigChanges',
    description: 'AWS Config configuration changes',
    pattern:
      '{($.eventSource=config.amazonaws.com) && (($.eventName=StopConfigurationRecorder) || ($.eventName=DeleteDeliveryChannel) || ($.eventName=PutDeliveryChannel) || ($.eventName=PutConfigurationRecorder))}',
  },
  {
    securityHub: 'CloudWatch.10',
    cis: '4.10',
    metric: 'SecurityGroupChanges',
    description: 'Security group changes',
    pattern:
      '{($.eventName=AuthorizeSecurityGroupIngress) || ($.eventName=AuthorizeSecurityGroupEgress) || ($.eventName=RevokeSecurityGroupIngress) || ($.eventName=RevokeSecurityGroupEgress) || ($.eventName=CreateSecurityGroup) || ($.eventName=DeleteSecurityGroup)}',
  },
  {
    securityHub: 'CloudWatch.11',
    cis: '4.11',
    metric: 'NetworkACLChanges',
    description: 'Network ACL changes',
    pattern:
      '{($.eventName=CreateNetworkAcl) || ($.eventName=CreateNetworkAclEntry) || ($.eventName=DeleteNetworkAcl) || ($.eventName=DeleteNetworkAclEntry) || ($.eventName=ReplaceNetworkAclEntry) || ($.eventName=ReplaceNetworkAclAssociation)}',
  },
  {
    securityHub: 'CloudWatch.12',
    cis: '4.12',
    metric: 'NetworkGatewayChanges',
    description: 'Network gateway changes',
    pattern:
      '{($.eventName=CreateCustomerGateway) || ($.eventName=DeleteCustomerGateway) || ($.eventName=AttachInternetGateway) || ($.eventName=CreateInternetGateway) || ($.eventName=DeleteInternetGateway) || ($.eventName=DetachInternetGateway)}',
  },
  {
    securityHub: 'CloudWatch.13',
    cis: '4.13',
    metric: 'RouteTableChanges',
    description: 'Route table changes',
    pattern:
      '{($.eventName=CreateRoute) || ($.eventName=CreateRouteTable) || ($.eventName=ReplaceRoute) || ($.eventName=ReplaceRouteTableAssociation) || ($.eventName=DeleteRouteTable) || ($.eventName=DeleteRoute) || ($.eventName=DisassociateRouteTable)}',
  },
  {
    securityHub: 'CloudWatch.14',
    cis: '4.14',
    metric: 'VPCChanges',
    description: 'VPC changes',
    pattern:
      '{($.eventName=CreateVpc) || ($.eventName=DeleteVpc) || ($.eventName=ModifyVpcAttribute) || ($.eventName=AcceptVpcPeeringConnection) || ($.eventName=CreateVpcPeeringConnection) || ($.eventName=DeleteVpcPeeringConnection) || ($.eventName=RejectVpcPeeringConnection) || ($.eventName=AttachClassicLinkVpc) || ($.eventName=DetachClassicLinkVpc) || ($.eventName=DisableVpcClassicLink) || ($.eventName=EnableVpcClassicLink)}',
  },
  {
    cis: '4.15',
    metric: 'OrganizationsChanges',
    description: 'AWS Organizations changes',
    pattern:
      '{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName = "CreateAccount") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName = "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName = "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName = "DeletePolicy") || ($.eventName = "DetachPolicy") || ($.eventName = "DisablePolicyType") || ($.eventName = "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName = "LeaveOrganization") || ($.eventName = "MoveAccount") || ($.eventName = "RemoveAccountFromOrganization") || ($.eventName = "UpdatePolicy") || ($.eventName = "UpdateOrganizationalUnit")) }',
  },
];

/**
 * A metric-filter pattern with the differences CloudWatch Logs does not see removed, so that LOG-8 can compare
 * for equality: whitespace outside double quotes, and the double quotes around a value made only of letters,
 * digits and `_ . * -` (quoted and bare, `"ConsoleLogin"` and `ConsoleLogin` match the same events; a value with
 * a space keeps its quotes). Nothing else is changed: an extra clause, a dropped event name or other parentheses
 * make a different pattern.
 * AWS: "Filter pattern syntax for metric filters, subscription filters, filter log events, and Live Tail" (string
 * values in JSON terms; double quotes needed for values with other characters)
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/FilterAndPatternSyntax.html and, for the JSON
 * patterns of the trail, "Using filter patterns to match terms in JSON log events"
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/matching-terms-json-log-events.html
 */
export function normalizeFilterPattern(pattern: string): string {
  let out = '';
  for (const part of pattern.split(/("(?:[^"\\]|\\.)*")/)) {
    if (part.startsWith('"') && part.endsWith('"') && part.length >= 2) {
      const inner = part.slice(1, -1);
      out += /^[A-Za-z0-9_.*-]+$/.test(inner) ? inner : part;
    } else out += part.replace(/\s+/g, '');
  }
  return out;
}

/** The CIS control whose pattern `pattern` is, after normalisation; undefined when it is none of them. */
export const cisControlOfPattern = (pattern: string): CisControl | undefined =>
  CIS_CONTROLS.find((c) => normalizeFilterPattern(c.pattern) === normalizeFilterPattern(pattern));
