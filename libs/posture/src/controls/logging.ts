import {
  CIS_ALARM_SETTINGS,
  CIS_CONTROLS,
  CIS_METRIC_VALUE,
  normalizeFilterPattern,
} from '@secure-ml/shared/catalogue';
import { resourceControl, stackControl } from '../define';
import type { Control, Env, Finding, Res } from '../model';
import { grants, identityPolicies, keyPolicies, servicePrincipals } from '../policy-document';
import {
  bucketName,
  customerKeyProblem,
  finding,
  keyOf,
  layerIndex,
  list,
  logGroupNameOfArn,
  missing,
  ofType,
  owns,
  physicalName,
  rec,
  roleNameOfArn,
  settingsOf,
  show,
  str,
  strings,
  T,
} from '../resources';
import {
  dataBuckets,
  publicAccessProblem,
  publicPolicyProblem,
  secureTransportProblem,
  serviceGrantProblem,
} from './s3';
import { trailSelectsS3Data } from './trail-selectors';
import { alertsTopicPolicyControl } from './alerts-topic';

export const NOTEBOOK_LOG_GROUP = '/aws/sagemaker/NotebookInstances';
const MIN_RETENTION_DAYS = 365;

/** Controls about "the trail": every trail must pass, and the logging stack must have one. */
function trailControl(
  def: Omit<Parameters<typeof stackControl>[0], 'evaluate' | 'examines'> & {
    examines?: string[];
    inspect: (t: Res, env: Env) => Finding[];
  },
): Control {
  const { inspect, ...rest } = def;
  return stackControl({
    examines: [T.trail],
    ...rest,
    evaluate(env) {
      const trails = ofType(env, T.trail);
      if (trails.length === 0)
        return owns(env, 'logging')
          ? [
              missing(
                'logging layer',
                'no CloudTrail trail in the environment',
                'create the trail in the logging layer',
              ),
            ]
          : [];
      return trails.flatMap((t) => inspect(t, env));
    },
  });
}

/** Inline RolePolicy resources and customer-managed policies attached to a role. */
function policiesAttachedTo(env: Env, role: Res): Res[] {
  const name = physicalName(role);
  const attached = new Set(
    ofType(env, T.rolePolicyAttachment)
      .filter((a) => a.inputs['role'] === name)
      .map((a) => str(a.inputs['policyArn'])?.split('/').pop()),
  );
  return [
    ...ofType(env, T.rolePolicy).filter((p) => p.inputs['role'] === name),
    ...ofType(env, T.policy).filter((p) => attached.has(physicalName(p))),
  ];
}

const logGroupByName = (env: Env, name: string | undefined) =>
  ofType(env, T.logGroup).find((g) => physicalName(g) === name);
const trailBucket = (env: Env, t: Res) =>
  ofType(env, T.bucket).find((b) => bucketName(b) === str(t.inputs['s3BucketName']));

/**
 * LOG-1: management events, read and write, of every event source, from the basic or the advanced selectors
 * (default: all). A basic selector may not exclude event sources; an advanced one selects nothing but the
 * category (any other field, readOnly or eventSource among them, narrows it: kms, iam and sts events excluded
 * are the ones an attacker most wants unlogged).
 * AWS: CloudTrail API reference, "AdvancedFieldSelector" (the fields and operators)
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_AdvancedFieldSelector.html
 */
function managementEventsProblem(t: Res): string | undefined {
  const basic = list(t.inputs['eventSelectors']).map(rec);
  const advanced = list(t.inputs['advancedEventSelectors']).map(rec);
  if (basic.length === 0 && advanced.length === 0) return undefined;
  const ok =
    basic.some(
      (s) =>
        s['includeManagementEvents'] !== false &&
        (s['readWriteType'] ?? 'All') === 'All' &&
        list(s['excludeManagementEventSources']).length === 0,
    ) ||
    advanced.some((s) => {
      const fields = list(s['fieldSelectors']).map(rec);
      return (
        fields.length === 1 &&
        fields[0]?.['field'] === 'eventCategory' &&
        strings(fields[0]['equals']).includes('Management')
      );
    });
  return ok
    ? undefined
    : 'does not log every read and write management event (a selector narrows them beyond the category)';
}

/**
 * LOG-9: how an alarm action is recognised as the alerts topic: its full ARN when the plan knows it (a topic of
 * the same name in another account or region is someone else's); under the engine before the topic exists, its
 * name in this account.
 */
function alertsTopicArns(env: Env): ((action: string) => boolean)[] {
  const account = env.settings.accountId;
  return ofType(env, T.topic).map((t) => {
    const arn = t.id?.startsWith('arn:') ? t.id : undefined;
    if (arn) return (action: string) => action === arn;
    const name = physicalName(t);
    return (action: string) => action.endsWith(`:${name}`) && (!account || action.split(':')[4] === account);
  });
}

/**
 * LOG-8: the alarm parameters of the catalogue (what the logging layer sets) that make one matching event
 * alarm within five minutes; a higher threshold, a longer period, more periods or another statistic lets the
 * event pass unnoticed. datapointsToAlarm, when set, must be 1 too.
 */
function cisAlarmDeviations(alarm: Res): string[] {
  const expected: Record<string, unknown> = {
    period: CIS_ALARM_SETTINGS.period,
    evaluationPeriods: CIS_ALARM_SETTINGS.evaluationPeriods,
    statistic: CIS_ALARM_SETTINGS.statistic,
    threshold: CIS_ALARM_SETTINGS.threshold,
    comparisonOperator: CIS_ALARM_SETTINGS.comparisonOperator,
  };
  const off = Object.entries(expected)
    .filter(([k, v]) => alarm.inputs[k] !== v)
    .map(([k, v]) => `${k} is ${show(alarm.inputs[k])}, not ${show(v)}`);
  const datapoints = alarm.inputs['datapointsToAlarm'];
  if (datapoints !== undefined && datapoints !== 1)
    off.push(`datapointsToAlarm is ${show(datapoints)}, not 1`);
  return off;
}

export const loggingControls: Control[] = [
  trailControl({
    id: 'LOG-1',
    standards: ['CloudTrail.1', 'CKV_AWS_67'],
    check:
      'a trail is logging (enableLogging not false), multi-region, includes global service events, and logs read and write management events of every source (no selector field beyond the category)',
    inspect(t) {
      const problems = [
        t.inputs['enableLogging'] === false ? 'has logging off (enableLogging: false)' : undefined,
        t.inputs['isMultiRegionTrail'] === true ? undefined : 'is not multi-region',
        t.inputs['includeGlobalServiceEvents'] === false ? 'excludes global service events' : undefined,
        managementEventsProblem(t),
      ].filter((p): p is string => !!p);
      return problems.length
        ? [
            finding(
              t,
              problems.join('; '),
              'keep enableLogging true, set isMultiRegionTrail: true, keep includeGlobalServiceEvents and select management events by eventCategory alone',
            ),
          ]
        : [];
    },
  }),
  trailControl({
    id: 'LOG-2',
    standards: ['CloudTrail.2', 'CKV_AWS_35'],
    check: 'the trail is encrypted with a customer-managed key',
    perLayer:
      'the engine checks kmsKeyId is set and not AWS-managed; offline, it must be a key of the security layer',
    inspect(t, env) {
      const problem = customerKeyProblem(env, str(t.inputs['kmsKeyId']), 'kmsKeyId');
      return problem
        ? [finding(t, problem, 'set kmsKeyId to the logs key of the security layer (logsKeyArn)')]
        : [];
    },
  }),
  trailControl({
    id: 'LOG-3',
    standards: ['CloudTrail.4', 'CKV_AWS_36'],
    check: 'log file validation is enabled on the trail',
    inspect: (t) =>
      t.inputs['enableLogFileValidation'] === true
        ? []
        : [finding(t, 'log file validation is off', 'set enableLogFileValidation: true')],
  }),
  trailControl({
    id: 'LOG-4',
    standards: ['CloudTrail.5', 'CKV2_AWS_10'],
    check:
      'the trail delivers to a CloudWatch Logs group through a role allowed only logs:CreateLogStream and logs:PutLogEvents on that group',
    perLayer:
      'the engine checks the group is in the logging stack and a role is set; offline, the role of the security layer is read for its scope',
    examines: [T.trail, T.logGroup, T.role],
    inspect(t, env) {
      const groupName = logGroupNameOfArn(str(t.inputs['cloudWatchLogsGroupArn']));
      const roleArn = str(t.inputs['cloudWatchLogsRoleArn']);
      if (!groupName || !roleArn)
        return [
          finding(
            t,
            'does not deliver to CloudWatch Logs',
            'set cloudWatchLogsGroupArn (`${group.arn}:*`) and cloudWatchLogsRoleArn (trailDeliveryRoleArn)',
          ),
        ];
      if (!logGroupByName(env, groupName))
        return [
          finding(
            t,
            `delivers to ${groupName}, which is not a log group of the logging layer`,
            'create the trail log group beside the trail',
          ),
        ];
      if (env.scope !== 'environment') return [];
      const role = ofType(env, T.role).find((r) => physicalName(r) === roleNameOfArn(roleArn));
      if (!role)
        return [
          finding(
            t,
            `cloudWatchLogsRoleArn ${roleArn} is not a role of this environment`,
            'use trailDeliveryRoleArn of the security layer',
          ),
        ];
      const allows = identityPolicies({ ...env, resources: [role, ...policiesAttachedTo(env, role)] })
        .flatMap((p) => p.statements)
        .filter((s) => s.effect === 'Allow');
      // A resource is the trail group's only when its literal part (before any wildcard) names the whole group
      // and its region and account: `.../cloudtrail*` also matches `cloudtrail-of-someone-else`.
      const ownGroup = (r: string) => {
        const literal = r.split(/[*?]/)[0] ?? '';
        return (
          /^arn:[^:]+:logs:[a-z0-9-]+:\d{12}:/.test(literal) &&
          (literal.includes(`:log-group:${groupName}:`) || r.endsWith(`:log-group:${groupName}`))
        );
      };
      const broad = allows.filter(
        (s) =>
          s.notActions.length > 0 ||
          s.notResources.length > 0 ||
          s.actions.some((a) => !['logs:createlogstream', 'logs:putlogevents'].includes(a.toLowerCase())) ||
          s.resources.some((r) => !ownGroup(r)),
      );
      if (allows.length === 0)
        return [
          finding(
            role,
            'grants CloudTrail nothing, so delivery fails',
            'allow logs:CreateLogStream and logs:PutLogEvents on the trail log group',
          ),
        ];
      return broad.length
        ? [
            finding(
              role,
              `allows more than CreateLogStream/PutLogEvents on ${groupName}`,
              `scope the role to logs:CreateLogStream and logs:PutLogEvents on arn:...:log-group:${groupName}:*`,
            ),
          ]
        : [];
    },
  }),
  trailControl({
    id: 'LOG-5',
    standards: ['CloudTrail.6'],
    check:
      'the trail bucket is not public: all four public access block settings, TLS-only policy, no Allow to "*", and every Allow to a service principal (CloudTrail) scoped to this account by aws:SourceArn or aws:SourceAccount (see S3-1, S3-2, KMS-5)',
    examines: [T.trail, T.bucket, T.publicAccessBlock, T.bucketPolicy],
    inspect(t, env) {
      const bucket = trailBucket(env, t);
      if (!bucket)
        return [
          finding(
            t,
            `s3BucketName ${show(t.inputs['s3BucketName'])} is not a bucket of the logging layer`,
            'create the trail bucket beside the trail',
          ),
        ];
      const problems = [
        publicAccessProblem(env, bucket),
        secureTransportProblem(env, bucket),
        publicPolicyProblem(env, bucket),
        serviceGrantProblem(env, bucket),
      ].filter((p): p is string => !!p);
      return problems.length
        ? [
            finding(
              bucket,
              `trail bucket ${problems.join('; ')}`,
              'block all public access and deny non-TLS requests on the trail bucket',
            ),
          ]
        : [];
    },
  }),
  trailControl({
    id: 'LOG-6',
    standards: ['CloudTrail.7'],
    check: 'the trail bucket has server access logging to a separate bucket',
    examines: [T.trail, T.bucket, T.logging],
    inspect(t, env) {
      const bucket = trailBucket(env, t);
      if (!bucket)
        return [
          finding(t, 'has no trail bucket in the logging layer', 'create the trail bucket beside the trail'),
        ];
      const targets = settingsOf(env, bucket, T.logging).map((l) => str(l.inputs['targetBucket']));
      const separate = targets.filter((x) => x && x !== bucketName(bucket));
      return separate.length
        ? []
        : [
            finding(
              bucket,
              'trail bucket has no access logging to a separate bucket',
              'add a BucketLogging with targetBucket = the access-log bucket',
            ),
          ];
    },
  }),
  trailControl({
    id: 'LOG-7',
    standards: ['S3.22', 'S3.23'],
    check: 'object-level read and write data events are logged for the notebook data bucket',
    perLayer:
      'the engine checks that the trail in the logging stack selects S3 object read and write events; offline, the selectors must cover the data bucket of the notebook layer',
    examines: [T.trail, T.bucket],
    inspect(t, env) {
      if (env.scope !== 'environment')
        return trailSelectsS3Data(t, undefined)
          ? []
          : [
              finding(
                t,
                'selects no S3 object-level read and write data events',
                'add a data-event selector for AWS::S3::Object on the data bucket prefix',
              ),
            ];
      const buckets = dataBuckets(env);
      if (buckets.length === 0)
        return [
          missing(
            'notebook layer',
            'no notebook data bucket to log data events for',
            'deploy the notebook layer',
          ),
        ];
      return buckets
        .filter((b) => !trailSelectsS3Data(t, bucketName(b)))
        .map((b) =>
          finding(
            t,
            `does not log read and write data events of ${bucketName(b)}`,
            'select AWS::S3::Object data events (read and write) on arn:aws:s3:::<stem>-data- (the naming pattern)',
          ),
        );
    },
  }),
  stackControl({
    id: 'LOG-8',
    standards: ['CloudWatch.1-14', 'CIS 4.1-4.15'],
    check: `a metric filter on the trail log group whose pattern is the CIS pattern (equal after normalisation: whitespace outside quotes and the quotes around plain values removed; nothing added or dropped) and that counts 1 per event, and an alarm on its metric with the CIS parameters (Sum over 300 s, one period, GreaterThanOrEqualToThreshold 1), for each of: ${CIS_CONTROLS.map((c) => c.description.toLowerCase()).join(', ')} (${CIS_CONTROLS.length} filters)`,
    examines: [T.metricFilter, T.alarm],
    evaluate(env) {
      if (!owns(env, 'logging')) return [];
      const trailGroups = new Set(
        ofType(env, T.trail)
          .map((t) => logGroupNameOfArn(str(t.inputs['cloudWatchLogsGroupArn'])))
          .filter(Boolean),
      );
      const filters = ofType(env, T.metricFilter).filter(
        (f) => trailGroups.size === 0 || trailGroups.has(str(f.inputs['logGroupName'])),
      );
      const alarms = ofType(env, T.alarm);
      return CIS_CONTROLS.flatMap((cis): Finding[] => {
        const ids = `CIS ${cis.cis}${cis.securityHub ? `, ${cis.securityHub}` : ''}`;
        const want = normalizeFilterPattern(cis.pattern);
        const filter = filters.find((f) => normalizeFilterPattern(str(f.inputs['pattern']) ?? '') === want);
        if (!filter)
          return [
            missing(
              'logging layer',
              `no metric filter on the trail log group with the exact pattern for ${cis.description.toLowerCase()} (${ids})`,
              `add a LogMetricFilter with pattern ${cis.pattern}`,
            ),
          ];
        const metric = rec(list(filter.inputs['metricTransformation'])[0]);
        if (String(metric['value']) !== CIS_METRIC_VALUE)
          return [
            finding(
              filter,
              `counts ${show(metric['value'])} per matching event, not ${CIS_METRIC_VALUE}, so its alarm never sees the event (${ids})`,
              `set metricTransformation.value to "${CIS_METRIC_VALUE}"`,
            ),
          ];
        const alarm = alarms.find(
          (a) => a.inputs['metricName'] === metric['name'] && a.inputs['namespace'] === metric['namespace'],
        );
        const off = alarm ? cisAlarmDeviations(alarm) : [];
        if (alarm && off.length)
          return [
            finding(
              alarm,
              `does not alarm on the first matching event as CIS prescribes: ${off.join(', ')} (${ids})`,
              `set ${Object.entries(CIS_ALARM_SETTINGS)
                .map(([k, v]) => `${k}: ${JSON.stringify(v)}`)
                .join(', ')}`,
            ),
          ];
        return alarm
          ? []
          : [
              finding(
                filter,
                `has no alarm on its metric ${String(metric['namespace'])}/${String(metric['name'])} (${ids})`,
                'add a MetricAlarm on that metric and namespace with the alerts topic as action',
              ),
            ];
      });
    },
  }),
  stackControl({
    id: 'LOG-9',
    standards: ['CloudWatch.15', 'CloudWatch.17'],
    check:
      'every alarm has actions enabled and an action to the alerts topic (its full ARN: a same-named topic of another account is not ours); the topic has a subscription when an alert address is configured (advisory otherwise)',
    examines: [T.alarm, T.topic, T.subscription],
    evaluate(env) {
      const topics = alertsTopicArns(env);
      const found = ofType(env, T.alarm).flatMap((a) => {
        const actions = strings(a.inputs['alarmActions']);
        const problems = [
          a.inputs['actionsEnabled'] === false ? 'has actions disabled' : undefined,
          actions.length === 0
            ? 'has no alarm action'
            : topics.length && !actions.some((x) => topics.some((t) => t(x)))
              ? `does not notify the alerts topic of this environment (${actions.join(', ')})`
              : undefined,
        ].filter((p): p is string => !!p);
        return problems.length
          ? [
              finding(
                a,
                problems.join('; '),
                'set alarmActions: [alertsTopicArn] and leave actionsEnabled true',
              ),
            ]
          : [];
      });
      if (
        env.settings.alertAddressConfigured &&
        ofType(env, T.topic).length > 0 &&
        ofType(env, T.subscription).length === 0
      ) {
        found.push(
          missing(
            'logging layer',
            'an alert address is configured but the alerts topic has no subscription',
            'subscribe the configured address to the alerts topic',
          ),
        );
      }
      return found;
    },
    notes: (env) =>
      ofType(env, T.topic).length > 0 &&
      ofType(env, T.subscription).length === 0 &&
      !env.settings.alertAddressConfigured
        ? [
            'advisory: no alert address is configured, so the alerts topic has no subscriber and alarms reach nobody',
          ]
        : [],
  }),
  resourceControl({
    id: 'LOG-10',
    standards: ['CloudWatch.16', 'CKV_AWS_338'],
    check: `every log group retains at least ${MIN_RETENTION_DAYS} days (retentionInDays set explicitly)`,
    examines: [T.logGroup],
    inspect: (g) => {
      const days = g.inputs['retentionInDays'];
      return typeof days === 'number' && days >= MIN_RETENTION_DAYS
        ? undefined
        : finding(
            g,
            `retentionInDays is ${JSON.stringify(days ?? null)}`,
            `set retentionInDays to ${MIN_RETENTION_DAYS} or more`,
          );
    },
  }),
  resourceControl({
    id: 'LOG-11',
    standards: ['CKV_AWS_158'],
    check: 'every log group is encrypted with a customer-managed key',
    perLayer:
      'the engine checks kmsKeyId is set and not AWS-managed; offline, it must be a key of the security layer',
    examines: [T.logGroup],
    inspect(g, env) {
      const problem = customerKeyProblem(env, str(g.inputs['kmsKeyId']), 'kmsKeyId');
      return problem
        ? finding(g, problem, 'set kmsKeyId to the logs key of the security layer (logsKeyArn)')
        : undefined;
    },
  }),
  stackControl({
    id: 'LOG-12',
    standards: ['EC2.6', 'CKV2_AWS_11'],
    check: 'every VPC has a flow log of ALL traffic to an encrypted log group',
    perLayer:
      'the engine checks the flow logs of the logging stack (ALL traffic, encrypted group); offline, every VPC of the network layer must have one',
    examines: [T.vpc, T.flowLog, T.logGroup],
    evaluate(env) {
      const found: Finding[] = [];
      const flowLogs = ofType(env, T.flowLog);
      for (const f of flowLogs) {
        const groupName = str(f.inputs['logGroupName']) ?? logGroupNameOfArn(str(f.inputs['logDestination']));
        const group = logGroupByName(env, groupName);
        if (f.inputs['trafficType'] !== 'ALL')
          found.push(finding(f, `trafficType is ${show(f.inputs['trafficType'])}`, 'set trafficType: "ALL"'));
        if (!group)
          found.push(
            finding(
              f,
              `destination ${groupName ?? 'unset'} is not a log group of the environment`,
              'deliver to the flow-log group of the logging layer',
            ),
          );
        else if (!str(group.inputs['kmsKeyId']))
          found.push(finding(group, 'receives flow logs unencrypted', 'set kmsKeyId on the flow-log group'));
      }
      if (env.scope === 'environment') {
        for (const vpc of ofType(env, T.vpc)) {
          if (!flowLogs.some((f) => f.inputs['vpcId'] === vpc.id))
            found.push(
              finding(vpc, 'has no flow log', 'add a FlowLog of ALL traffic for vpcId in the logging layer'),
            );
        }
      } else if (owns(env, 'logging') && flowLogs.length === 0)
        found.push(
          missing(
            'logging layer',
            'no VPC flow log',
            "add a FlowLog of ALL traffic for the network layer's vpcId",
          ),
        );
      return found;
    },
  }),
  stackControl({
    id: 'LOG-13',
    standards: ['SNS.1', 'CKV_AWS_26'],
    check:
      'the alerts topic is encrypted with a customer-managed key whose policy lets cloudwatch.amazonaws.com use it',
    perLayer:
      'the engine checks the key is set and not AWS-managed; offline, the key policy of the security layer must grant CloudWatch kms:Decrypt and kms:GenerateDataKey*',
    examines: [T.topic],
    evaluate(env) {
      const topics = ofType(env, T.topic);
      if (topics.length === 0)
        return owns(env, 'logging')
          ? [missing('logging layer', 'no alerts topic', 'create the alerts topic in the logging layer')]
          : [];
      return topics.flatMap((topic): Finding[] => {
        const ref = str(topic.inputs['kmsMasterKeyId']);
        const problem = customerKeyProblem(env, ref, 'kmsMasterKeyId');
        if (problem) return [finding(topic, problem, 'set kmsMasterKeyId to the logs key (logsKeyArn)')];
        const key = keyOf(env, ref);
        if (env.scope !== 'environment' || !key) return [];
        const usable = keyPolicies({
          ...env,
          resources: ofType(env, T.key, T.keyPolicy).filter((k) => k === key || k.inputs['keyId'] === key.id),
        })
          .flatMap((p) => p.statements)
          .some(
            (s) =>
              s.effect === 'Allow' &&
              servicePrincipals(s).includes('cloudwatch.amazonaws.com') &&
              grants(s, 'kms:Decrypt') &&
              grants(s, 'kms:GenerateDataKey'),
          );
        return usable
          ? []
          : [
              finding(
                topic,
                `key ${key.name} does not let cloudwatch.amazonaws.com use it, so alarm notifications fail`,
                'allow cloudwatch.amazonaws.com kms:Decrypt and kms:GenerateDataKey* in the logs key policy',
              ),
            ];
      });
    },
  }),
  stackControl({
    id: 'LOG-14',
    standards: ['SageMaker logs'],
    check: `${NOTEBOOK_LOG_GROUP} is created by us, encrypted and retained, before any notebook writes to it`,
    perLayer:
      'the engine checks the group in the logging stack; offline, it must also come from a layer deployed before the notebook (or the notebook must depend on it)',
    examines: [T.logGroup, T.notebook],
    evaluate(env) {
      const group = logGroupByName(env, NOTEBOOK_LOG_GROUP);
      if (!group)
        return owns(env, 'logging')
          ? [
              missing(
                'logging layer',
                `no log group ${NOTEBOOK_LOG_GROUP}: SageMaker would create it unencrypted and kept forever`,
                `create ${NOTEBOOK_LOG_GROUP} in the logging layer with kmsKeyId and retentionInDays`,
              ),
            ]
          : [];
      const found: Finding[] = [];
      if (!str(group.inputs['kmsKeyId']))
        found.push(finding(group, 'is not encrypted', 'set kmsKeyId to the logs key'));
      const days = group.inputs['retentionInDays'];
      if (typeof days !== 'number' || days < MIN_RETENTION_DAYS)
        found.push(
          finding(
            group,
            `retentionInDays is ${JSON.stringify(days ?? null)}`,
            `set retentionInDays to ${MIN_RETENTION_DAYS} or more`,
          ),
        );
      for (const nb of ofType(env, T.notebook)) {
        const earlier = layerIndex(group.layer) >= 0 && layerIndex(group.layer) < layerIndex(nb.layer);
        if (!earlier && !nb.options.dependsOn.includes(group.urn))
          found.push(
            finding(
              nb,
              `may start before ${NOTEBOOK_LOG_GROUP} exists`,
              'create the group in the logging layer (deployed first) or make the notebook depend on it',
            ),
          );
      }
      return found;
    },
  }),
  alertsTopicPolicyControl,
];
