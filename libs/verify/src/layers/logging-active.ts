import { DescribeAlarmHistoryCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { type Check, expectThat } from '../check';
import type { VerifyContext } from '../context';

/** 20 polls 15 s apart: an alarm action runs within seconds, its history entry follows. */
const POLLS = 20;
const POLL_MS = 15_000;

/**
 * `--active`: sets one alarm to ALARM (SetAlarmState: "the alarm state returns to its actual state ... the next time
 * it is evaluated", https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_SetAlarmState.html) and
 * reads its history for a successful action on the alerts topic. This sends a real alert to the subscribers.
 */
export async function activeAlarmCheck(
  ctx: VerifyContext,
  alarmName: string,
  topicArn: string,
): Promise<Check> {
  const title = `alarm ${alarmName} reaches the alerts topic (active)`;
  ctx.say(
    `--active: setting alarm ${alarmName} to ALARM; this sends a real alert to every subscriber of ${topicArn}`,
  );
  const since = new Date();
  await ctx.clients.cloudwatch.send(
    new SetAlarmStateCommand({
      AlarmName: alarmName,
      StateValue: 'ALARM',
      StateReason: 'secure-ml verify --active: end-to-end test of the alert path',
    }),
  );
  for (let i = 0; i < POLLS; i++) {
    const { AlarmHistoryItems = [] } = await ctx.clients.cloudwatch.send(
      new DescribeAlarmHistoryCommand({ AlarmName: alarmName, HistoryItemType: 'Action', StartDate: since }),
    );
    const done = AlarmHistoryItems.find(
      (h) => h.HistorySummary?.includes(topicArn) || h.HistoryData?.includes(topicArn),
    );
    if (done) {
      const ok = /Successfully executed action/i.test(done.HistorySummary ?? '');
      return expectThat(ok, 'LOG-9', title, done.HistorySummary ?? '');
    }
    await ctx.sleep(POLL_MS);
  }
  return expectThat(
    false,
    'LOG-9',
    title,
    `no action entry in the alarm history after ${(POLLS * POLL_MS) / 1000} s`,
  );
}
