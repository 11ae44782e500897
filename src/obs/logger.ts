import { type Logger, pino, stdSerializers } from 'pino';
import { createScrubber } from './scrub.js';

export type { Logger };

/**
 * Paths pino redacts wherever they appear one level deep. Secrets are also never put into log objects
 * in the first place; this is the second line of defence.
 */
const REDACT = [
  'apiKey',
  'token',
  'botToken',
  'secret',
  'password',
  'authorization',
  'headers["x-api-key"]',
  'headers.authorization',
  '*.apiKey',
  '*.token',
  '*.botToken',
  '*.secret',
  '*.authorization',
  '*.headers["x-api-key"]',
  '*.headers.authorization',
];

export interface LoggerOptions {
  readonly level?: string;
  /**
   * Known secret values: any log line containing one, in any form (raw, percent-encoded, base64, inside
   * a URL, an error cause or a stack), has it replaced by [REDACTED] (see scrub.ts).
   */
  readonly secrets?: readonly string[];
  /** Write somewhere other than stdout (tests capture logs to check nothing leaks). */
  readonly destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const scrub = createScrubber(opts.secrets ?? []);
  const dest = opts.destination ?? process.stdout;
  // The scrubber runs on the finished line, so nested error causes and stacks are covered too.
  const stream = { write: (line: string) => dest.write(scrub(line)) };
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[REDACTED]' },
      base: { app: 'tokenwatch' },
      // Whole cause chains (message, stack and own fields of each cause) so the scrubber sees them all.
      serializers: { err: stdSerializers.errWithCause, error: stdSerializers.errWithCause },
    },
    stream as NodeJS.WritableStream,
  );
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
