import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { bucketGrants, type BucketGrants } from './bucket-grants';

/** Default encryption of a bucket: a customer-managed KMS key, or SSE-S3 where the writer accepts nothing else. */
export type BucketEncryption =
  | {
      readonly kind: 'kms';
      readonly keyArn: pulumi.Input<string>;
      /**
       * An S3 Bucket Key: S3 asks KMS for a bucket-level key instead of one per object, which cuts KMS requests
       * and their cost by orders of magnitude, and makes the bucket's ARN the encryption context. Off only where
       * the writer cannot work with one (the trail bucket: creating a trail then needs kms:Decrypt).
       */
      readonly bucketKey: boolean;
    }
  /** Only for the server-access-log bucket: S3 log delivery cannot write to SSE-KMS buckets (S3-4's exception). */
  | { readonly kind: 's3-managed' };

/** Where the bucket's own server access logs go (S3-5). */
export type AccessLogTarget =
  | {
      readonly bucket: pulumi.Input<string>;
      readonly prefix: pulumi.Input<string>;
      /**
       * How S3 names the log objects. @default 'partitioned-by-event-time' (`[prefix][account]/[region]/[bucket]/
       * [yyyy]/[mm]/[dd]/...`, which Athena can partition on); 'simple' puts every object under the prefix.
       * Changing it changes where new log objects land, not the ones already written.
       */
      readonly keyFormat?: 'partitioned-by-event-time' | 'simple';
      /**
       * The logging configuration's resource name. @default `<name>-access-logs`. IMPORTANT: renaming it deletes
       * and recreates the configuration: a bucket deployed before this component keeps its old name here.
       */
      readonly resourceName?: string;
      /** What the delivery needs in place first: the target bucket's policy, which admits S3's log writes. */
      readonly dependsOn?: readonly pulumi.Resource[];
    }
  /** The bucket is itself the access-log target; logging it into itself would log its own log writes forever. */
  | 'is-access-log-bucket';

export interface SecureBucketArgs {
  /** Physical name. IMPORTANT: changing it replaces the bucket (and the data in it stays in the old one). */
  readonly bucketName: pulumi.Input<string>;
  readonly encryption: BucketEncryption;
  /** Required: a caller opts out of access logging only by saying the bucket is the log target. */
  readonly accessLogs: AccessLogTarget;
  /**
   * The lifecycle rules. At least one must expire noncurrent versions (S3-8): with versioning on, nothing else
   * ever deletes an overwritten or deleted object's old versions.
   */
  readonly lifecycleRules: readonly aws.types.input.s3.BucketLifecycleConfigurationRule[];
  /**
   * What the bucket's owner allows or denies in its resource policy (service deliveries, a data perimeter), given
   * the bucket's ARN; always after the TLS-only deny, which no caller can leave out (S3-2). @default none
   */
  readonly policyStatements?: (
    bucketArn: pulumi.Output<string>,
  ) => pulumi.Input<pulumi.Input<aws.iam.PolicyStatement>[]>;
  /** Protects the bucket from `pulumi destroy` and from a replacing change. */
  readonly protect: boolean;
  /**
   * Keeps the bucket in AWS when it leaves the program (the audit trail outlives the stack). A retained bucket
   * keeps its deterministic name taken, so environments that tear down turn it off. @default false
   */
  readonly retainOnDelete?: boolean;
  /**
   * The component's type token. @default 'secure-ml:shared:SecureBucket'. IMPORTANT: it is part of every child's
   * URN: a layer whose buckets were created under its own component keeps that token, or they are replaced.
   */
  readonly componentType?: string;
  /**
   * The component the bucket's resources were registered under before they became a SecureBucket's: each child
   * carries an alias to its URN there, so that Pulumi keeps the deployed bucket and its settings instead of
   * replacing them. AWS is not involved: this is Pulumi's identity of the resources ("Resource option: aliases",
   * https://www.pulumi.com/docs/iac/concepts/options/aliases/). @default none
   */
  readonly formerParent?: pulumi.Resource;
}

/** The problems of a bucket's arguments, each with its fix; empty when none. */
export function secureBucketProblems(name: string, args: Pick<SecureBucketArgs, 'lifecycleRules'>): string[] {
  const expires = args.lifecycleRules.some(
    (r) => r.noncurrentVersionExpiration !== undefined && r.status === 'Enabled',
  );
  return expires
    ? []
    : [
        `SecureBucket ${name}: no enabled lifecycle rule expires noncurrent versions (S3-8); add one with noncurrentVersionExpiration: { noncurrentDays: <days> }`,
      ];
}

/**
 * An S3 bucket with the posture every bucket of the platform carries (S3-1 to S3-8), whatever it holds: all four
 * public-access blocks, ACLs disabled (BucketOwnerEnforced), versioning, default encryption, a TLS-only policy
 * with the owner's statements after it, lifecycle rules that expire noncurrent versions, server access logging
 * unless it is the log target, and never `forceDestroy`. The policy is written last, once every setting is in
 * place (S3 rejects a policy change while the public access block is being written). Secure defaults are the
 * component's job (STYLE 3, as CDK's `s3.Bucket` with `enforceSSL`); the owner of the bucket adds only what is
 * particular to it (STYLE 14).
 */
export class SecureBucket extends pulumi.ComponentResource {
  readonly bucket: aws.s3.Bucket;
  readonly name: pulumi.Output<string>;
  readonly arn: pulumi.Output<string>;
  readonly versioning: aws.s3.BucketVersioning;
  /** The bucket policy; resources that S3 must accept writes from (a trail) depend on it. */
  readonly policy: aws.s3.BucketPolicy;

  /**
   * What the bucket's owner grants a role on the bucket of `bucketArn`, by prefix (bucket-grants.ts): the owner
   * hands the statements to the role's policy, as CDK's `bucket.grantRead(role, 'prefix/*')` adds them.
   */
  static grants(this: void, bucketArn: string): BucketGrants {
    return bucketGrants(bucketArn);
  }

  constructor(name: string, args: SecureBucketArgs, opts?: pulumi.ComponentResourceOptions) {
    super(args.componentType ?? 'secure-ml:shared:SecureBucket', name, {}, opts);
    const problems = secureBucketProblems(name, args);
    if (problems.length) throw new Error(problems.join('\n'));
    const child: pulumi.CustomResourceOptions = {
      parent: this,
      ...(args.formerParent ? { aliases: [{ parent: args.formerParent }] } : {}),
    };
    // forceDestroy stays false (the default, stated so a reader need not know it): emptying a bucket to delete
    // it must be a deliberate act, never a side effect of `pulumi destroy`.
    this.bucket = new aws.s3.Bucket(
      name,
      { bucket: args.bucketName, forceDestroy: false },
      { ...child, protect: args.protect, retainOnDelete: args.retainOnDelete ?? false },
    );
    const bucket = this.bucket.bucket;
    this.name = bucket;
    this.arn = this.bucket.arn;

    // All four public-access switches on (S3-1).
    const publicAccess = new aws.s3.BucketPublicAccessBlock(
      `${name}-public-access`,
      {
        bucket,
        blockPublicAcls: true,
        blockPublicPolicy: true,
        ignorePublicAcls: true,
        restrictPublicBuckets: true,
      },
      child,
    );
    // ACLs disabled: the bucket owner owns every object (S3-6).
    const ownership = new aws.s3.BucketOwnershipControls(
      `${name}-ownership`,
      { bucket, rule: { objectOwnership: 'BucketOwnerEnforced' } },
      child,
    );
    // Versioning on (S3-3); the noncurrent-version rules and replication depend on it.
    const versioning = new aws.s3.BucketVersioning(
      `${name}-versioning`,
      { bucket, versioningConfiguration: { status: 'Enabled' } },
      child,
    );
    this.versioning = versioning;
    const encryption = new aws.s3.BucketServerSideEncryptionConfiguration(
      `${name}-encryption`,
      { bucket, rules: [encryptionRule(args.encryption)] },
      child,
    );
    // Noncurrent-version rules act on versions, so versioning must be on before S3 applies them as meant.
    const lifecycle = new aws.s3.BucketLifecycleConfiguration(
      `${name}-lifecycle`,
      { bucket, rules: [...args.lifecycleRules] },
      { ...child, dependsOn: [versioning] },
    );
    const settings: pulumi.Resource[] = [publicAccess, ownership, versioning, encryption, lifecycle];
    if (args.accessLogs !== 'is-access-log-bucket') {
      const target = args.accessLogs;
      settings.push(
        new aws.s3.BucketLogging(
          target.resourceName ?? `${name}-access-logs`,
          {
            bucket,
            targetBucket: target.bucket,
            targetPrefix: target.prefix,
            ...((target.keyFormat ?? 'partitioned-by-event-time') === 'partitioned-by-event-time'
              ? { targetObjectKeyFormat: { partitionedPrefix: { partitionDateSource: 'EventTime' } } }
              : {}),
          },
          { ...child, dependsOn: [...(target.dependsOn ?? [])] },
        ),
      );
    }
    const statements = pulumi.output(args.policyStatements?.(this.arn) ?? []);
    const document = pulumi.all([this.arn, statements]).apply(([arn, owned]) => ({
      Version: '2012-10-17',
      Statement: [denyInsecureTransport(arn), ...owned],
    }));
    this.policy = new aws.s3.BucketPolicy(
      `${name}-policy`,
      { bucket, policy: pulumi.jsonStringify(document) },
      { ...child, dependsOn: settings },
    );
    this.registerOutputs({ name: this.name, arn: this.arn });
  }
}

/**
 * Refuses every request over plain HTTP, on the bucket and its objects, for every action (S3-2), whoever makes it:
 * a Deny with `Principal: "*"` cannot be outweighed by any Allow, the bucket owner's own included. AWS: AWS Config rule "s3-bucket-ssl-requests-only",
 * https://docs.aws.amazon.com/config/latest/developerguide/s3-bucket-ssl-requests-only.html; "Security Hub CSPM
 * controls for Amazon S3", [S3.5], https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html
 */
export function denyInsecureTransport(bucketArn: string): aws.iam.PolicyStatement {
  return {
    Sid: 'DenyInsecureTransport',
    Effect: 'Deny',
    Principal: '*',
    Action: 's3:*',
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { Bool: { 'aws:SecureTransport': 'false' } },
  };
}

function encryptionRule(
  encryption: BucketEncryption,
): aws.types.input.s3.BucketServerSideEncryptionConfigurationRule {
  if (encryption.kind === 'kms') {
    return {
      applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: encryption.keyArn },
      bucketKeyEnabled: encryption.bucketKey,
    };
  }
  return { applyServerSideEncryptionByDefault: { sseAlgorithm: 'AES256' } };
}
