import { ENVIRONMENT_NAME } from '../stack-files';
import { setting } from './settings';

/** The namespace of the settings every layer shares; tests hold them equal across layers. */
export const COMMON_NAMESPACE = 'secure-ml';

/**
 * Settings all four layers must agree on, read from the `secure-ml:` namespace of each Pulumi.<stack>.yaml
 * (and `aws:region`). The environment is the stack name itself.
 */
export const commonSettings = {
  /** Short lowercase prefix of every physical name. Changing it replaces nearly every resource. */
  prefix: setting.text({
    pattern: /^[a-z][a-z0-9]{1,7}$/,
    allowed: '2 to 8 lowercase letters or digits, starting with a letter',
    example: 'sml',
    default: 'sml',
    description:
      'Start of every physical name (`<prefix>-<env>-...`), so that several platforms can share an account.',
    onChange: 'replaces nearly every resource (names change)',
  }),
  /** The organization part of StackReference names: `organization` is the DIY backend's constant. */
  org: setting.text({
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
    allowed: 'a Pulumi organization name (letters, digits, _ . -)',
    example: 'organization',
    default: 'organization',
    description:
      'Organization part of the stack references `<org>/secure-ml-<layer>/<env>`; `organization` on self-managed backends, your organization on Pulumi Cloud.',
    onChange: 'nothing is replaced; every layer of the environment must name the same organization',
  }),
  /**
   * Protects stateful resources (keys, buckets, log groups) from `pulumi destroy`. On by default: an
   * environment opts out explicitly (our dev example does, so that it can be torn down).
   */
  protect: setting.boolean({
    default: true,
    description:
      'Protects the stateful resources (keys, buckets, log groups, trail, notebook) from `pulumi destroy`; an environment that may be torn down opts out explicitly.',
    onChange: 'updates the protect option in the state only; nothing in AWS changes',
  }),
  /**
   * What the environment is for, as its stack files say (never read from its name): a development environment
   * may run in one availability zone and keep its interface endpoints in one zone, which production refuses
   * (one zone) or warns about (single-zone endpoints). Production unless a stack file opts out.
   */
  tier: setting.oneOf(['production', 'development'] as const, {
    default: 'production',
    description:
      'What the environment is for: `development` accepts one availability zone and single-zone endpoints; `production` refuses one zone and warns on single-zone endpoints.',
    onChange: 'nothing is replaced; it decides which network settings are accepted',
  }),
  /** Extra tags applied through the provider's default tags, on top of Project, Environment, Layer, ManagedBy. */
  tags: setting.stringMap({
    keyPattern: /^(?!aws:)[\w.:/=+\-@ ]{1,128}$/,
    valuePattern: /^[\w.:/=+\-@ ]{0,256}$/,
    allowed: 'a map of tag keys (1-128 chars, not starting with aws:) to values (0-256 chars)',
    example: '{"CostCenter":"ml-platform"}',
    default: {},
    description:
      "Extra tags on every taggable resource, through the default tags of the layer's AWS provider, beside Project, Environment, Layer and ManagedBy.",
    onChange: 'updates tags in place',
  }),
  /**
   * The AWS account this environment lives in. The layer's AWS provider refuses any other account
   * (`allowedAccountIds`: the provider checks the credentials' account before it reads or changes anything and
   * fails with "account ID not allowed"; Pulumi AWS Provider resource,
   * https://www.pulumi.com/registry/packages/aws/api-docs/provider/, bridged from the Terraform provider's
   * `allowed_account_ids`, https://github.com/hashicorp/terraform/pull/8731),
   * and `tools/pulumi/run.js` compares it with `aws sts get-caller-identity` before it runs the CLI. Required:
   * with dev credentials, `-c prod` must fail instead of deploying prod into the dev account.
   */
  accountId: setting.text({
    pattern: /^\d{12}$/,
    allowed: 'a 12-digit AWS account ID (aws sts get-caller-identity --query Account --output text)',
    example: '123456789012',
    description:
      'The AWS account of this environment: the provider and the deploy wrapper refuse credentials of any other account.',
    onChange:
      'nothing is replaced; a different account is a different environment (its resources are not moved)',
  }),
} as const;

export const awsSettings = {
  region: setting.text({
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    allowed: 'an AWS region code such as eu-west-1',
    example: 'eu-west-1',
    description: 'Region of the environment; every layer of the environment names the same one.',
    onChange: 'replaces every resource (they are created in the new region, the old ones destroyed)',
  }),
} as const;

/** Stack names double as environment names inside physical names, so they are kept short and simple. */
export const STACK_NAME_PATTERN = ENVIRONMENT_NAME;
