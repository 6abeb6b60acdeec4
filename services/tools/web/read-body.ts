export interface CappedBody {
  readonly bytes: Buffer;
  /** The body was longer than the cap and the rest was not read. */
  readonly truncated: boolean;
}

/** Read at most `maxBytes` of a response body, then cancel the rest of the download. */
export async function readCappedBody(response: Response, maxBytes: number): Promise<CappedBody> {
  if (response.body === null) return { bytes: Buffer.alloc(0), truncated: false };
  const reader = response.body.getReader();
  const chunks: Buffer[] = [];
  let size = 0;
  let truncated = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const room = maxBytes - size;
      if (value.length > room) {
        chunks.push(Buffer.from(value.subarray(0, room)));
        size += room;
        truncated = true;
        break;
      }
      chunks.push(Buffer.from(value));
      size += value.length;
    }
  } finally {
    if (truncated) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return { bytes: Buffer.concat(chunks, size), truncated };
}
