// Bedrock runtime errors: JSON `{ message }` with the exception name in the
// `x-amzn-ErrorType` header. Authentication: a SigV4 `authorization` header
// (signature not verified) or a bearer API key.
import { bearerAuth, sigV4Auth } from '../credentials.ts';
import type { AuthCheck, ErrorEnvelope, IncomingCredentials } from './provider-api.ts';

const EXCEPTIONS: Record<number, string> = {
  400: 'ValidationException',
  401: 'UnrecognizedClientException',
  403: 'AccessDeniedException',
  404: 'ResourceNotFoundException',
  408: 'ModelTimeoutException',
  424: 'ModelErrorException',
  429: 'ThrottlingException',
  500: 'InternalServerException',
  503: 'ServiceUnavailableException',
};

export function bedrockErrorEnvelope(status: number, message: string): ErrorEnvelope {
  const exception = EXCEPTIONS[status] ?? (status >= 500 ? 'InternalServerException' : 'ValidationException');
  return {
    body: { message },
    headers: { 'x-amzn-errortype': `${exception}:http://internal.amazon.com/coral/com.amazon.bedrock/` },
  };
}

export function authenticateBedrock({ headers }: IncomingCredentials): AuthCheck {
  const auth = sigV4Auth(headers) ?? bearerAuth(headers);
  if (auth !== undefined) return { ok: true, auth };
  return { ok: false, status: 403, message: 'Missing Authentication Token' };
}
