import { AccessAnalyzerClient } from '@aws-sdk/client-accessanalyzer';
import { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { EC2Client } from '@aws-sdk/client-ec2';
import { IAMClient } from '@aws-sdk/client-iam';
import { KMSClient } from '@aws-sdk/client-kms';
import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { SNSClient } from '@aws-sdk/client-sns';
import { STSClient } from '@aws-sdk/client-sts';

/** One client per service, all in the environment's region, on the SDK's default credential chain (as the CLI's). */
export interface Clients {
  readonly sts: STSClient;
  readonly iam: IAMClient;
  readonly accessAnalyzer: AccessAnalyzerClient;
  readonly kms: KMSClient;
  readonly ec2: EC2Client;
  readonly cloudtrail: CloudTrailClient;
  readonly logs: CloudWatchLogsClient;
  readonly cloudwatch: CloudWatchClient;
  readonly sns: SNSClient;
  readonly sagemaker: SageMakerClient;
  readonly s3: S3Client;
}

export function createClients(region: string): Clients {
  const config = { region };
  return {
    sts: new STSClient(config),
    iam: new IAMClient(config),
    accessAnalyzer: new AccessAnalyzerClient(config),
    kms: new KMSClient(config),
    ec2: new EC2Client(config),
    cloudtrail: new CloudTrailClient(config),
    logs: new CloudWatchLogsClient(config),
    cloudwatch: new CloudWatchClient(config),
    sns: new SNSClient(config),
    sagemaker: new SageMakerClient(config),
    s3: new S3Client(config),
  };
}
