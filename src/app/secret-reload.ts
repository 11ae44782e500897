import { readFileSync } from 'node:fs';
import type { Config, ReadFile, SecretVar } from '../config/index.js';
import { readSecret, SECRET_VARS } from '../config/index.js';
import type { Logger } from '../obs/logger.js';

/**
 * SIGHUP: re-read every `*_FILE` secret. The Token Metrics key is applied at once (`applyTmKey`, which
 * also re-probes refused endpoints); the others are bound to open connections, so a change is logged
 * with the variable's name (never its value) and applies at the next restart. Returns the names that
 * changed.
 */
export function createSecretReload(opts: {
  readonly config: Config;
  readonly logger: Logger;
  /** Applies a new Token Metrics key; true when the market took it. */
  readonly applyTmKey?: () => boolean;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly readFile?: ReadFile;
}): () => SecretVar[] {
  const env = opts.env ?? process.env;
  const readFile = opts.readFile ?? readFileSync;
  // What the process started with (the config) for the key; the files as they are now for the others.
  const known: Partial<Record<SecretVar, string | undefined>> = {};
  for (const name of SECRET_VARS) known[name] = readSecret(name, env, readFile);
  known.TM_API_KEY = opts.config.tm.apiKey;
  return () => {
    const changed: SecretVar[] = [];
    for (const name of SECRET_VARS) {
      if (env[`${name}_FILE`] === undefined) continue;
      const now = readSecret(name, env, readFile);
      if (now === undefined || now === known[name]) continue;
      known[name] = now;
      changed.push(name);
    }
    const tm = changed.includes('TM_API_KEY') && (opts.applyTmKey?.() ?? false);
    const later = changed.filter((n) => n !== 'TM_API_KEY');
    opts.logger.info(
      { changed, applied: tm ? ['TM_API_KEY'] : [], restartNeeded: later },
      changed.length === 0
        ? 'SIGHUP: secrets re-read, nothing changed'
        : `SIGHUP: secrets re-read; ${tm ? 'the Token Metrics key is in use now' : 'no key applied live'}` +
            (later.length > 0 ? `; restart to apply ${later.join(', ')}` : ''),
    );
    return changed;
  };
}
