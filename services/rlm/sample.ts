import { detectContentType, detectionSample } from './detect.ts';
import type { RlmContentType } from './types.ts';

/** How much of each end of the content detection reads. */
export const sampleBytes = 64 * 1024;

function textLines(bytes: Buffer): string[] {
  const lines = bytes.toString('utf8').split('\n');
  if (lines.at(-1) === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/**
 * Detect the type from the content's two ends: `head` is its first bytes,
 * `tail` its last (absent when `head` is all of it). Partial lines where the
 * ends were cut are dropped.
 */
export function detectFromEnds(head: Buffer, tail: Buffer | undefined): RlmContentType {
  if (tail === undefined) {
    const all = textLines(head);
    return detectContentType(detectionSample(all, all, all.length));
  }
  const first = textLines(head).slice(0, -1).slice(0, 100);
  const last = textLines(tail).slice(1).slice(-100);
  return detectContentType(detectionSample(first, last, Number.POSITIVE_INFINITY));
}

/** A NUL byte near the start: the same binary heuristic as git and ripgrep. */
export function isBinarySample(head: Buffer): boolean {
  return head.subarray(0, 8192).includes(0);
}
