import type { AgentCard, AgentSkill } from '@a2a-js/sdk';

function skill(id: string, name: string, description: string, examples: string[]): AgentSkill {
  return {
    id,
    name,
    description,
    tags: [id, 'code'],
    examples,
    inputModes: ['text/plain'],
    outputModes: ['text/plain'],
    securityRequirements: [],
  };
}

export interface AgentCardOptions {
  readonly version: string;
  /** Base URL of the HTTP service, e.g. http://127.0.0.1:4096 */
  readonly httpUrl: string;
  /** host:port of the gRPC service. */
  readonly grpcAddress: string;
}

export const jsonRpcPath = '/a2a/jsonrpc';

export type ServiceCardFields = Pick<
  AgentCard,
  'supportedInterfaces' | 'provider' | 'version' | 'capabilities' | 'securitySchemes' | 'securityRequirements' | 'signatures'
>;

/**
 * What every agent's card says about the service it runs in: both transports
 * (gRPC preferred), streaming and push notifications, no extended card,
 * bearer auth — exactly what the service implements, nothing more.
 */
export function serviceCardFields(options: AgentCardOptions): ServiceCardFields {
  return {
    supportedInterfaces: [
      { url: options.grpcAddress, protocolBinding: 'GRPC', tenant: '', protocolVersion: '1.0' },
      { url: `${options.httpUrl}${jsonRpcPath}`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '1.0' },
      // Older clients: the 0.3 method names (message/send, tasks/get, …), also at POST / as the original served them.
      { url: `${options.httpUrl}${jsonRpcPath}`, protocolBinding: 'JSONRPC', tenant: '', protocolVersion: '0.3' },
    ],
    provider: { url: 'https://codetether.run', organization: 'CodeTether' },
    version: options.version,
    capabilities: { streaming: true, pushNotifications: true, extensions: [], extendedAgentCard: false },
    securitySchemes: {
      bearer: {
        scheme: { $case: 'httpAuthSecurityScheme', value: { description: 'The service token (CODETETHER_AUTH_TOKEN)', scheme: 'bearer', bearerFormat: '' } },
      },
    },
    securityRequirements: [{ schemes: { bearer: { list: [] } } }],
    signatures: [],
  };
}

/** What CodeTether tells other agents about itself: the coding agent's skills, in the service described above. */
export function buildAgentCard(options: AgentCardOptions): AgentCard {
  return {
    name: 'CodeTether',
    description:
      'A durable AI coding agent: it writes, edits, debugs, reviews and explains code in its workspace, with every task a Temporal workflow that survives crashes.',
    ...serviceCardFields(options),
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      skill('code-generation', 'Code generation', 'Writes new code and tests in the workspace.', ['Add a CLI flag --json to the report command']),
      skill('code-review', 'Code review', 'Reads changes and points out bugs, risks and simplifications.', ['Review the changes in src/parser.ts']),
      skill('debugging', 'Debugging', 'Reproduces failures, finds causes and fixes them.', ['The test suite fails on Node 24; fix it']),
      skill('explanation', 'Code explanation', 'Explains how code works and why.', ['How does the retry logic in client.ts work?']),
    ],
  };
}
