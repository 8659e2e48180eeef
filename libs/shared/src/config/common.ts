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
  }),
  /** The organization part of StackReference names: `organization` is the DIY backend's constant. */
  org: setting.text({
    pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/,
    allowed: 'a Pulumi organization name (letters, digits, _ . -)',
    example: 'organization',
    default: 'organization',
  }),
  /**
   * Protects stateful resources (keys, buckets, log groups) from `pulumi destroy`. On by default: an
   * environment opts out explicitly (our dev example does, so that it can be torn down).
   */
  protect: setting.boolean({ default: true }),
  /** Extra tags applied through the provider's default tags, on top of Project, Environment, Layer, ManagedBy. */
  tags: setting.stringMap({
    keyPattern: /^(?!aws:)[\w.:/=+\-@ ]{1,128}$/,
    valuePattern: /^[\w.:/=+\-@ ]{0,256}$/,
    allowed: 'a map of tag keys (1-128 chars, not starting with aws:) to values (0-256 chars)',
    example: '{"CostCenter":"ml-platform"}',
    default: {},
  }),
} as const;

export const awsSettings = {
  region: setting.text({
    pattern: /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/,
    allowed: 'an AWS region code such as eu-west-1',
    example: 'eu-west-1',
  }),
} as const;

/** Stack names double as environment names inside physical names, so they are kept short and simple. */
export const STACK_NAME_PATTERN = /^[a-z][a-z0-9]{1,7}$/;
