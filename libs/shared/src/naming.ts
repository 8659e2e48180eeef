import type { LayerName } from './layers';

/**
 * Physical names and the name patterns an earlier layer grants on, for resources a later layer creates (the
 * security layer cannot reference the notebook's bucket, so it grants on the pattern instead). Every name is
 * `<prefix>-<environment>-...`, so one environment's grants never reach another's resources.
 */
export class Naming {
  constructor(
    readonly prefix: string,
    readonly environment: string,
  ) {}

  /** `sml-dev`: the stem of every name in this environment. */
  get stem(): string {
    return `${this.prefix}-${this.environment}`;
  }

  /** A physical name for a resource of this environment: `sml-dev-<suffix>`. */
  name(suffix: string): string {
    return `${this.stem}-${suffix}`;
  }

  /** KMS alias of a key: `alias/sml-dev-<purpose>`. */
  keyAlias(purpose: 'data' | 'logs' | 'replica'): string {
    return `alias/${this.stem}-${purpose}`;
  }

  /** IAM role names; the path groups them so that policies can match `role/secure-ml/sml-dev-*`. */
  readonly iamPath = '/secure-ml/';
  roleName(purpose: string): string {
    return this.name(purpose);
  }

  /** Bucket names must be globally unique, so they carry the account and region. */
  bucketName(
    purpose: 'data' | 'trail' | 'access-logs' | 'replica' | 'replica-logs',
    accountId: string,
    region: string,
  ): string {
    const name = `${this.stem}-${purpose}-${accountId}-${region}`;
    if (name.length > 63)
      throw new Error(`Bucket name ${name} is longer than S3's 63 characters; shorten secure-ml:prefix`);
    return name;
  }
  /** Every data bucket this environment may create, for grants made before the bucket exists. */
  dataBucketArnPattern(partition: string): string {
    return `arn:${partition}:s3:::${this.stem}-data-*`;
  }

  get trailName(): string {
    return this.name('trail');
  }
  trailArn(partition: string, region: string, accountId: string): string {
    return `arn:${partition}:cloudtrail:${region}:${accountId}:trail/${this.trailName}`;
  }

  /** Log groups of this environment live under `/secure-ml/<stem>/`. */
  logGroupName(purpose: 'cloudtrail' | 'vpc-flow-logs'): string {
    return `/secure-ml/${this.stem}/${purpose}`;
  }
  logGroupArnPattern(partition: string, region: string, accountId: string): string {
    return `arn:${partition}:logs:${region}:${accountId}:log-group:/secure-ml/${this.stem}/*`;
  }
  /** SageMaker writes notebook logs to this fixed group; the logging layer creates it, encrypted, first. */
  static readonly SAGEMAKER_NOTEBOOK_LOG_GROUP = '/aws/sagemaker/NotebookInstances';
  /**
   * SageMaker writes training jobs' logs (those a tuning job starts included) and processing jobs' logs to these
   * fixed groups, creating them unencrypted and kept forever on first write unless they exist; the logging layer
   * creates them first with `secure-ml-logging:jobs`. AWS: "Log Amazon SageMaker AI Events with Amazon CloudWatch",
   * https://docs.aws.amazon.com/sagemaker/latest/dg/logging-cloudwatch.html
   */
  static readonly SAGEMAKER_JOB_LOG_GROUPS = {
    training: '/aws/sagemaker/TrainingJobs',
    processing: '/aws/sagemaker/ProcessingJobs',
  } as const;

  /**
   * One notebook of the `secure-ml-notebook:notebooks` map, by its id (`alice`): `sml-dev-notebook-alice`. The id
   * is the only thing that varies, so adding, removing or reordering entries never renames another notebook.
   */
  notebookName(id: string): string {
    return this.name(`notebook-${id}`);
  }
  notebookArnPattern(partition: string, region: string, accountId: string): string {
    return `arn:${partition}:sagemaker:${region}:${accountId}:notebook-instance/${this.stem}-*`;
  }
  /** ARN of one notebook (SageMaker lowercases names in ARNs; ours are lowercase). */
  notebookArn(id: string, partition: string, region: string, accountId: string): string {
    return `arn:${partition}:sagemaker:${region}:${accountId}:notebook-instance/${this.notebookName(id)}`;
  }
  /**
   * The IAM path of every notebook execution role of this environment, and only of them: the security layer's
   * delegation lets the notebook team create roles under it alone, and the guardrail pins iam:PassRole to it.
   */
  get notebookRolePath(): string {
    return `${this.iamPath}${this.stem}/notebooks/`;
  }
  notebookRoleName(id: string): string {
    return this.name(`notebook-${id}`);
  }
  /** Every notebook execution role of this environment: `role/secure-ml/sml-dev/notebooks/*`. */
  notebookRoleArnPattern(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role${this.notebookRolePath}*`;
  }
  notebookRoleArn(id: string, partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role${this.notebookRolePath}${this.notebookRoleName(id)}`;
  }
  /**
   * The IAM path of the roles people are owners through when they do not come from IAM Identity Center (a plain IAM
   * role per person, tagged `secure-ml:owner`): the guardrail lets an owner-tagged session use a notebook only from
   * an Identity Center role or a role under this path, which only the deployment roles create or re-trust.
   */
  get ownerRolePath(): string {
    return `${this.iamPath}${this.stem}/owners/`;
  }
  /** Every owner role of this environment: `role/secure-ml/sml-dev/owners/*`. */
  ownerRoleArnPattern(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role${this.ownerRolePath}*`;
  }
  /**
   * The execution role of the SageMaker jobs one notebook starts (issue 15): `sml-dev-job-alice`, under the
   * notebook role path (the delegation lets the notebook team create roles there only, with the boundary).
   */
  jobRoleName(id: string): string {
    return this.name(`job-${id}`);
  }
  jobRoleArn(id: string, partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role${this.notebookRolePath}${this.jobRoleName(id)}`;
  }
  /** Every job role of this environment: `role/secure-ml/sml-dev/notebooks/sml-dev-job-*`. */
  jobRoleArnPattern(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:role${this.notebookRolePath}${this.name('job-')}*`;
  }
  /**
   * The notebook layer's owner access managed policy (`sml-dev-notebook-owner-access`), which the identity team
   * attaches to owners; `verify guardrail` reads it by this name, the notebook layer deploying beside it.
   */
  get ownerAccessPolicyName(): string {
    return this.name('notebook-owner-access');
  }
  ownerAccessPolicyArn(partition: string, accountId: string): string {
    return `arn:${partition}:iam::${accountId}:policy${this.iamPath}${this.ownerAccessPolicyName}`;
  }
  /** The lifecycle configuration of one notebook (its own idle minutes): `sml-dev-lifecycle-alice`. */
  lifecycleConfigName(id: string): string {
    return this.name(`lifecycle-${id}`);
  }
  lifecycleConfigArn(id: string, partition: string, region: string, accountId: string): string {
    return `arn:${partition}:sagemaker:${region}:${accountId}:notebook-instance-lifecycle-config/${this.lifecycleConfigName(id)}`;
  }
  /**
   * Every lifecycle configuration the notebook layer may create, for the guardrail's pin (the notebook layer
   * deploys after it). Only the deployment may write a lifecycle configuration at all (the guardrail denies it
   * to everyone else), so the pattern admits nothing but the notebook layer's own.
   */
  lifecycleConfigArnPattern(partition: string, region: string, accountId: string): string {
    return `arn:${partition}:sagemaker:${region}:${accountId}:notebook-instance-lifecycle-config/${this.name('lifecycle-')}*`;
  }
  /**
   * A notebook's own place in the environment's data bucket, read and write for its role alone. The trailing
   * slash keeps `notebooks/al/` from matching `notebooks/alice/`.
   */
  static notebookDataPrefix(id: string): string {
    return `notebooks/${id}/`;
  }
  /** What every notebook of the environment reads (and none writes): data the platform team publishes. */
  static readonly SHARED_DATA_PREFIX = 'shared/';
  /**
   * The tag that names a notebook's owner, on the notebook and on its role, and the principal (session) tag an owner's
   * sessions carry: the owner access policy matches one against the other, and the guardrail lets nobody but the
   * deployment write it (docs/DESIGN.md, "Who may use a notebook").
   */
  static readonly OWNER_TAG = 'secure-ml:owner';
  /** SageMaker names a notebook's log streams `<notebook name>/<stream>` in its notebook log group. */
  notebookLogStreamPrefix(id: string): string {
    return `${this.notebookName(id)}/`;
  }
  get alertsTopicName(): string {
    return this.name('alerts');
  }

  /** ARN of one log group by name, for grants on a group a later layer creates (security layer). */
  logGroupArn(logGroupName: string, partition: string, region: string, accountId: string): string {
    return `arn:${partition}:logs:${region}:${accountId}:log-group:${logGroupName}`;
  }
  /** Tags on every taggable resource, through the provider's default tags. */
  defaultTags(layer: LayerName, extra: Readonly<Record<string, string>>): Record<string, string> {
    return {
      ...extra,
      Project: 'secure-ml',
      Environment: this.environment,
      Layer: layer,
      ManagedBy: 'pulumi',
    };
  }
}
