/**
 * Runs async jobs one at a time in call order: the cron tick and the price path share one, so a token is
 * never evaluated by both at once (their event ids are the same anyway; this keeps the stored state linear).
 */
export type Serial = <T>(job: () => Promise<T>) => Promise<T>;

export function createSerial(): Serial {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(job: () => Promise<T>): Promise<T> => {
    const run = tail.then(job, job);
    tail = run.catch(() => undefined);
    return run;
  };
}
