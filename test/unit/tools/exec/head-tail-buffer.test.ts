import { describe, expect, it } from '@jest/globals';
import { HeadTailBuffer } from '../../../../services/tools/exec/head-tail-buffer.ts';

describe('HeadTailBuffer', () => {
  it('keeps everything while under the limits', () => {
    const buffer = new HeadTailBuffer(8, 8);
    buffer.append(Buffer.from('hello '));
    buffer.append(Buffer.from('world'));
    expect(buffer.toString()).toBe('hello world');
    expect(buffer.truncated).toBe(false);
    expect(buffer.totalBytes).toBe(11);
  });

  it('keeps the head and the rolling tail with a marker for the middle', () => {
    const buffer = new HeadTailBuffer(4, 4);
    for (const part of ['ab', 'cdef', 'ghij', 'k', 'lmnop']) buffer.append(Buffer.from(part));
    expect(buffer.toString()).toBe('abcd\n[… 8 bytes omitted …]\nmnop');
    expect(buffer.omittedBytes).toBe(8);
    expect(buffer.truncated).toBe(true);
  });

  it('holds a bounded amount of memory however much is appended', () => {
    const buffer = new HeadTailBuffer(1024, 1024);
    const chunk = Buffer.alloc(4096, 'x');
    for (let i = 0; i < 10_000; i++) {
      buffer.append(i % 3 === 0 ? chunk : chunk.subarray(0, 7));
      expect(buffer.retainedBytes).toBeLessThanOrEqual(2048);
    }
    expect(buffer.totalBytes).toBe(3334 * 4096 + 6666 * 7);
    expect(buffer.toString().length).toBeLessThan(2100);
  });
});
