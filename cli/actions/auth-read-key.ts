import type { Readable, Writable } from 'node:stream';
import { UsageError } from '../errors.ts';

interface TerminalInput extends Readable {
  isTTY?: boolean;
  setRawMode?: (mode: boolean) => unknown;
}

const ctrlC = '\u0003';
const ctrlD = '\u0004';
const escape = '\u001b';

/** Read a line from a terminal in raw mode, echoing nothing. */
function readHidden(input: Readable, setRawMode: (mode: boolean) => unknown, output: Writable, prompt: string): Promise<string> {
  // Raw mode first: a key typed the moment the prompt appears must never be echoed.
  setRawMode(true);
  output.write(prompt);
  input.setEncoding('utf8');
  input.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    let inEscape = false;
    const finish = (error?: Error): void => {
      input.off('data', onData);
      setRawMode(false);
      input.pause();
      output.write('\n');
      if (error !== undefined) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        // Arrow keys and the like arrive as ESC [ … letter; none of it belongs in a key.
        if (inEscape) {
          if (/[A-Za-z~]/.test(ch)) inEscape = false;
          continue;
        }
        if (ch === escape) inEscape = true;
        else if (ch === '\r' || ch === '\n' || ch === ctrlD) return finish();
        else if (ch === ctrlC) return finish(new UsageError('cancelled: nothing was stored'));
        else if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else if (ch >= ' ') value += ch;
      }
    };
    input.on('data', onData);
  });
}

async function readAll(input: Readable): Promise<string> {
  let text = '';
  for await (const chunk of input) text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
  return text;
}

/**
 * A secret typed at a terminal (not echoed) or piped in on stdin (so scripts
 * can pass one without putting it on a command line).
 */
export async function readSecretInput(
  prompt: string,
  input: TerminalInput = process.stdin,
  output: Writable = process.stderr,
): Promise<string> {
  const setRawMode = input.setRawMode?.bind(input);
  const raw =
    input.isTTY === true && setRawMode !== undefined ? await readHidden(input, setRawMode, output, prompt) : await readAll(input);
  const value = raw.trim();
  if (value.includes('\n')) throw new UsageError('expected the key on a single line of stdin');
  return value;
}
