// Which endpoint a request is for. Paths are matched by their suffix, so any
// base URL prefix works (…/v1/chat/completions, /openai/chat/completions…).
import type { CallRoute } from './providers/provider-api.ts';

export const CONTROL_PREFIX = '/__control/';

export type Route =
  | { kind: 'model-call'; call: CallRoute }
  | { kind: 'list-models' }
  | { kind: 'control'; action: string }
  | { kind: 'not-found' };

const GEMINI_PATH = /\/models\/([^/]+):(generateContent|streamGenerateContent)$/;
const BEDROCK_PATH = /\/model\/([^/]+)\/(converse|converse-stream)$/;

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function modelCallRoute(pathname: string): CallRoute | undefined {
  if (pathname.endsWith('/chat/completions')) return { provider: 'openai', api: 'chat-completions' };
  if (pathname.endsWith('/responses')) return { provider: 'openai', api: 'responses' };
  if (pathname.endsWith('/messages')) return { provider: 'anthropic', api: 'messages' };
  const gemini = GEMINI_PATH.exec(pathname);
  if (gemini?.[1] !== undefined) {
    const streamFromPath = gemini[2] === 'streamGenerateContent';
    return { provider: 'google', api: 'generate-content', modelFromPath: decodeSegment(gemini[1]), streamFromPath };
  }
  const bedrock = BEDROCK_PATH.exec(pathname);
  if (bedrock?.[1] !== undefined) {
    const streamFromPath = bedrock[2] === 'converse-stream';
    return { provider: 'bedrock', api: 'converse', modelFromPath: decodeSegment(bedrock[1]), streamFromPath };
  }
  return undefined;
}

export function routeRequest(method: string, pathname: string): Route {
  if (pathname.startsWith(CONTROL_PREFIX)) return { kind: 'control', action: pathname.slice(CONTROL_PREFIX.length) };
  if (method === 'GET' && pathname.endsWith('/models')) return { kind: 'list-models' };
  const call = method === 'POST' ? modelCallRoute(pathname) : undefined;
  return call === undefined ? { kind: 'not-found' } : { kind: 'model-call', call };
}
