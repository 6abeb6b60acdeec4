/**
 * Put the terminal back as the shell expects it, whatever state the TUI left
 * it in: raw mode off, kitty keyboard flags popped, bracketed paste off,
 * cursor shown, main screen back, colours reset. Safe to call twice.
 */
export function restoreTerminal(stdout: NodeJS.WriteStream = process.stdout, stdin: NodeJS.ReadStream = process.stdin): void {
  try {
    if (stdin.isTTY) stdin.setRawMode(false);
  } catch {
    // stdin already closed
  }
  try {
    if (stdout.isTTY) stdout.write('\x1b[<u\x1b[?2004l\x1b[?25h\x1b[?1049l\x1b[0m');
  } catch {
    // stdout already closed
  }
}

/** While the TUI owns the screen, text written to stderr goes to `sink` (the log) instead of over the frame. */
export function captureStderr(sink: (text: string) => void): () => void {
  const original = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    sink(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    const callback = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    callback?.();
    return true;
  }) as typeof process.stderr.write;
  return () => {
    process.stderr.write = original;
  };
}
