import { pino, type Logger } from 'pino';

export type { Logger };

export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

export function isLogLevel(value: string): value is LogLevel {
  return (logLevels as readonly string[]).includes(value);
}

/** Keys whose values never reach a log line, wherever they sit in the logged object. */
const redactPaths = [
  'apiKey',
  'api_key',
  'token',
  'authorization',
  'password',
  '*.apiKey',
  '*.api_key',
  '*.token',
  '*.authorization',
  '*.password',
  'headers.authorization',
];

/**
 * Structured JSON logs on stderr, so stdout stays clean for command output.
 * Level: `CODETETHER_LOG_LEVEL`, else the caller's default (quiet `warn` for CLI
 * commands, `info` for long-running services).
 */
export function createLogger(defaultLevel: LogLevel, env = process.env): Logger {
  const fromEnv = env.CODETETHER_LOG_LEVEL?.toLowerCase();
  const level = fromEnv !== undefined && isLogLevel(fromEnv) ? fromEnv : defaultLevel;
  return pino(
    { name: 'codetether', level, redact: { paths: redactPaths, censor: '***' } },
    pino.destination({ fd: 2, sync: true }),
  );
}
