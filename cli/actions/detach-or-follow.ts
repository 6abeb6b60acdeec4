import type { CliServices } from './services.ts';
import { taskQueueHasPollers } from './temporal.ts';

/** What differs between the long-running commands (`ralph run`, `swarm`) once their workflow has started. */
export interface StartedWorkflow {
  /** `run` or `swarm`, as the messages name it. */
  readonly noun: string;
  /** How the JSON mode's stderr line names it: `ralph run`, `swarm`. */
  readonly label: string;
  /** The command that follows it from anywhere: `codetether ralph attach <id>`. */
  readonly attachCommand: string;
  /** The JSON key of its id: `run_id`, `swarm_id`. */
  readonly idKey: string;
  /** The line announcing it when followed in text mode. */
  readonly announce: string;
  /** What cancelling it stops, for the message on Ctrl-C. */
  readonly cancelling: string;
  cancel(): Promise<void>;
  follow(): Promise<unknown>;
}

/**
 * `--detach`: print the id (warning when no worker would pick the work up).
 * Otherwise follow it to the end; Ctrl-C cancels it and exits 130.
 */
export async function detachOrFollow(
  services: CliServices,
  id: string,
  started: StartedWorkflow,
  options: { detach: boolean; json: boolean; signalled: Promise<NodeJS.Signals> },
): Promise<void> {
  const { client } = services.temporal;
  const { taskQueue, namespace } = services.endpoint;
  if (options.detach) {
    if (!(await taskQueueHasPollers(client, namespace, taskQueue))) {
      process.stderr.write(
        `codetether: warning: no worker polls task queue "${taskQueue}"; the ${started.noun} waits until one does ` +
          '(start `codetether worker` or `codetether serve` on this machine).\n',
      );
    }
    process.stdout.write(options.json ? `${JSON.stringify({ [started.idKey]: id })}\n` : `${id}\n`);
    return;
  }
  if (options.json) process.stderr.write(`codetether: ${started.label} ${id}\n`);
  else process.stdout.write(`${started.announce} (follow it from anywhere: ${started.attachCommand})\n`);
  let cancelled = false;
  void options.signalled.then(async () => {
    cancelled = true;
    process.stderr.write(`\ncodetether: cancelling the ${started.noun} (${started.cancelling})…\n`);
    await started.cancel().catch(() => undefined);
  });
  await started.follow();
  if (cancelled) process.exitCode = 130;
}
