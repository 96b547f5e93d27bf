/** Children, the database and Redis keys, released in reverse order whatever happens. */
export class Cleanup {
  private readonly steps: { what: string; run: () => Promise<void> }[] = [];
  private running?: Promise<void>;

  add(what: string, run: () => Promise<void>): void {
    this.steps.push({ what, run });
  }

  runAll(): Promise<void> {
    this.running ??= (async () => {
      for (const step of this.steps.reverse()) {
        try {
          await step.run();
        } catch (err) {
          console.error(`cleanup: ${step.what} failed:`, err);
        }
      }
    })();
    return this.running;
  }
}

/**
 * Runs a benchmark's `main`, then exits: 0 when it returns, 1 when it throws. Its cleanup runs in every case,
 * also on Ctrl-C, on SIGTERM and once `deadlineMs` has passed, so a run stopped or stuck leaves nothing behind.
 */
export function runWithCleanup(deadlineMs: number, main: (cleanup: Cleanup) => Promise<void>): void {
  const cleanup = new Cleanup();
  const abort = (why: string, code: number): void => {
    console.error(`\n${why}: cleaning up.`);
    void cleanup.runAll().finally(() => process.exit(code));
  };
  process.once('SIGINT', () => abort('Interrupted', 130));
  process.once('SIGTERM', () => abort('Terminated', 143));
  setTimeout(() => abort(`Deadline of ${deadlineMs / 60000} minutes passed`, 2), deadlineMs).unref();

  const run = async (): Promise<void> => {
    try {
      await main(cleanup);
    } finally {
      await cleanup.runAll();
    }
  };
  run().then(
    () => process.exit(0),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
