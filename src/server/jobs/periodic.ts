import type { Logger } from '../lib/logger';

/**
 * Runs `task` now and then every `everyMs`, never two at once, for checks more frequent than the
 * queue's schedules (a minute at best). A failure is logged and the next run goes ahead.
 */
export function runPeriodically(
  name: string,
  everyMs: number,
  task: () => Promise<unknown>,
  logger: Logger,
): { stop(): void } {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    task()
      .catch((error: unknown) => logger.warn({ err: error, task: name }, 'periodic check failed'))
      .finally(() => {
        running = false;
      });
  };
  const timer = setInterval(tick, everyMs);
  tick();
  return { stop: () => clearInterval(timer) };
}
