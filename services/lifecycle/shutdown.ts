type Closer = { readonly name: string; readonly close: () => Promise<unknown> };

/**
 * Ordered clean-up for long-running commands: closers run in reverse order of
 * registration on SIGINT/SIGTERM (or when `shutdown()` is called), each at most
 * once. A second signal while shutting down exits at once.
 */
export class Shutdown {
  private readonly closers: Closer[] = [];
  private running: Promise<void> | undefined;
  private readonly signalled: Promise<NodeJS.Signals>;
  private resolveSignal!: (signal: NodeJS.Signals) => void;

  private readonly onError: (name: string, err: unknown) => void;

  constructor(onError: (name: string, err: unknown) => void = () => undefined) {
    this.onError = onError;
    this.signalled = new Promise((resolve) => {
      this.resolveSignal = resolve;
    });
  }

  add(name: string, close: () => Promise<unknown>): void {
    this.closers.push({ name, close });
  }

  /** Resolve on the first SIGINT or SIGTERM. */
  listen(): Promise<NodeJS.Signals> {
    const handler = (signal: NodeJS.Signals) => {
      if (this.running !== undefined) process.exit(130);
      this.resolveSignal(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
    return this.signalled;
  }

  shutdown(): Promise<void> {
    this.running ??= (async () => {
      for (const closer of [...this.closers].reverse()) {
        try {
          await closer.close();
        } catch (err) {
          this.onError(closer.name, err);
        }
      }
    })();
    return this.running;
  }
}
