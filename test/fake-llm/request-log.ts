// The recorded model calls and the counting helpers over them.
import type { FakeLlmRequest, RequestFilter } from './types.ts';

function toPredicate(filter: RequestFilter): (request: FakeLlmRequest) => boolean {
  if (typeof filter === 'function') return filter;
  const wanted = Object.entries(filter) as Array<[keyof FakeLlmRequest, unknown]>;
  return (request) => wanted.every(([key, value]) => value === undefined || request[key] === value);
}

export class RequestLog {
  #requests: FakeLlmRequest[] = [];
  #seq = 0;

  nextSeq(): number {
    this.#seq += 1;
    return this.#seq;
  }

  add(request: FakeLlmRequest): void {
    this.#requests.push(request);
  }

  all(): FakeLlmRequest[] {
    return [...this.#requests];
  }

  count(): number {
    return this.#requests.length;
  }

  countBy(filter: RequestFilter): number {
    return this.#requests.filter(toPredicate(filter)).length;
  }

  clear(): void {
    this.#requests = [];
    this.#seq = 0;
  }
}
