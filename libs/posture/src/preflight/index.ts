import type { Env } from '../model';
import { documentFindings, sizeFindings } from './documents';
import { alarmTopicKey } from './rules/alarm-topic-key';
import { layerRegion, mirrorEndpoints } from './rules/cross-layer';
import { flowLogRole } from './rules/flow-log-role';
import { lifecycleHook } from './rules/lifecycle-hook';
import { notebookRoleLogs, notebookRoleTrust } from './rules/notebook-role';
import { trailBucketKey, trailBucketPolicy } from './rules/trail-bucket';
import { trailDataSelector } from './rules/trail-data-selector';
import { trailKeyPolicy } from './rules/trail-key-policy';
import { replication } from './rules/replication';
import { trailRoleTrust } from './rules/trail-role-trust';
import type { PreflightFinding, PreflightRule } from './rule';
import { valueFindings } from './values';

export type { PreflightFinding, PreflightRule, Source } from './rule';

/**
 * The preflight: what AWS would reject (or silently ignore) in a plan, checked before anyone deploys. Three
 * parts: AWS's documented acceptance rules (one function each, with its page), every policy document validated
 * against the Service Authorization Reference as Access Analyzer would, and resource values the provider does
 * not check. A finding fails `npm start` like a mandatory control.
 */
export const PREFLIGHT_RULES: readonly PreflightRule[] = [
  trailRoleTrust,
  trailKeyPolicy,
  trailBucketPolicy,
  trailBucketKey,
  trailDataSelector,
  alarmTopicKey,
  flowLogRole,
  notebookRoleLogs,
  notebookRoleTrust,
  lifecycleHook,
  replication,
  layerRegion,
  mirrorEndpoints,
];

export function runPreflight(env: Env): PreflightFinding[] {
  return [
    ...PREFLIGHT_RULES.flatMap((rule) =>
      rule.check(env).map((f) => ({ rule: rule.id, ...f, source: rule.source })),
    ),
    ...documentFindings(env),
    ...sizeFindings(env),
    ...valueFindings(env),
  ];
}
