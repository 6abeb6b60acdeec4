// Reading request bodies and writing JSON or paced streaming responses.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { StreamFrame } from './providers/provider-api.ts';

export function sleep(ms: number): Promise<void> {
  return ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}

export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  const contentType = typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json';
  response.writeHead(status, { 'content-type': contentType, ...headers });
  response.end(text);
}

/** Drop the connection without an HTTP response (simulated network failure). */
export function dropConnection(response: ServerResponse): void {
  response.socket?.destroy();
  response.destroy();
}

function isGone(response: ServerResponse): boolean {
  return response.destroyed || response.writableEnded;
}

function writeFrame(response: ServerResponse, frame: StreamFrame): Promise<void> {
  return new Promise((resolve) => {
    response.write(frame, () => resolve());
  });
}

export interface StreamPlan {
  contentType: string;
  headers?: Record<string, string>;
  frames: StreamFrame[];
  /** Pause after each frame so a client sees the deltas arrive one by one. */
  frameDelayMs: number;
  /** Drop the connection after this many frames. */
  disconnectAfterFrames?: number;
}

/** Write frames one at a time, flushing each before pausing. */
export async function streamFrames(response: ServerResponse, plan: StreamPlan): Promise<void> {
  response.socket?.setNoDelay(true);
  response.writeHead(200, { 'content-type': plan.contentType, 'cache-control': 'no-cache', ...plan.headers });
  response.flushHeaders();
  for (const [index, frame] of plan.frames.entries()) {
    if (index === plan.disconnectAfterFrames) return dropConnection(response);
    if (isGone(response)) return;
    await writeFrame(response, frame);
    await sleep(plan.frameDelayMs);
  }
  if (plan.disconnectAfterFrames !== undefined && plan.disconnectAfterFrames >= plan.frames.length) {
    return dropConnection(response);
  }
  if (!isGone(response)) response.end();
}
