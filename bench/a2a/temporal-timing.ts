// Where the durable path's time goes: a gRPC client interceptor on the task
// service's Temporal connection that times every call it makes (start,
// describe, query, history fetch …), filed under the phase being measured.
import { InterceptingCall, type Interceptor } from '@grpc/grpc-js';

export class TemporalCallTimings {
  #phase: string | undefined;
  readonly #calls = new Map<string, Map<string, number[]>>();

  /** Calls made from now on count towards `phase` (undefined: not recorded). */
  setPhase(phase: string | undefined): void {
    this.#phase = phase;
    if (phase !== undefined && !this.#calls.has(phase)) this.#calls.set(phase, new Map());
  }

  /** Per Temporal method (e.g. `StartWorkflowExecution`), the latency of every call made during `phase`, in ms. */
  calls(phase: string): ReadonlyMap<string, readonly number[]> {
    return this.#calls.get(phase) ?? new Map();
  }

  readonly interceptor: Interceptor = (options, nextCall) => {
    const phase = this.#phase;
    const method = options.method_definition.path.split('/').at(-1) ?? options.method_definition.path;
    const started = performance.now();
    return new InterceptingCall(nextCall(options), {
      start: (metadata, _listener, next) => {
        next(metadata, {
          onReceiveStatus: (status, nextStatus) => {
            if (phase !== undefined) {
              const byMethod = this.#calls.get(phase)!;
              const samples = byMethod.get(method) ?? [];
              samples.push(performance.now() - started);
              byMethod.set(method, samples);
            }
            nextStatus(status);
          },
        });
      },
    });
  };
}
