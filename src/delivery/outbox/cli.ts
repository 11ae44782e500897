/**
 * Dead-letter CLI: `npm run dead-letters -- list [limit] | retry <id> | retry-all [--prefix p]`.
 * Opens the outbox of the environment's config (REDIS_URL → the BullMQ queues; otherwise
 * `${DATA_DIR}/outbox.db`) without starting any worker: a running bot picks retried messages up.
 * Exit codes: 0 done, 1 nothing to retry / unknown id, 2 usage or configuration error.
 */
import { pathToFileURL } from 'node:url';
import { loadConfig } from '../../config/index.js';
import { createOutbox, DEFAULT_OUTBOX_PREFIX } from './index.js';

export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: (line: string) => void;
}

const USAGE = 'usage: dead-letters list [limit] | retry <id> | retry-all   [--prefix <outbox prefix>]';

function where(env: CliIo['env']): { redisUrl?: string; dataDir: string } | { problems: string[] } {
  const r = loadConfig(env);
  if (r.ok) {
    return { ...(r.config.redisUrl ? { redisUrl: r.config.redisUrl } : {}), dataDir: r.config.dataDir };
  }
  return { problems: r.problems };
}

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const args = [...argv];
  const p = args.indexOf('--prefix');
  const prefix = p >= 0 ? args.splice(p, 2)[1] : (io.env.OUTBOX_PREFIX ?? DEFAULT_OUTBOX_PREFIX);
  const [cmd, arg] = args;
  if (cmd !== 'list' && cmd !== 'retry' && cmd !== 'retry-all') {
    io.out(USAGE);
    return 2;
  }
  const w = where(io.env);
  if ('problems' in w) {
    for (const problem of w.problems) io.out(`config: ${problem}`);
    return 2;
  }
  const outbox = createOutbox({
    kind: w.redisUrl ? 'redis' : 'sqlite',
    ...(w.redisUrl ? { redisUrl: w.redisUrl } : {}),
    dataDir: w.dataDir,
    ...(prefix ? { prefix } : {}),
    senders: new Map(),
    // Never used: no worker runs here.
    store: { subscriptions: { rekey: async () => {} }, destinations: { deactivate: async () => {} } },
  });
  try {
    if (cmd === 'list') {
      const dead = await outbox.deadLetters(arg ? Number(arg) : 100);
      for (const d of dead) {
        const to = d.message.destination;
        io.out(
          `${d.id}\t${to.platform}:${to.kind}:${to.id}\tattempts=${d.attempts}\t${new Date(d.failedAt).toISOString()}\t${d.error}`,
        );
      }
      io.out(`${dead.length} dead letter(s)`);
      return 0;
    }
    if (cmd === 'retry') {
      if (!arg) {
        io.out(USAGE);
        return 2;
      }
      const ok = await outbox.retryDead(arg);
      io.out(ok ? `requeued ${arg}` : `no dead letter ${arg}`);
      return ok ? 0 : 1;
    }
    let n = 0;
    for (;;) {
      let moved = 0;
      for (const d of await outbox.deadLetters(500)) if (await outbox.retryDead(d.id)) moved++;
      n += moved;
      if (moved === 0) break;
    }
    io.out(`requeued ${n} dead letter(s)`);
    return n > 0 ? 0 : 1;
  } finally {
    await outbox.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), { env: process.env, out: (l) => process.stdout.write(`${l}\n`) }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`dead-letters: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(2);
    },
  );
}
