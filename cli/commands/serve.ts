import type { CommandModule } from 'yargs';
import type { GlobalArgs } from '../context.ts';

export interface ServeArgs extends GlobalArgs {
  readonly port?: number;
  readonly hostname?: string;
  readonly worker?: boolean;
  readonly grpcPort?: number;
  readonly model?: string;
  readonly workspace?: string;
  readonly agent?: 'coding' | 'conformance';
  readonly longRunningSeconds?: number;
}

export const serveCommand: CommandModule<GlobalArgs, ServeArgs> = {
  command: 'serve',
  describe: 'Run the CodeTether service: the A2A agent over JSON-RPC/HTTP and gRPC, the audit API (and an in-process worker)',
  builder: (y) =>
    y
      .option('port', { alias: 'p', type: 'number', describe: 'HTTP port (default: config server.port, 4096; 0 picks a free one)' })
      .option('hostname', { type: 'string', describe: 'Address to bind (default: config server.hostname, 127.0.0.1)' })
      .option('worker', {
        type: 'boolean',
        default: true,
        describe: 'Run a Temporal worker in this process (--no-worker when separate `codetether worker`s run)',
      })
      .option('grpc-port', { type: 'number', describe: 'A2A gRPC port (default: CODETETHER_GRPC_PORT, config server.grpc_port, 50051; 0 picks one)' })
      .option('model', { alias: 'm', type: 'string', describe: 'provider/model for A2A tasks (default: CODETETHER_DEFAULT_MODEL, config default.model)' })
      .option('workspace', { type: 'string', describe: 'Directory A2A tasks work in (default: the current directory)' })
      .option('agent', {
        choices: ['coding', 'conformance'] as const,
        default: 'coding' as const,
        describe:
          'What answers A2A tasks: the coding agent, or `conformance`, a scripted agent with no model and no tools for testing A2A clients ' +
          '(the messageId prefix picks an A2A TCK scenario: tck-complete-task, tck-artifact-text, tck-input-required, tck-stream-001, …)',
      })
      .option('long-running-seconds', {
        type: 'number',
        describe: 'With --agent conformance: how long a test-resubscribe-message-id task stays working (default 10)',
      })
      .epilogue(
        'With no TEMPORAL_ADDRESS and no DATABASE_URL it starts (or reuses) the embedded Temporal\n' +
          'dev server and the embedded PGlite Postgres in the data dir.\n\n' +
          '--agent conformance needs no model: a deterministic agent behind the same durable task service,\n' +
          'transports, auth, audit and push notifications, for testing A2A clients (README: "Testing an A2A\n' +
          'client against CodeTether").',
      ),
  handler: async (args) => {
    const { runServe } = await import('../actions/serve.ts');
    await runServe(args);
  },
};
