import { z } from 'zod';

const tlsSchema = z.object({
  enabled: z.boolean().default(false),
  server_name: z.string().optional(),
  server_ca_cert_path: z.string().optional(),
  client_cert_path: z.string().optional(),
  client_key_path: z.string().optional(),
});

const providerSchema = z.looseObject({
  base_url: z.string().url().optional(),
  organization: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});

/**
 * The shape of config.toml. Unknown sections and keys are kept (older and newer
 * CodeTether versions share the file), but the ones we read are validated.
 */
export const configSchema = z.looseObject({
  /** The original CodeTether spelled these at top level; `[default]` wins when both are set. */
  default_model: z.string().optional(),
  default_provider: z.string().optional(),
  default: z
    .looseObject({ model: z.string().optional(), provider: z.string().optional() })
    .default({}),
  temporal: z
    .looseObject({
      /** Empty or absent: start the embedded Temporal dev server. */
      address: z.string().optional(),
      namespace: z.string().min(1).default('default'),
      task_queue: z.string().min(1).default('codetether'),
      /** Serve the Temporal web UI from the embedded dev server. */
      ui: z.boolean().default(false),
      tls: tlsSchema.optional(),
    })
    .default({ namespace: 'default', task_queue: 'codetether', ui: false }),
  database: z
    .looseObject({
      /** Empty or absent: embedded PGlite in the data dir. */
      url: z.string().optional(),
    })
    .default({}),
  server: z
    .looseObject({
      hostname: z.string().min(1).default('127.0.0.1'),
      port: z.number().int().min(0).max(65535).default(4096),
      grpc_port: z.number().int().min(0).max(65535).default(50051),
    })
    .default({ hostname: '127.0.0.1', port: 4096, grpc_port: 50051 }),
  providers: z.record(z.string(), providerSchema).default({}),
  ui: z.looseObject({ theme: z.string().default('marketing') }).default({ theme: 'marketing' }),
  session: z
    .looseObject({
      /** LLM steps a task may take before it stops (`run --max-steps` overrides). */
      max_steps: z.number().int().min(1).max(1000).default(50),
      /** How long an idle session waits for the next message before it closes. */
      idle_timeout_minutes: z.number().min(1).default(60),
      /** An LLM call silent this long (no streamed chunk) counts as lost and is retried. */
      llm_heartbeat_seconds: z.number().int().min(1).default(120),
      /** A tool call silent this long (no heartbeat) counts as lost and is retried. */
      tool_heartbeat_seconds: z.number().int().min(1).default(30),
    })
    .default({ max_steps: 50, idle_timeout_minutes: 60, llm_heartbeat_seconds: 120, tool_heartbeat_seconds: 30 }),
});

export type Config = z.infer<typeof configSchema>;
export type TemporalTlsConfig = z.infer<typeof tlsSchema>;

export function defaultConfig(): Config {
  return configSchema.parse({});
}
