import { open } from 'node:fs/promises';

/** How much of a file is inspected to decide whether it is binary. */
export const BINARY_SNIFF_BYTES = 8192;

/** A NUL byte in the first few KiB is the same heuristic git and ripgrep use. */
export async function looksBinary(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const sample = Buffer.alloc(BINARY_SNIFF_BYTES);
    const { bytesRead } = await handle.read(sample, 0, BINARY_SNIFF_BYTES, 0);
    return sample.subarray(0, bytesRead).includes(0);
  } finally {
    await handle.close();
  }
}
