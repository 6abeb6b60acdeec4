import type { ErrorRequestHandler, RequestHandler } from 'express';

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: 'not_found', message: 'no such route' } });
};

/**
 * The last word on any error a route did not handle: a JSON error with the
 * right status (malformed or oversized bodies are the caller's fault), never
 * express's HTML page or a stack trace.
 */
export function jsonErrors(onError: (err: unknown) => void): ErrorRequestHandler {
  return (err: { type?: unknown; status?: unknown; expose?: unknown; message?: unknown }, _req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    if (err.type === 'entity.parse.failed') {
      res.status(400).json({ error: { code: 'invalid_json', message: 'the body is not valid JSON' } });
    } else if (err.type === 'entity.too.large') {
      res.status(413).json({ error: { code: 'payload_too_large', message: 'the body is too large' } });
    } else if (typeof err.status === 'number' && err.status >= 400 && err.status < 500 && err.expose === true) {
      res.status(err.status).json({ error: { code: 'bad_request', message: String(err.message) } });
    } else {
      onError(err);
      res.status(500).json({ error: { code: 'internal', message: 'internal error' } });
    }
  };
}
