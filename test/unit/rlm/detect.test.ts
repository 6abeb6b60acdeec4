import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectContentType } from '../../../services/rlm/detect.ts';
import { detectFromEnds, isBinarySample } from '../../../services/rlm/sample.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '..', '..', 'fixtures', 'rlm', name), 'utf8');

describe('content-type detection', () => {
  it.each([
    ['inventory.ts', 'code'],
    ['gateway.log', 'logs'],
    ['support-chat.txt', 'conversation'],
    ['runbook.md', 'documents'],
  ])('detects %s as %s', (name, type) => {
    expect(detectContentType(fixture(name).split('\n'))).toBe(type);
  });

  it('calls content without indicators, or with none above 30 %, mixed', () => {
    expect(detectContentType([])).toBe('mixed');
    expect(detectContentType(['42', 'hello', '', 'x = 1'])).toBe('mixed');
  });

  it('prefers conversation to logs when both pass the threshold', () => {
    const lines = ['User: hi', 'Assistant: hello', '2024-05-01 10:00:00 INFO a', '2024-05-01 10:00:01 INFO b', '[1] x'];
    expect(detectContentType(lines)).toBe('conversation');
  });

  it('reads only the first and last 100 lines of long content', () => {
    const code = Array.from({ length: 150 }, (_, i) => `export const c${i} = ${i};`);
    const logs = Array.from({ length: 5000 }, (_, i) => `2024-05-01T10:00:00Z INFO line ${i}`);
    const text = [...code, ...logs, ...code].join('\n');
    const bytes = Buffer.from(`${text}\n`);
    // Both ends are code; the logs in the middle are never sampled.
    expect(detectFromEnds(bytes.subarray(0, 8192), bytes.subarray(bytes.length - 8192))).toBe('code');
    expect(detectFromEnds(Buffer.from(fixture('gateway.log')), undefined)).toBe('logs');
  });

  it('takes a NUL byte near the start for binary', () => {
    expect(isBinarySample(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]))).toBe(true);
    expect(isBinarySample(Buffer.from('plain text, ünïcode too\n'))).toBe(false);
  });
});
