/** Where an A2A server under test listens. */
export interface A2AEndpoint {
  /** Base URL of the HTTP side (agent card, JSON-RPC). */
  readonly httpUrl: string;
  /** host:port of the gRPC side. */
  readonly grpcAddress: string;
}
