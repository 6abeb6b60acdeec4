export interface LineBlock {
  /** 1-based number of the block's first line. */
  readonly firstLine: number;
  /** Lines in the block. */
  readonly lines: number;
  /** The block's lines joined by `\n`, without a final newline (decode it only when needed). */
  readonly bytes: Buffer;
  /** Lines longer than the cap, kept only in their first part. */
  readonly cutLines: number;
}

export function countNewlines(buf: Buffer, from = 0, to = buf.length): number {
  let count = 0;
  let pos = buf.indexOf(10, from);
  while (pos !== -1 && pos < to) {
    count += 1;
    pos = buf.indexOf(10, pos + 1);
  }
  return count;
}

/**
 * Cut a byte stream into blocks of whole lines of about `blockBytes`, for
 * searching with bounded memory. A line longer than `maxLineBytes` is kept
 * in its first `maxLineBytes` only and the rest skipped, so one enormous
 * line cannot make a block enormous.
 */
export async function* lineBlocks(
  source: AsyncIterable<Buffer>,
  firstLine: number,
  blockBytes = 1024 * 1024,
  maxLineBytes = 1024 * 1024,
): AsyncGenerator<LineBlock> {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let line = firstLine;
  let skipping = false;
  let cutLines = 0;

  const block = (data: Buffer, end: number): LineBlock => {
    const body = data.subarray(0, end);
    const lines = countNewlines(body) + 1;
    const out = { firstLine: line, lines, bytes: body, cutLines };
    line += lines;
    cutLines = 0;
    return out;
  };

  for await (let piece of source) {
    if (skipping) {
      const nl = piece.indexOf(10);
      if (nl === -1) continue;
      skipping = false;
      // The cut line ends here; its kept part was already added, so end it with its newline.
      pending.push(Buffer.from('\n'));
      pendingBytes += 1;
      piece = piece.subarray(nl + 1);
    }
    pending.push(piece);
    pendingBytes += piece.length;
    if (pendingBytes < blockBytes) continue;
    const data = Buffer.concat(pending, pendingBytes);
    const lastNl = data.lastIndexOf(10);
    if (lastNl !== -1) {
      yield block(data, lastNl);
      const rest = data.subarray(lastNl + 1);
      pending = rest.length > 0 ? [rest] : [];
      pendingBytes = rest.length;
    } else if (pendingBytes >= maxLineBytes) {
      pending = [data.subarray(0, maxLineBytes)];
      pendingBytes = maxLineBytes;
      cutLines += 1;
      skipping = true;
    } else {
      pending = [data];
    }
  }
  if (pendingBytes > 0) {
    const data = Buffer.concat(pending, pendingBytes);
    const end = data[data.length - 1] === 10 ? data.length - 1 : data.length;
    yield block(data, end);
  }
}
