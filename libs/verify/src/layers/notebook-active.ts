import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  DescribeNotebookInstanceCommand,
  type DescribeNotebookInstanceCommandOutput,
  StartNotebookInstanceCommand,
  StopNotebookInstanceCommand,
} from '@aws-sdk/client-sagemaker';
import { type Check, expectThat, skip } from '../check';
import { outputsOf, type VerifyContext } from '../context';
import { lifecycleStreamPrefix } from './notebook';

/** The line the on-start hook logs once the idle auto-stop is scheduled (packages/notebook/lifecycle/on-start.sh). */
export const AUTO_STOP_SCHEDULED = 'auto-stop scheduled every';
/** A notebook takes a few minutes to start; 40 polls 15 s apart bound the wait at 10 minutes. */
const POLLS = 40;
const POLL_MS = 15_000;

async function waitFor(ctx: VerifyContext, name: string, status: string): Promise<string | undefined> {
  let seen: string | undefined;
  for (let i = 0; i < POLLS; i++) {
    const nb = await ctx.clients.sagemaker.send(
      new DescribeNotebookInstanceCommand({ NotebookInstanceName: name }),
    );
    seen = nb.NotebookInstanceStatus;
    if (seen === status || seen === 'Failed') return seen;
    await ctx.sleep(POLL_MS);
  }
  return seen;
}

/**
 * `--active`: starts a stopped notebook, waits until it is in service, reads the on-start hook's log for the
 * auto-stop line, and stops it again. It never touches a notebook that is running: someone may be using it.
 */
export async function activeNotebookCheck(
  ctx: VerifyContext,
  nb: DescribeNotebookInstanceCommandOutput,
): Promise<Check> {
  const name = nb.NotebookInstanceName ?? '';
  const title = 'a started notebook schedules its idle auto-stop (active)';
  if (nb.NotebookInstanceStatus !== 'Stopped')
    return skip(
      'NB-8',
      title,
      `the notebook is ${nb.NotebookInstanceStatus}: only a stopped notebook is started`,
    );
  const { notebookLogGroupName } = outputsOf(ctx, 'logging');
  ctx.say(
    `--active: starting notebook ${name}; it is stopped again when the check ends (instance hours are billed)`,
  );
  const startedAt = Date.now();
  await ctx.clients.sagemaker.send(new StartNotebookInstanceCommand({ NotebookInstanceName: name }));
  try {
    const status = await waitFor(ctx, name, 'InService');
    if (status !== 'InService')
      return expectThat(false, 'NB-8', title, `the notebook reached ${status ?? 'no status'}, not InService`);
    const { events = [] } = await ctx.clients.logs.send(
      new FilterLogEventsCommand({
        logGroupName: notebookLogGroupName,
        logStreamNamePrefix: lifecycleStreamPrefix(name),
        startTime: startedAt,
        filterPattern: `"${AUTO_STOP_SCHEDULED}"`,
      }),
    );
    return expectThat(
      events.length > 0,
      'NB-8',
      title,
      events[0]?.message?.trim() ?? `no "${AUTO_STOP_SCHEDULED}" line since the start`,
    );
  } finally {
    ctx.say(`--active: stopping notebook ${name}`);
    await ctx.clients.sagemaker.send(new StopNotebookInstanceCommand({ NotebookInstanceName: name }));
  }
}
