import {
  assertNoConfigProblems,
  IDLE_MINUTES,
  INSTANCE_TYPE,
  notebooksSetting,
  setting,
  sourceCidrsSetting,
  sourceCidrsProblem,
  VOLUME_GB,
  type NotebookSpec,
} from '@secure-ml/shared';
import { NOTEBOOK_INSTANCE_TYPES, REVIEWED_NOTEBOOK_INSTANCE_TYPES } from '@secure-ml/shared/catalogue';

const CATALOGUE =
  'an instance type AWS offers for notebook instances (libs/shared/src/catalogue/notebook-instance-types.ts)';

/**
 * An https URL without credentials (they would sit in clear text in the lifecycle configuration) and without
 * quotes, backslashes or spaces (the URL is written into shell and config files).
 */
const HTTPS_URL = /^(?=.{1,1024}$)https:\/\/[A-Za-z0-9.-]+(:\d{1,5})?(\/[^\s@'"`\\$]*)?$/;
const httpsUrl = (example: string, description: string) =>
  setting.optional(
    setting.text({
      pattern: HTTPS_URL,
      allowed: 'an https:// URL (at most 1024 characters) without credentials or quotes',
      example,
      description,
      onChange: 'replaces the lifecycle configuration; the notebook reads it at its next start',
    }),
  );

export const notebookSettings = {
  /** The notebooks, one per person (libs/shared/src/config/notebooks.ts). Required: at least one. */
  notebooks: notebooksSetting,
  /**
   * The public networks owners may open Jupyter from over the internet (`aws:SourceIp` of
   * CreatePresignedNotebookInstanceUrl, which SageMaker also checks on every request of the URL): your offices' and
   * VPN's egress addresses. From inside the network, owners open through the opt-in `notebook` endpoint
   * (secure-ml-network:interfaceEndpoints), which the owner access policy admits by itself.
   * @default [] (nobody opens over the internet; with no notebook endpoint either, nobody opens at all, and the
   * program warns). Changing it updates the owner access managed policy in place: every owner it is attached to
   * gets the new networks at once.
   */
  ownerSourceCidrs: sourceCidrsSetting(
    "Public networks (IPv4 CIDRs, the offices' and VPN's egress addresses) owners may open Jupyter from over the internet (aws:SourceIp); from inside the network they open through the opt-in notebook endpoint. Unset: nobody opens over the internet.",
    'updates the owner access managed policy (ownerAccessPolicyArn) in place; every owner holding it gets the new networks at once',
  ),
  /**
   * The instance types the platform team allows in this environment, each one AWS offers for notebook instances.
   * @default the reviewed list of libs/shared (general purpose, compute, common GPUs), which is also the
   * guardrail's default: a type added here must be added to secure-ml-guardrail:instanceTypes too, or the
   * guardrail refuses the notebook.
   */
  allowedInstanceTypes: setting.list(
    { pattern: INSTANCE_TYPE, allowed: CATALOGUE.replace('an instance type', 'instance types') },
    {
      example: '["ml.t3.medium","ml.m5.xlarge"]',
      default: [...REVIEWED_NOTEBOOK_INSTANCE_TYPES],
      maxItems: NOTEBOOK_INSTANCE_TYPES.length,
      description:
        "Instance types the platform team allows for this environment's notebooks, each one AWS offers for notebook instances; default: the reviewed list that the guardrail also defaults to.",
      onChange: 'nothing is replaced; a notebook whose type leaves the list is refused at the next deploy',
    },
  ),
  /**
   * Instance type of a notebook whose entry names none; it must be in allowedInstanceTypes. Changing it stops and
   * restarts those notebooks (no replacement).
   */
  instanceType: setting.oneOf(NOTEBOOK_INSTANCE_TYPES, {
    default: 'ml.t3.medium',
    allowed: CATALOGUE,
    description:
      'Instance type of every notebook whose entry names none; it must be in allowedInstanceTypes (GPU sizes cost far more).',
    onChange: 'stops and restarts those notebooks in place (no replacement)',
  }),
  /**
   * Size of the encrypted ML storage volume (/home/ec2-user/SageMaker) in GB of a notebook whose entry names none.
   * @default 20. IMPORTANT: growing it restarts the instance; shrinking it replaces the instance and loses the volume.
   */
  volumeSizeGb: setting.integer({
    ...VOLUME_GB,
    default: 20,
    description:
      'Size in GB of the encrypted ML storage volume (/home/ec2-user/SageMaker) of every notebook whose entry names none.',
    onChange: 'growing restarts those notebooks; shrinking replaces them and loses the volume',
  }),
  /** Minutes without kernel or terminal activity after which a notebook whose entry names none stops. @default 60 */
  idleMinutes: setting.integer({
    ...IDLE_MINUTES,
    default: 60,
    description:
      'Minutes without kernel or terminal activity after which a notebook (whose entry names none) stops itself.',
    onChange: "replaces those notebooks' lifecycle configurations; each reads it at its next start",
  }),
  /**
   * An https Git URL cloned into every notebook as its default repository. @default none. Only a URL, never the
   * name of a SageMaker code repository resource (which CreateNotebookInstance also accepts: "CreateNotebookInstance",
   * https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateNotebookInstance.html#sagemaker-CreateNotebookInstance-request-DefaultCodeRepository):
   * that resource is nobody's to guard here, and whoever may delete and re-create it under the same name with
   * another URL (sagemaker:DeleteCodeRepository, CreateCodeRepository) chooses what every notebook clones at its next
   * start (review 5, R5-8). A URL lives in this stack file, which only the notebook layer's deployment applies.
   */
  defaultCodeRepository: setting.optional(
    setting.text({
      pattern: /^https:\/\/[^\s@'"`\\$]+$/,
      allowed: 'an https:// Git URL without credentials (not a SageMaker code repository name)',
      example: 'https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/ml-notebooks',
      description: 'Git repository cloned into the notebook as its default repository.',
      onChange: 'updates the notebook in place (it is stopped and restarted)',
    }),
  ),
  /** A private PyPI-compatible index for pip. Exclusive with codeArtifactDomain. @default none (no pip mirror) */
  pipIndexUrl: httpsUrl(
    'https://pypi.example.internal/simple/',
    'A private PyPI-compatible index pip uses (reachable from the VPC); exclusive with codeArtifactDomain.',
  ),
  /** A private conda channel, used when the instance has conda. @default none */
  condaChannelUrl: httpsUrl(
    'https://conda.example.internal/main',
    'A private conda channel, used when the notebook has conda.',
  ),
  /** CodeArtifact domain of the pip mirror; needs codeArtifactRepository. @default none */
  codeArtifactDomain: setting.optional(
    setting.text({
      pattern: /^[a-z][a-z0-9-]{0,48}[a-z0-9]$/,
      allowed: 'a CodeArtifact domain name (2-50 lowercase letters, digits, -)',
      example: 'ml-packages',
      description:
        'CodeArtifact domain of the pip mirror (needs codeArtifactRepository, and the codeartifact endpoints in the network layer).',
      onChange: 'updates the role policy in place and replaces the lifecycle configuration',
    }),
  ),
  /** CodeArtifact repository of the pip mirror (an upstream of PyPI, typically). @default none */
  codeArtifactRepository: setting.optional(
    setting.text({
      pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{1,99}$/,
      allowed: 'a CodeArtifact repository name (2-100 letters, digits, . _ -)',
      example: 'pypi-store',
      description: 'CodeArtifact repository of the pip mirror (an upstream of PyPI, typically).',
      onChange: 'updates the role policy in place and replaces the lifecycle configuration',
    }),
  ),
  /** Account that owns the CodeArtifact domain. @default the deploying account */
  codeArtifactDomainOwner: setting.optional(
    setting.text({
      pattern: /^\d{12}$/,
      allowed: 'a 12-digit AWS account ID',
      example: '123456789012',
      description:
        "Account that owns the CodeArtifact domain, when it is not the environment's account; must be in secure-ml-security:packageMirrorAccounts.",
      onChange: 'updates the role policy in place and replaces the lifecycle configuration',
    }),
  ),
  /** Days a replaced or deleted object version is kept before it expires. @default 90 */
  noncurrentVersionDays: setting.integer({
    min: 1,
    max: 3650,
    default: 90,
    description: 'Days a replaced or deleted object version of the data bucket is kept before it expires.',
    onChange: "updates the data bucket's lifecycle rule in place",
  }),
  /**
   * A role that may read and write the bucket's data from outside the VPC endpoint (incident response).
   * Deployments need no exception: the endpoint perimeter covers the data, not the bucket's configuration.
   * @default none: only requests through the endpoint and AWS services reach the data.
   */
  breakGlassRoleArn: setting.optional(
    setting.text({
      pattern: /^arn:aws[a-z-]*:iam::\d{12}:role\/([\w+=,.@-]+\/)*[\w+=,.@-]{1,64}$/,
      allowed: 'an IAM role ARN (arn:aws:iam::<account>:role/<name>)',
      example: 'arn:aws:iam::123456789012:role/secure-ml-break-glass',
      description:
        'A role that may read and write the data from outside the VPC endpoint (incident response).',
      onChange: 'updates the data bucket policy in place',
    }),
  ),
  /**
   * Region of an opt-in replica of the data bucket (S3 cross-region replication into a bucket with the same
   * baseline and a key of its own there). @default none: one copy, in the environment's region (README,
   * "Decision: replicating the data bucket"). Setting it adds the replica bucket, its access-log bucket, its key
   * and a replication role; unsetting it stops replication (the replica, protected in prod, stays).
   */
  replicaRegion: setting.optional(
    setting.text({
      pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
      allowed: 'an AWS region other than aws:region (eu-central-1)',
      example: 'eu-central-1',
      description:
        'Opt-in cross-region replica of the data bucket: a bucket with the same baseline, its own KMS key and access-log bucket in that region, and a replication role (README, "Decision: replicating the data bucket").',
      onChange:
        'setting it adds the replica, its key, its log bucket and the replication role; another region creates a new replica there; unsetting it stops replication (the replica stays, protected in prod)',
    }),
  ),
  /**
   * SageMaker training, processing and tuning jobs from the notebooks (issue 15): a job role per notebook, what
   * each notebook role may start (only in the VPC's private subnets and job group, with the data key on volume and
   * output, inter-container encryption and, by default, network isolation; only tagged as its own) and the SDK
   * defaults that make `estimator.fit()` comply with no extra argument. @default false. Needs
   * secure-ml-network:jobs and secure-ml-logging:jobs deployed first.
   */
  jobs: setting.boolean({
    default: false,
    description:
      "Lets each notebook start SageMaker training, processing and tuning jobs, with its own job role and only in the environment's posture (VPC, job group, data key, encryption); needs secure-ml-network:jobs and secure-ml-logging:jobs.",
    onChange:
      "adds or removes each notebook's job role and job-start policy, and replaces the lifecycle configurations (the SDK defaults apply at the next start)",
  }),
  /**
   * With jobs: every job must run with network isolation (its container makes no network call; SageMaker still
   * moves its data in and out). @default true. false lets a notebook start jobs whose container reaches the
   * VPC's endpoints (still no internet): for containers that call AWS APIs themselves.
   */
  jobNetworkIsolation: setting.boolean({
    default: true,
    description:
      "With jobs: every job must run with network isolation (default); false allows jobs whose container reaches the VPC's endpoints.",
    onChange:
      "updates each notebook role's job-start policy in place and replaces the lifecycle configurations",
  }),
} as const;

/** The settings as the program receives them. */
export interface NotebookSettingsValues {
  readonly notebooks?: Readonly<Record<string, NotebookSpec>>;
  readonly allowedInstanceTypes?: readonly string[];
  readonly instanceType?: string;
  readonly pipIndexUrl?: string | undefined;
  readonly codeArtifactDomain?: string | undefined;
  readonly codeArtifactRepository?: string | undefined;
  readonly codeArtifactDomainOwner?: string | undefined;
  readonly replicaRegion?: string | undefined;
  readonly ownerSourceCidrs?: readonly string[];
}

/** Problems that involve more than one setting; each names the keys and the fix. */
export function crossSettingProblems(s: NotebookSettingsValues, stack: string, region?: string): string[] {
  const ns = 'secure-ml-notebook';
  const problems: string[] = [...instanceTypeProblems(s, stack)];
  if (Boolean(s.codeArtifactDomain) !== Boolean(s.codeArtifactRepository)) {
    const missing = s.codeArtifactDomain ? 'codeArtifactRepository' : 'codeArtifactDomain';
    problems.push(
      `${ns}:codeArtifactDomain and ${ns}:codeArtifactRepository go together, but ${ns}:${missing} is unset. Fix: pulumi config set ${ns}:${missing} <name> --stack ${stack}`,
    );
  }
  if (s.codeArtifactDomainOwner && !s.codeArtifactDomain) {
    problems.push(
      `${ns}:codeArtifactDomainOwner = "${s.codeArtifactDomainOwner}" is set without ${ns}:codeArtifactDomain. Fix: pulumi config rm ${ns}:codeArtifactDomainOwner --stack ${stack}`,
    );
  }
  if (s.codeArtifactDomain && s.pipIndexUrl) {
    problems.push(
      `${ns}:pipIndexUrl = "${s.pipIndexUrl}" and ${ns}:codeArtifactDomain = "${s.codeArtifactDomain}" both configure pip's index; choose one. Fix: pulumi config rm ${ns}:pipIndexUrl --stack ${stack}`,
    );
  }
  const cidrs = sourceCidrsProblem(
    `${ns}:ownerSourceCidrs`,
    s.ownerSourceCidrs,
    `packages/notebook/Pulumi.${stack}.yaml`,
  );
  if (cidrs) problems.push(cidrs);
  if (s.replicaRegion && s.replicaRegion === region) {
    problems.push(
      `${ns}:replicaRegion = "${s.replicaRegion}" is the environment's own region (aws:region): a replica there survives no regional outage. Fix: pulumi config set ${ns}:replicaRegion <another region> --stack ${stack}, or pulumi config rm ${ns}:replicaRegion --stack ${stack}`,
    );
  }
  return problems;
}

export function assertSettingsAgree(s: NotebookSettingsValues, stack: string, region?: string): void {
  assertNoConfigProblems(`packages/notebook/Pulumi.${stack}.yaml`, crossSettingProblems(s, stack, region));
}

/** The allowed list holds only types AWS offers, and every notebook's type (its own or the default) is in it. */
function instanceTypeProblems(s: NotebookSettingsValues, stack: string): string[] {
  const ns = 'secure-ml-notebook';
  const allowed = s.allowedInstanceTypes ?? [];
  const catalogue: readonly string[] = NOTEBOOK_INSTANCE_TYPES;
  const problems = allowed
    .filter((t) => !catalogue.includes(t))
    .map(
      (t) =>
        `${ns}:allowedInstanceTypes lists "${t}", which AWS does not offer for notebook instances (libs/shared/src/catalogue/notebook-instance-types.ts). Fix: remove it from ${ns}:allowedInstanceTypes in packages/notebook/Pulumi.${stack}.yaml`,
    );
  if (!s.allowedInstanceTypes) return problems;
  const refused = (type: string | undefined, where: string, fix: string) =>
    type && !allowed.includes(type)
      ? [
          `${where} = "${type}" is not in ${ns}:allowedInstanceTypes (${allowed.join(', ')}). Fix: ${fix}, or add it to ${ns}:allowedInstanceTypes (and to secure-ml-guardrail:instanceTypes) in packages/notebook/Pulumi.${stack}.yaml`,
        ]
      : [];
  const usesDefault = Object.values(s.notebooks ?? {}).some((n) => n.instanceType === undefined);
  if (usesDefault)
    problems.push(
      ...refused(
        s.instanceType,
        `${ns}:instanceType`,
        `pulumi config set ${ns}:instanceType ${allowed[0] ?? 'ml.t3.medium'} --stack ${stack} --cwd packages/notebook`,
      ),
    );
  for (const [id, n] of Object.entries(s.notebooks ?? {}))
    problems.push(
      ...refused(
        n.instanceType,
        `${ns}:notebooks.${id}.instanceType`,
        `pulumi config set --path '${ns}:notebooks.${id}.instanceType' ${allowed[0] ?? 'ml.t3.medium'} --stack ${stack} --cwd packages/notebook`,
      ),
    );
  return problems;
}
