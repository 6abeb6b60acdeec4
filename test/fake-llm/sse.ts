// Server-sent events framing.

/** `data: {json}` followed by the blank line that ends an event. */
export function sseData(payload: unknown): string {
  return `data: ${JSON.stringify(payload)}\n\n`;
}

/** A named event: `event: NAME` then `data: {json}`. */
export function sseEvent(name: string, payload: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

/** OpenAI chat completions' end-of-stream sentinel. */
export const SSE_DONE = 'data: [DONE]\n\n';

export const SSE_CONTENT_TYPE = 'text/event-stream; charset=utf-8';
