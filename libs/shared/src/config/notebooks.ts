import { NOTEBOOK_INSTANCE_TYPES } from '../catalogue';
import type { Parsed, Setting } from './settings';

/**
 * A notebook id: lowercase letters, digits and hyphens, starting and ending with a letter or digit, at most 32
 * characters, so that every name it becomes part of fits AWS's limits with the longest stem (`<8>-<8>`):
 * `<stem>-notebook-<id>` (role 64, instance 63) and `<stem>-lifecycle-<id>` (63).
 * IMPORTANT: the id is part of every name the notebook gets; changing it replaces the notebook, its role and its
 * lifecycle configuration (its data prefix `notebooks/<id>/` stays in the bucket).
 */
export const NOTEBOOK_ID = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;

/**
 * Who may use the notebook: the value their sessions carry in the `secure-ml:owner` principal tag (an IAM Identity
 * Center user name, often the e-mail address, or their IAM role's tag), in the characters IAM accepts for role
 * session names and tag values ("IAM and AWS STS quotas, name requirements",
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html). Lowercase only: the owner access
 * policy compares tags with StringEquals, which is case-sensitive, so one spelling is the contract (the identity
 * source must send it in lowercase too).
 */
export const NOTEBOOK_OWNER = /^[a-z0-9_+=,.@-]{2,64}$/;

/** A SageMaker ML instance type as written in the API (`ml.t3.medium`, `ml.p6-b200.48xlarge`). */
export const INSTANCE_TYPE = /^ml\.[a-z0-9-]+\.[a-z0-9]+$/;

/** One entry of the map, as written; what is unset takes the layer-wide setting. */
export interface NotebookSpec {
  readonly owner: string;
  readonly instanceType?: string | undefined;
  readonly volumeSizeGb?: number | undefined;
  readonly idleMinutes?: number | undefined;
}

export const VOLUME_GB = { min: 5, max: 16384 } as const;
export const IDLE_MINUTES = { min: 10, max: 1440 } as const;
const FIELDS = ['owner', 'instanceType', 'volumeSizeGb', 'idleMinutes'] as const;

const isInteger = (v: unknown, range: { min: number; max: number }): v is number =>
  Number.isInteger(v) && (v as number) >= range.min && (v as number) <= range.max;

/** Every problem of one entry, each naming the field, the value and what is allowed. */
function entryProblems(id: string, raw: unknown): string[] {
  const at = `notebooks.${id}`;
  const problems: string[] = [];
  if (!NOTEBOOK_ID.test(id))
    problems.push(
      `${at}: the id "${id}" must be 1-32 lowercase letters, digits or hyphens, starting and ending with a letter or digit`,
    );
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return [
      ...problems,
      `${at} = ${JSON.stringify(raw)}: expected a map with owner (and optionally instanceType, volumeSizeGb, idleMinutes)`,
    ];
  const entry = raw as Record<string, unknown>;
  for (const key of Object.keys(entry))
    if (!(FIELDS as readonly string[]).includes(key))
      problems.push(`${at}.${key} is not a notebook field (a typo?): the fields are ${FIELDS.join(', ')}`);
  const { owner, instanceType, volumeSizeGb, idleMinutes } = entry;
  if (typeof owner !== 'string' || !NOTEBOOK_OWNER.test(owner))
    problems.push(
      `${at}.owner = ${JSON.stringify(owner ?? null)}: expected the owner's user name in lowercase (2-64 lowercase letters, digits or + = , . @ _ -), e.g. alice@example.com`,
    );
  if (
    instanceType !== undefined &&
    !(
      typeof instanceType === 'string' &&
      (NOTEBOOK_INSTANCE_TYPES as readonly string[]).includes(instanceType)
    )
  )
    problems.push(
      `${at}.instanceType = ${JSON.stringify(instanceType)}: expected an instance type AWS offers for notebook instances (libs/shared/src/catalogue/notebook-instance-types.ts), e.g. ml.t3.medium`,
    );
  if (volumeSizeGb !== undefined && !isInteger(volumeSizeGb, VOLUME_GB))
    problems.push(
      `${at}.volumeSizeGb = ${JSON.stringify(volumeSizeGb)}: expected an integer from ${VOLUME_GB.min} to ${VOLUME_GB.max}`,
    );
  if (idleMinutes !== undefined && !isInteger(idleMinutes, IDLE_MINUTES))
    problems.push(
      `${at}.idleMinutes = ${JSON.stringify(idleMinutes)}: expected an integer from ${IDLE_MINUTES.min} to ${IDLE_MINUTES.max}`,
    );
  return problems;
}

/** Every problem of the whole map, in the order the entries are written. */
export function notebookMapProblems(value: unknown): string[] {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return ['not a map of notebook ids'];
  const entries = Object.entries(value);
  if (entries.length === 0) return ['no notebook: the map needs at least one entry'];
  return entries.flatMap(([id, raw]) => entryProblems(id, raw));
}

const parse = (raw: string): Parsed<Readonly<Record<string, NotebookSpec>>> => {
  let value: unknown;
  try {
    value = JSON.parse(raw) as unknown;
  } catch {
    return { ok: false, problem: 'not a map of notebook ids' };
  }
  const problems = notebookMapProblems(value);
  return problems.length
    ? { ok: false, problem: problems.join('; ') }
    : { ok: true, value: value as Record<string, NotebookSpec> };
};

/**
 * `secure-ml-notebook:notebooks`: one notebook per person, by a stable id. Each entry gets its own instance, execution
 * role, lifecycle configuration (its idle minutes), log streams and data prefix `notebooks/<id>/`.
 */
export const notebooksSetting: Setting<Readonly<Record<string, NotebookSpec>>> = {
  type: 'map',
  allowed:
    'a map of notebook id (1-32 lowercase letters, digits, hyphens) to { owner, instanceType?, volumeSizeGb?, idleMinutes? }',
  example: '{"alice":{"owner":"alice@example.com"}}',
  description:
    'The notebooks of the environment, one per person, by a stable id: owner (who may use it), and optionally instanceType, volumeSizeGb and idleMinutes (default: the layer-wide settings). Each gets its own instance, execution role, lifecycle configuration, log streams and data prefix notebooks/<id>/.',
  onChange:
    "adding an entry creates its notebook, role and lifecycle configuration; removing one deletes them (its data stays in the bucket); an entry's changes touch that notebook only; renaming an id replaces it",
  parse,
};
