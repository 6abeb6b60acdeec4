// Undo what a benchmark started, last first, even when a step fails.
export class Cleanups {
  readonly #steps: Array<{ what: string; run: () => Promise<unknown> | unknown }> = [];

  add(what: string, run: () => Promise<unknown> | unknown): void {
    this.#steps.push({ what, run });
  }

  /** Run every step (last added first); report the ones that failed, then throw the first failure. */
  async runAll(): Promise<void> {
    let first: unknown;
    for (const step of this.#steps.splice(0).reverse()) {
      try {
        await step.run();
      } catch (err) {
        process.stderr.write(`cleanup: ${step.what} failed: ${(err as Error).message ?? String(err)}\n`);
        first ??= err;
      }
    }
    if (first !== undefined) throw first;
  }
}
