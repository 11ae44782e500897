import { type Logger, pino } from 'pino';

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
  /** Known secret values: any log line containing one has it replaced by [REDACTED]. */
  readonly secrets?: readonly string[];
  /** Write somewhere other than stdout (tests capture logs to check nothing leaks). */
  readonly destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const secrets = (opts.secrets ?? []).filter((s) => s.length >= 6);
  const dest = opts.destination ?? process.stdout;
  const stream =
    secrets.length === 0
      ? dest
      : {
          write(line: string) {
            let out = line;
            for (const s of secrets) out = out.split(s).join('[REDACTED]');
            dest.write(out);
          },
        };
  return pino(
    {
      level: opts.level ?? 'info',
      redact: { paths: REDACT, censor: '[REDACTED]' },
      base: { app: 'tokenwatch' },
    },
    stream as NodeJS.WritableStream,
  );
}

/** A logger that drops everything (tests, benchmarks). */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
