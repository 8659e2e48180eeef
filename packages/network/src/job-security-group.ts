import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { Naming } from '@secure-ml/shared';
import type { EndpointName } from '@secure-ml/shared/catalogue';

/**
 * The interface endpoints a job in this VPC cannot start without: SageMaker pulls AWS's training and processing
 * images from ECR (the layers then come from ECR's S3 bucket, which the gateway policy admits with ecr.dkr).
 * AWS: "Give SageMaker AI Training Jobs Access to Resources in Your Amazon VPC",
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html ("SageMaker AI automatically pulls the training
 * container image from Amazon ECR"; "Configure Amazon ECR for training").
 */
export const JOB_ENDPOINTS: readonly EndpointName[] = ['ecr.api', 'ecr.dkr'];

export interface JobSecurityGroupArgs {
  readonly naming: Naming;
  readonly vpc: aws.ec2.Vpc;
  /** The interface endpoints' group: jobs reach AWS APIs through it, and it admits them on 443. */
  readonly endpoints: aws.ec2.SecurityGroup;
  readonly s3PrefixListId: pulumi.Input<string>;
}

/**
 * The group every SageMaker training and processing job of the environment runs in (the notebook role may start
 * a job only with it, issue 15). Distributed training talks between the instances of one job on ports the
 * framework picks, so the group admits all traffic from itself and nothing from anywhere else; out, only
 * itself, HTTPS to the interface endpoints and HTTPS to S3 through the gateway endpoint. A job is never
 * reachable from a notebook: the notebook group has no rule towards this one. JOB-2 (docs/CONTROLS.md) holds the
 * group to exactly these rules.
 * AWS: "Give SageMaker AI Training Jobs Access to Resources in Your Amazon VPC", section "Configure the VPC
 * Security Group" (distributed training needs inbound and outbound between members of the same group),
 * https://docs.aws.amazon.com/sagemaker/latest/dg/train-vpc.html; "Give SageMaker Processing Jobs Access to
 * Resources in Your Amazon VPC", https://docs.aws.amazon.com/sagemaker/latest/dg/process-vpc.html
 */
export function createJobSecurityGroup(
  name: string,
  args: JobSecurityGroupArgs,
  parent: pulumi.Resource,
): aws.ec2.SecurityGroup {
  const opts = { parent };
  const jobs = new aws.ec2.SecurityGroup(
    `${name}-jobs`,
    {
      vpcId: args.vpc.id,
      // namePrefix and revokeRulesOnDelete as for the other groups (security-groups.ts).
      namePrefix: `${args.naming.name('jobs')}-`,
      description:
        'SageMaker training and processing jobs: in from this group only; out to this group, HTTPS to the VPC endpoints and S3',
      revokeRulesOnDelete: true,
      tags: { Name: args.naming.name('jobs') },
    },
    opts,
  );
  const HTTPS = { ipProtocol: 'tcp', fromPort: 443, toPort: 443 } as const;
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-jobs-from-jobs`,
    {
      securityGroupId: jobs.id,
      referencedSecurityGroupId: jobs.id,
      ipProtocol: '-1',
      description: 'All traffic between the instances of a job (distributed training), from this group only',
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-jobs-to-jobs`,
    {
      securityGroupId: jobs.id,
      referencedSecurityGroupId: jobs.id,
      ipProtocol: '-1',
      description: 'All traffic between the instances of a job (distributed training), to this group only',
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-jobs-to-endpoints`,
    {
      securityGroupId: jobs.id,
      referencedSecurityGroupId: args.endpoints.id,
      ...HTTPS,
      description: 'HTTPS to the interface endpoints (ECR, CloudWatch Logs, STS, KMS over PrivateLink)',
    },
    opts,
  );
  new aws.vpc.SecurityGroupEgressRule(
    `${name}-jobs-to-s3`,
    {
      securityGroupId: jobs.id,
      prefixListId: args.s3PrefixListId,
      ...HTTPS,
      description: 'HTTPS to S3 through the gateway endpoint (S3 prefix list): job data and image layers',
    },
    opts,
  );
  new aws.vpc.SecurityGroupIngressRule(
    `${name}-endpoints-from-jobs`,
    {
      securityGroupId: args.endpoints.id,
      referencedSecurityGroupId: jobs.id,
      ...HTTPS,
      description: 'HTTPS from SageMaker training and processing jobs',
    },
    opts,
  );
  return jobs;
}
