import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';

export interface SecurityGroupArgs {
  readonly naming: Naming;
  readonly vpc: aws.ec2.Vpc;
  /** The S3 managed prefix list, from the gateway endpoint. */
  readonly s3PrefixListId: pulumi.Input<string>;
  /** Internet destinations of notebooks through NAT (egress: nat only); never 0.0.0.0/0 (settings.ts). */
  readonly egressAllowedCidrs: readonly string[];
  /** Client networks of the `notebook` endpoint; its group exists only when this is set (validate.ts). */
  readonly notebookClientCidrs: readonly string[];
  /** Whether the job group exists (jobs.ts): the endpoints then admit it too, and their description says so. */
  readonly jobs: boolean;
}

const HTTPS = { ipProtocol: 'tcp', fromPort: 443, toPort: 443 } as const;

/**
 * The notebook and endpoint groups. Rules are separate resources (aws.vpc.Security*Rule, one rule each, each
 * described, NET-5) rather than inline blocks, so that a rule can change without replacing the group. The
 * provider removes the allow-all egress rule AWS adds to every new group: what is listed here is all there is.
 */
export function createSecurityGroups(name: string, args: SecurityGroupArgs, parent: pulumi.Resource) {
  const opts = { parent };
  const group = (suffix: string, description: string) =>
    new aws.ec2.SecurityGroup(
      `${name}-${suffix}`,
      // namePrefix, not name: a group is replaced (new description, for one) by creating the new one first, which
      // a fixed name would collide with. revokeRulesOnDelete: the two groups reference each other, which would
      // otherwise block their deletion.
      {
        vpcId: args.vpc.id,
        namePrefix: `${args.naming.name(suffix)}-`,
        description,
        revokeRulesOnDelete: true,
        tags: { Name: args.naming.name(suffix) },
      },
      opts,
    );
  const notebook = group(
    'notebook',
    'SageMaker notebook instances: no inbound; HTTPS out to the VPC endpoints and S3 only',
  );
  const endpoints = group(
    'endpoints',
    args.jobs
      ? 'Interface VPC endpoints: HTTPS in from notebook instances and SageMaker jobs only; no outbound'
      : 'Interface VPC endpoints: HTTPS in from notebook instances only; no outbound',
  );

  new aws.vpc.SecurityGroupEgressRule(
    `${name}-notebook-to-endpoints`,
    {
      securityGroupId: notebook.id,
      referencedSecurityGroupId: endpoints.id,
      ...HTTPS,
      description: 'HTTPS to the interface endpoints (AWS APIs over PrivateLink)',
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-notebook-to-s3`,
    {
      securityGroupId: notebook.id,
      prefixListId: args.s3PrefixListId,
      ...HTTPS,
      description: 'HTTPS to S3 through the gateway endpoint (S3 prefix list)',
    },
    opts,
  );
  args.egressAllowedCidrs.forEach((cidr, i) => {
    new aws.vpc.SecurityGroupEgressRule(
      `${name}-notebook-to-internet-${i + 1}`,
      {
        securityGroupId: notebook.id,
        cidrIpv4: cidr,
        ...HTTPS,
        description: `HTTPS to ${cidr} through NAT (egressAllowedCidrs, exception to NET-3)`,
      },
      opts,
    );
  });
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-endpoints-from-notebook`,
    {
      securityGroupId: endpoints.id,
      referencedSecurityGroupId: notebook.id,
      ...HTTPS,
      description: 'HTTPS from notebook instances',
    },
    opts,
  );
  const notebookUi = args.notebookClientCidrs.length
    ? notebookUiGroup(name, group, args.notebookClientCidrs, opts)
    : undefined;
  return { notebook, endpoints, notebookUi };
}

/**
 * The `notebook` endpoint's own group: browsers of the configured client networks reach Jupyter over 443, and
 * nothing else reaches it. Apart from the AWS API endpoints, so that client networks never reach STS or KMS.
 */
function notebookUiGroup(
  name: string,
  group: (suffix: string, description: string) => aws.ec2.SecurityGroup,
  cidrs: readonly string[],
  opts: pulumi.CustomResourceOptions,
): aws.ec2.SecurityGroup {
  const ui = group('notebook-ui', 'Notebook UI endpoint: HTTPS in from the configured client networks only');
  cidrs.forEach((cidr, i) => {
    new aws.vpc.SecurityGroupIngressRule(
      `${name}-notebook-ui-from-client-${i + 1}`,
      {
        securityGroupId: ui.id,
        cidrIpv4: cidr,
        ...HTTPS,
        description: `HTTPS to Jupyter from client network ${cidr} (notebookClientCidrs)`,
      },
      opts,
    );
  });
  return ui;
}
