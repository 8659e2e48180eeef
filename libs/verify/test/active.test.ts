import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeAlarmHistoryCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeNotebookInstanceCommand,
  type NotebookInstanceStatus,
  StartNotebookInstanceCommand,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import 'aws-sdk-client-mock-jest';
import { AUTO_STOP_SCHEDULED } from '../src/layers/notebook-active';
import { healthy, HEALTHY_NOTEBOOK, mocks, OUTPUTS } from './support/healthy';
import { checksOf, ROOT, verify } from './support/run';

const notebook = (status: NotebookInstanceStatus) => ({
  ...HEALTHY_NOTEBOOK,
  NotebookInstanceStatus: status,
});

beforeEach(healthy);

describe('--active, never by default', () => {
  it('the default run starts no notebook and sets no alarm', async () => {
    mocks.sagemaker.on(DescribeNotebookInstanceCommand).resolves(notebook('Stopped'));
    await verify('notebook');
    await verify('logging');
    expect(mocks.sagemaker).not.toHaveReceivedCommand(StartNotebookInstanceCommand);
    expect(mocks.sagemaker).not.toHaveReceivedCommand(StopNotebookInstanceCommand);
    expect(mocks.cloudwatch).not.toHaveReceivedCommand(SetAlarmStateCommand);
  });

  it('starts a stopped notebook, reads the auto-stop line, and stops it again, saying so first', async () => {
    // alice's notebook is stopped; bob's is in service (someone may be using it: never touched).
    mocks.sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sml-dev-notebook-alice' })
      .resolvesOnce(notebook('Stopped'))
      .resolvesOnce(notebook('Pending'))
      .resolves(notebook('InService'));
    mocks.logs.on(FilterLogEventsCommand).resolves({
      events: [{ message: `2026-12-01T12:03:00Z secure-ml lifecycle: ${AUTO_STOP_SCHEDULED} 5min\n` }],
    });
    const run = await verify('notebook', { active: true });
    const active = checksOf(run.reportDir, 'notebook').find((c) => c.title.endsWith('(active)'));
    expect(active).toEqual({
      id: 'NB-8',
      title: 'a started notebook schedules its idle auto-stop (active)',
      result: 'pass',
      evidence: `2026-12-01T12:03:00Z secure-ml lifecycle: ${AUTO_STOP_SCHEDULED} 5min`,
    });
    expect(mocks.sagemaker).toHaveReceivedCommandTimes(StartNotebookInstanceCommand, 1);
    expect(mocks.sagemaker).toHaveReceivedCommandWith(StopNotebookInstanceCommand, {
      NotebookInstanceName: 'sml-dev-notebook-alice',
    });
    const said = run.printed.filter((l) => l.startsWith('--active'));
    expect(said).toEqual([
      '--active: starting notebook sml-dev-notebook-alice; it is stopped again when the check ends (instance hours are billed)',
      '--active: stopping notebook sml-dev-notebook-alice',
    ]);
  });

  it('fails when the auto-stop line never appears, and still stops the notebook', async () => {
    mocks.sagemaker
      .on(DescribeNotebookInstanceCommand, { NotebookInstanceName: 'sml-dev-notebook-alice' })
      .resolvesOnce(notebook('Stopped'))
      .resolves(notebook('InService'));
    mocks.logs.on(FilterLogEventsCommand).resolves({ events: [] });
    const run = await verify('notebook', { active: true });
    const active = checksOf(run.reportDir, 'notebook').find((c) => c.title.endsWith('(active)'));
    expect(active?.result).toBe('fail');
    expect(run.code).toBe(1);
    expect(mocks.sagemaker.commandCalls(StopNotebookInstanceCommand)).toHaveLength(1);
  });

  it('never starts or stops a notebook that is already running: someone may be using it', async () => {
    const run = await verify('notebook', { active: true });
    const active = checksOf(run.reportDir, 'notebook').find((c) => c.title.endsWith('(active)'));
    expect(active?.result).toBe('skip');
    expect(mocks.sagemaker.commandCalls(StartNotebookInstanceCommand)).toHaveLength(0);
    expect(mocks.sagemaker.commandCalls(StopNotebookInstanceCommand)).toHaveLength(0);
  });

  it('sets one alarm to ALARM, says it sends a real alert, and reads a successful SNS action from its history', async () => {
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        {
          AlarmName: 'sml-dev-root-account-usage',
          HistoryItemType: 'Action',
          HistorySummary: `Successfully executed action ${OUTPUTS.logging.alertsTopicArn}`,
        },
      ],
    });
    const run = await verify('logging', { active: true });
    const active = checksOf(run.reportDir, 'logging').find((c) => c.title.endsWith('(active)'));
    expect(active).toMatchObject({ id: 'LOG-9', result: 'pass' });
    const set = mocks.cloudwatch.commandCalls(SetAlarmStateCommand);
    expect(set.map((c) => [c.args[0].input.AlarmName, c.args[0].input.StateValue])).toEqual([
      ['sml-dev-root-account-usage', 'ALARM'],
    ]);
    expect(run.printed.filter((l) => l.startsWith('--active'))).toEqual([
      `--active: setting alarm sml-dev-root-account-usage to ALARM; this sends a real alert to every subscriber of ${OUTPUTS.logging.alertsTopicArn}`,
    ]);
  });

  it('fails when the alarm action did not succeed', async () => {
    mocks.cloudwatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        {
          HistoryItemType: 'Action',
          HistorySummary: `Failed to execute action ${OUTPUTS.logging.alertsTopicArn}`,
        },
      ],
    });
    const run = await verify('logging', { active: true });
    expect(checksOf(run.reportDir, 'logging').find((c) => c.title.endsWith('(active)'))?.result).toBe('fail');
  });
});

it('the line the active check waits for is the one the on-start hook logs', () => {
  const hook = readFileSync(join(ROOT, 'packages', 'notebook', 'lifecycle', 'on-start.sh'), 'utf8');
  expect(hook).toMatch(/log "\$name scheduled every \$interval"/);
  expect(hook).toMatch(/schedule auto-stop /);
  expect(AUTO_STOP_SCHEDULED).toBe('auto-stop scheduled every');
});
