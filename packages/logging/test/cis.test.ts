import fc from 'fast-check';
import { ofType, resource, type LayerPlan } from '@secure-ml/shared/testing';
import { CIS_CONTROLS } from '@secure-ml/shared/catalogue';
import { PUBLISHED_CIS_MAPPING, PUBLISHED_CIS_PATTERNS } from './fixtures/cis-patterns';
import { planLogging } from './support/plan';

/** Index of the first character where two strings differ, or -1 when they are identical. */
function firstDifference(a: string, b: string): number {
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const idOf = (control: (typeof CIS_CONTROLS)[number]) => control.securityHub ?? `CIS ${control.cis}`;

describe('the CIS table', () => {
  it('has the 15 controls of CloudWatch.1-14 and CIS 4.15, once each', () => {
    expect(CIS_CONTROLS).toHaveLength(15);
    expect(CIS_CONTROLS.map(idOf).sort()).toEqual(Object.keys(PUBLISHED_CIS_PATTERNS).sort());
    expect(new Set(CIS_CONTROLS.map((c) => c.cis)).size).toBe(15);
    expect(new Set(CIS_CONTROLS.map((c) => c.metric)).size).toBe(15);
  });

  it.each(CIS_CONTROLS.map((c) => [idOf(c), c] as const))(
    '%s maps to the published CIS recommendation',
    (id, control) => {
      expect(control.cis).toBe(PUBLISHED_CIS_MAPPING[id]);
    },
  );

  it.each(CIS_CONTROLS.map((c) => [idOf(c), c.pattern] as const))(
    '%s pattern is the published text, character by character',
    (id, pattern) => {
      const published = PUBLISHED_CIS_PATTERNS[id] ?? '';
      const at = firstDifference(pattern, published);
      // On failure, show where: "differs at 41: ...ours... vs ...theirs...".
      const where =
        at < 0
          ? 'identical'
          : `differs at ${at}: ${JSON.stringify(pattern.slice(at - 10, at + 10))} vs ${JSON.stringify(published.slice(at - 10, at + 10))}`;
      expect(where).toBe('identical');
      expect(pattern).toHaveLength(published.length);
    },
  );

  it('the comparison catches any one-character change (it can fail)', () => {
    const patterns = Object.values(PUBLISHED_CIS_PATTERNS);
    fc.assert(
      fc.property(
        fc.constantFrom(...patterns),
        fc.nat(),
        fc.constantFrom('insert', 'delete', 'replace'),
        fc.string({ minLength: 1, maxLength: 1 }),
        (pattern, n, edit, char) => {
          const i = n % pattern.length;
          const mutated =
            edit === 'insert'
              ? pattern.slice(0, i) + char + pattern.slice(i)
              : edit === 'delete'
                ? pattern.slice(0, i) + pattern.slice(i + 1)
                : pattern.slice(0, i) + char + pattern.slice(i + 1);
          return (mutated === pattern) === (firstDifference(mutated, pattern) === -1);
        },
      ),
    );
  });
});

describe('CIS metric filters and alarms', () => {
  let plan: LayerPlan;
  const topicArn = 'arn:aws:sns:eu-west-1:123456789012:sml-dev-alerts';
  beforeAll(async () => {
    plan = await planLogging();
  });

  it('registers one filter with the table pattern on the trail log group for each control (LOG-8)', () => {
    const filters = ofType(plan, 'aws:cloudwatch/logMetricFilter:LogMetricFilter');
    expect(filters).toHaveLength(15);
    for (const control of CIS_CONTROLS) {
      const filter = resource(
        plan,
        'aws:cloudwatch/logMetricFilter:LogMetricFilter',
        `cis-${control.metric}`,
      ).inputs;
      expect(filter['logGroupName']).toBe('/secure-ml/sml-dev/cloudtrail');
      expect(filter['pattern']).toBe(PUBLISHED_CIS_PATTERNS[idOf(control)]);
      expect(filter['metricTransformation']).toEqual({
        name: control.metric,
        namespace: 'SecureML/sml-dev',
        value: '1',
      });
    }
  });

  it('registers one alarm per filter with the CIS settings, notifying the alerts topic (LOG-8, LOG-9)', () => {
    const alarms = ofType(plan, 'aws:cloudwatch/metricAlarm:MetricAlarm');
    expect(alarms).toHaveLength(15);
    for (const control of CIS_CONTROLS) {
      const alarm = resource(plan, 'aws:cloudwatch/metricAlarm:MetricAlarm', `cis-${control.metric}-alarm`);
      expect(alarm.inputs).toMatchObject({
        metricName: control.metric,
        namespace: 'SecureML/sml-dev',
        period: 300,
        evaluationPeriods: 1,
        statistic: 'Sum',
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        treatMissingData: 'notBreaching',
        actionsEnabled: true,
        alarmActions: [topicArn],
      });
      expect(alarm.inputs['alarmDescription']).toContain(`CIS ${control.cis}`);
      expect(alarm.options.dependsOn).toContain(
        resource(plan, 'aws:cloudwatch/logMetricFilter:LogMetricFilter', `cis-${control.metric}`).urn,
      );
    }
  });

  it('has no alarm that is silent, disabled or sends elsewhere', () => {
    for (const alarm of ofType(plan, 'aws:cloudwatch/metricAlarm:MetricAlarm')) {
      expect(alarm.inputs['actionsEnabled']).not.toBe(false);
      expect(alarm.inputs['alarmActions']).toEqual([topicArn]);
      expect(alarm.inputs['okActions']).toBeUndefined();
      expect(alarm.inputs['insufficientDataActions']).toBeUndefined();
    }
  });

  it('groups the filters and alarms in one CisAlarms component', () => {
    const component = resource(plan, 'secure-ml:logging:CisAlarms', 'cis');
    const children = [
      ...ofType(plan, 'aws:cloudwatch/logMetricFilter:LogMetricFilter'),
      ...ofType(plan, 'aws:cloudwatch/metricAlarm:MetricAlarm'),
    ];
    expect(children.every((r) => r.parent === component.urn)).toBe(true);
  });
});
