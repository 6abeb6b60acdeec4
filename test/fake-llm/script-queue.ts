// The queue of scripted turns. Keyed turns (with a matcher) are offered
// first, in order, to requests they match; otherwise the oldest unkeyed turn
// answers. That lets concurrent sessions be scripted independently.
import type { FakeLlmRequest, RequestMatcher, ScriptedTurn } from './types.ts';

interface QueuedTurn {
  matches?: (request: FakeLlmRequest) => boolean;
  turn: ScriptedTurn;
}

function toPredicate(match: RequestMatcher): (request: FakeLlmRequest) => boolean {
  return typeof match === 'string' ? (request) => request.text.includes(match) : match;
}

export class ScriptQueue {
  #entries: QueuedTurn[] = [];

  add(turns: ScriptedTurn[], match?: RequestMatcher): void {
    const matches = match === undefined ? undefined : toPredicate(match);
    for (const turn of turns) this.#entries.push(matches === undefined ? { turn } : { matches, turn });
  }

  /** Remove and return the turn that answers this request, if any. */
  take(request: FakeLlmRequest): ScriptedTurn | undefined {
    let index = this.#entries.findIndex((entry) => entry.matches?.(request) === true);
    if (index < 0) index = this.#entries.findIndex((entry) => entry.matches === undefined);
    if (index < 0) return undefined;
    const [entry] = this.#entries.splice(index, 1);
    return entry?.turn;
  }

  get size(): number {
    return this.#entries.length;
  }

  clear(): void {
    this.#entries = [];
  }
}
