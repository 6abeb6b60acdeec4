import { agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import type { A2ARequestHandler } from '@a2a-js/sdk/server';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { jsonRpcPath } from '../a2a/agent-card.ts';
import { bearerUser } from '../a2a/user.ts';

/** Agent card paths: the 1.0 well-known one, and the ones older clients ask for. */
export const agentCardPaths = ['/.well-known/agent-card.json', '/.well-known/agent.json', '/a2a/.well-known/agent.json'] as const;

/** A message may carry a large paste or file; the SDK's own parser stops at express's 100 KB default. */
export const jsonRpcBodyLimit = '10mb';

/**
 * Bodies our parser refused, answered in JSON-RPC as the SDK answers its own:
 * unreadable JSON is a parse error; an oversized body is an invalid request,
 * with HTTP 413.
 */
const bodyErrorsAsJsonRpc: ErrorRequestHandler = (err: { type?: unknown }, _req, res, next) => {
  if (err.type === 'entity.parse.failed') {
    res.status(200).json({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Invalid JSON payload.' } });
  } else if (err.type === 'entity.too.large') {
    res.status(413).json({ jsonrpc: '2.0', id: null, error: { code: -32600, message: `the request body is larger than ${jsonRpcBodyLimit}` } });
  } else {
    next(err);
  }
};

/**
 * A2A over JSON-RPC/HTTP: the SDK's own transport handler (it parses and
 * validates JSON-RPC, maps errors to the spec's codes, writes SSE, and with
 * legacy compat also accepts the 0.3 method names) in front of our
 * Temporal-backed request handler. Mounted at /a2a/jsonrpc and, for the
 * original's clients, at POST /.
 */
export function a2aRouter(requestHandler: A2ARequestHandler): Router {
  const router = express.Router();
  const cards = agentCardHandler({ agentCardProvider: requestHandler, legacyCompat: { enabled: true } });
  for (const path of agentCardPaths) router.use(path, cards);
  const rpc = jsonRpcHandler({
    requestHandler,
    userBuilder: async () => bearerUser,
    legacyCompat: { enabled: true },
  });
  // Parsed here first (the SDK's parser then skips the body), with our limit.
  const body = express.json({ limit: jsonRpcBodyLimit, type: ['application/json', 'application/a2a+json'] });
  router.use(jsonRpcPath, body, bodyErrorsAsJsonRpc, rpc);
  router.post('/', body, bodyErrorsAsJsonRpc, rpc);
  return router;
}
