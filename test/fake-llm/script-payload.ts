// Scripts as JSON data, for the control endpoint and script files:
//
//   [turn, …]                                   unkeyed turns
//   { "turns": [turn, …], "match": "marker" }   keyed when match is given
//   { "scripts": [{ "match": "…", "turns": […] }, …],
//     "latencyMs": 0, "chunkSize": 8, "chunkDelayMs": 2 }
import { asArray, asRecord } from './json-shape.ts';
import { toFakeTurn } from './turn-validation.ts';
import type { FakeLlm, FakeLlmTiming, FakeTurn } from './types.ts';

interface ScriptGroup {
  match?: string;
  turns: FakeTurn[];
}

export interface ParsedScriptPayload {
  groups: ScriptGroup[];
  timing: Partial<FakeLlmTiming>;
}

function groupOf(value: unknown, where: string): ScriptGroup {
  const record = asRecord(value);
  const rawTurns = Array.isArray(value) ? value : record?.turns;
  if (!Array.isArray(rawTurns)) throw new Error(`fake-llm: ${where} needs a "turns" array`);
  if (record?.match !== undefined && typeof record.match !== 'string') {
    throw new Error(`fake-llm: ${where}: "match" must be a marker string`);
  }
  const turns = rawTurns.map((turn, index) => toFakeTurn(turn, `${where} turn ${index}`));
  return typeof record?.match === 'string' ? { match: record.match, turns } : { turns };
}

function timingOf(record: Record<string, unknown> | undefined): Partial<FakeLlmTiming> {
  const timing: Partial<FakeLlmTiming> = {};
  for (const key of ['latencyMs', 'chunkSize', 'chunkDelayMs'] as const) {
    const value = record?.[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) timing[key] = value;
  }
  return timing;
}

export function parseScriptPayload(value: unknown): ParsedScriptPayload {
  const record = asRecord(value);
  const groups: ScriptGroup[] = [];
  if (Array.isArray(value) || record?.turns !== undefined) groups.push(groupOf(value, 'script'));
  asArray(record?.scripts).forEach((group, index) => groups.push(groupOf(group, `scripts[${index}]`)));
  if (groups.length === 0 && Object.keys(timingOf(record)).length === 0) {
    throw new Error('fake-llm: a script needs "turns", "scripts" or an array of turns');
  }
  return { groups, timing: timingOf(record) };
}

/** Queue the payload's turns (and apply its timing); returns how many turns were queued. */
export function applyScriptPayload(fake: Pick<FakeLlm, 'script' | 'scriptWhen' | 'configure'>, value: unknown): number {
  const { groups, timing } = parseScriptPayload(value);
  fake.configure(timing);
  let queued = 0;
  for (const group of groups) {
    if (group.match === undefined) fake.script(...group.turns);
    else fake.scriptWhen(group.match, ...group.turns);
    queued += group.turns.length;
  }
  return queued;
}
