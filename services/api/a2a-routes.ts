import { agentCardHandler, jsonRpcHandler } from '@a2a-js/sdk/server/express';
import type { A2ARequestHandler } from '@a2a-js/sdk/server';
import express, { type Router } from 'express';
import { jsonRpcPath } from '../a2a/agent-card.ts';
import { bearerUser } from '../a2a/user.ts';

/** Agent card paths: the 1.0 well-known one, and the ones older clients ask for. */
export const agentCardPaths = ['/.well-known/agent-card.json', '/.well-known/agent.json', '/a2a/.well-known/agent.json'] as const;

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
  router.use(jsonRpcPath, rpc);
  router.post('/', rpc);
  return router;
}
