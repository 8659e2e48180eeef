import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import {
  CIS_ALARM_SETTINGS,
  CIS_CONTROLS,
  CIS_METRIC_VALUE,
  type CisControl,
} from '@secure-ml/shared/catalogue';

export interface CisAlarmsArgs {
  /** The log group the trail delivers to: the filters read it. */
  readonly logGroupName: pulumi.Input<string>;
  /** Where every alarm notifies. */
  readonly topicArn: pulumi.Input<string>;
  /** Metric namespace; one per environment so that two environments in an account never share a metric. */
  readonly namespace: string;
  /** Prefix of filter and alarm names (`sml-dev`). */
  readonly namePrefix: string;
}

/**
 * One metric filter and alarm for each row of CIS_CONTROLS (LOG-8, LOG-9), with the catalogue's metric value and
 * alarm parameters, which LOG-8 holds every alarm to.
 */
export class CisAlarms extends pulumi.ComponentResource {
  readonly alarms: aws.cloudwatch.MetricAlarm[];

  constructor(name: string, args: CisAlarmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super('secure-ml:logging:CisAlarms', name, {}, opts);
    this.alarms = CIS_CONTROLS.map((control) => this.alarmFor(control, args));
    this.registerOutputs({});
  }

  private alarmFor(control: CisControl, args: CisAlarmsArgs): aws.cloudwatch.MetricAlarm {
    const ids = [control.securityHub, `CIS ${control.cis}`].filter((id) => id !== undefined).join(' / ');
    const filter = new aws.cloudwatch.LogMetricFilter(
      `cis-${control.metric}`,
      {
        name: `${args.namePrefix}-${control.metric}`,
        logGroupName: args.logGroupName,
        pattern: control.pattern,
        metricTransformation: { name: control.metric, namespace: args.namespace, value: CIS_METRIC_VALUE },
      },
      { parent: this },
    );
    return new aws.cloudwatch.MetricAlarm(
      `cis-${control.metric}-alarm`,
      {
        name: `${args.namePrefix}-${control.metric}`,
        alarmDescription: `${control.description} (${ids})`,
        namespace: args.namespace,
        metricName: control.metric,
        ...CIS_ALARM_SETTINGS,
        alarmActions: [args.topicArn],
      },
      // The alarm reads a metric only the filter emits; creating it first would leave it without data.
      { parent: this, dependsOn: [filter] },
    );
  }
}
