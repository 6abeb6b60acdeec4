import { ResponderBuilder, ServerInterceptingCall, ServerListenerBuilder, status, type ServerInterceptor } from '@grpc/grpc-js';
import type { ApiActor } from '../auth/express.ts';
import { grpcBearerInterceptor, grpcCallAuthorized } from '../auth/grpc.ts';
import type { TokenVerifier } from '../auth/verifier.ts';
import type { AuditLog } from './log.ts';
import type { AuditOutcome } from './record.ts';

function outcomeOfCode(code: number): AuditOutcome {
  if (code === status.OK) return 'success';
  return code === status.UNAUTHENTICATED || code === status.PERMISSION_DENIED ? 'denied' : 'failure';
}

/** One audit record per RPC when its status is sent: `grpc /pkg.Service/Method`, actor, status code, latency. */
export function grpcAuditInterceptor(audit: AuditLog, verifier: TokenVerifier): ServerInterceptor {
  return (method, call) => {
    const started = performance.now();
    let actor: ApiActor = 'anonymous';
    return new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) =>
          next(
            new ServerListenerBuilder()
              .withOnReceiveMetadata((metadata, forward) => {
                if (grpcCallAuthorized(verifier, metadata)) actor = 'bearer';
                forward(metadata);
              })
              .build(),
          ),
        )
        .withSendStatus((sent, next) => {
          audit.record({
            category: 'api',
            actor,
            action: `grpc ${method.path}`,
            resource: method.path,
            result: status[sent.code] ?? String(sent.code),
            outcome: outcomeOfCode(sent.code),
            latencyMs: performance.now() - started,
            details: { code: sent.code },
          });
          next(sent);
        })
        .build(),
    );
  };
}

/**
 * The interceptors every gRPC server of CodeTether takes, in the order grpc-js
 * wants them (the last is outermost): bearer auth outside, so no handler runs
 * unauthenticated, and audit inside it, so rejected calls are recorded too.
 */
export function grpcSecurityInterceptors(verifier: TokenVerifier, audit: AuditLog): ServerInterceptor[] {
  return [grpcAuditInterceptor(audit, verifier), grpcBearerInterceptor(verifier)];
}
