import { describe, expect, it } from '@jest/globals';
import { PassThrough } from 'node:stream';
import { readSecretInput } from '../../../cli/actions/auth-read-key.ts';

/** A stand-in terminal: a stream that records raw-mode switches. */
function fakeTerminal(): PassThrough & { isTTY: boolean; rawModes: boolean[]; setRawMode: (mode: boolean) => void } {
  const input = new PassThrough() as PassThrough & { isTTY: boolean; rawModes: boolean[]; setRawMode: (mode: boolean) => void };
  input.isTTY = true;
  input.rawModes = [];
  input.setRawMode = (mode) => {
    input.rawModes.push(mode);
  };
  return input;
}

function collector(): { stream: PassThrough; text: () => string } {
  const stream = new PassThrough();
  let text = '';
  stream.on('data', (d: Buffer) => (text += d.toString()));
  return { stream, text: () => text };
}

describe('reading a key', () => {
  it('reads from a terminal in raw mode without echoing, handling backspace and arrow keys', async () => {
    const input = fakeTerminal();
    const output = collector();
    const reading = readSecretInput('API key: ', input, output.stream);
    input.write('sk-secXX\u007f\u007fret');
    input.write('\u001b[D-42\r');
    expect(await reading).toBe('sk-secret-42');
    expect(input.rawModes).toEqual([true, false]);
    expect(output.text()).toBe('API key: \n');
  });

  it('is cancelled by Ctrl-C, leaving raw mode', async () => {
    const input = fakeTerminal();
    const reading = readSecretInput('API key: ', input, collector().stream);
    input.write('sk-part\u0003');
    await expect(reading).rejects.toThrow(/cancelled/);
    expect(input.rawModes).toEqual([true, false]);
  });

  it('reads piped stdin whole, trimming the newline', async () => {
    const input = new PassThrough();
    const output = collector();
    const reading = readSecretInput('API key: ', input, output.stream);
    input.end('sk-piped-1\n');
    expect(await reading).toBe('sk-piped-1');
    expect(output.text()).toBe('');
  });

  it('refuses several lines on stdin', async () => {
    const input = new PassThrough();
    const reading = readSecretInput('API key: ', input, collector().stream);
    input.end('one\ntwo\n');
    await expect(reading).rejects.toThrow(/single line/);
  });
});
