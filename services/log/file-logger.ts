import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { pino } from 'pino';
import { isLogLevel, type LogLevel, type Logger } from './logger.ts';

/**
 * Structured JSON logs appended to a file: for the TUI, where stderr is the
 * screen. Level: `CODETETHER_LOG_LEVEL`, else `defaultLevel`.
 */
export function createFileLogger(defaultLevel: LogLevel, file: string, env = process.env): Logger {
  const fromEnv = env.CODETETHER_LOG_LEVEL?.toLowerCase();
  const level = fromEnv !== undefined && isLogLevel(fromEnv) ? fromEnv : defaultLevel;
  mkdirSync(dirname(file), { recursive: true });
  return pino(
    { name: 'codetether', level, redact: { paths: ['apiKey', 'api_key', 'token', 'authorization', 'password', '*.apiKey', '*.api_key', '*.token', '*.authorization', '*.password'], censor: '***' } },
    pino.destination({ dest: file, sync: true, append: true }),
  );
}
