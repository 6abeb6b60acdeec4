import {
  ResponderBuilder,
  ServerInterceptingCall,
  ServerListenerBuilder,
  status,
  type Metadata,
  type ServerInterceptor,
} from '@grpc/grpc-js';
import { bearerCredentials, type TokenVerifier } from './verifier.ts';

/** True when the call's metadata carries `authorization: Bearer <the token>`. */
export function grpcCallAuthorized(verifier: TokenVerifier, metadata: Metadata): boolean {
  const values = metadata.get('authorization');
  return values.length === 1 && typeof values[0] === 'string' && verifier.verify(bearerCredentials(values[0]));
}

/**
 * A server interceptor (pass it in `new Server({ interceptors: [...] })`)
 * that ends every call without valid bearer credentials with UNAUTHENTICATED
 * before any handler sees it. gRPC has no public route.
 */
export function grpcBearerInterceptor(verifier: TokenVerifier): ServerInterceptor {
  return (_method, call) =>
    new ServerInterceptingCall(
      call,
      new ResponderBuilder()
        .withStart((next) => {
          next(
            new ServerListenerBuilder()
              .withOnReceiveMetadata((metadata, forward) => {
                if (grpcCallAuthorized(verifier, metadata)) forward(metadata);
                else call.sendStatus({ code: status.UNAUTHENTICATED, details: 'a valid bearer token is required (metadata authorization: Bearer <token>)' });
              })
              .build(),
          );
        })
        .build(),
    );
}
