import { grpcService, A2AService } from '@a2a-js/sdk/server/grpc';
import type { A2ARequestHandler } from '@a2a-js/sdk/server';
import * as grpc from '@grpc/grpc-js';
import { PortInUseError } from '../api/listen.ts';
import { bearerUser } from '../a2a/user.ts';

export interface GrpcListening {
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/**
 * A2A over gRPC (package lf.a2a.v1, service A2AService) with @grpc/grpc-js:
 * the SDK's service adapter over the same request handler as JSON-RPC, so
 * both transports see the same tasks. `interceptors` carry the bearer check.
 */
export async function startGrpcServer(options: {
  requestHandler: A2ARequestHandler;
  hostname: string;
  port: number;
  interceptors?: grpc.ServerInterceptor[];
}): Promise<GrpcListening> {
  const server = new grpc.Server({ ...(options.interceptors ? { interceptors: options.interceptors } : {}) });
  server.addService(A2AService, grpcService({ requestHandler: options.requestHandler, userBuilder: async () => bearerUser }));
  const host = options.hostname.includes(':') ? `[${options.hostname}]` : options.hostname;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(`${host}:${options.port}`, grpc.ServerCredentials.createInsecure(), (err, bound) => {
      if (err && /EADDRINUSE/.test(err.message)) {
        reject(new PortInUseError(`gRPC port ${options.port} on ${options.hostname} is already in use (choose another with --grpc-port or CODETETHER_GRPC_PORT)`));
      } else if (err) reject(err);
      else resolve(bound);
    });
  });
  return {
    address: `${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.tryShutdown(() => resolve());
        setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, 3_000).unref();
      }),
  };
}
