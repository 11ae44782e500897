/**
 * `npm start`: the bot from the environment. Invalid configuration → one line per problem, exit 1.
 * No platform token → one clear message, exit 1. SIGINT/SIGTERM → ordered shutdown.
 */
import { createApp } from './app/create-app.js';
import { formatProblems, loadConfig, startProblem } from './config/index.js';

const NO_PLATFORM_MESSAGE = [
  'tokenwatch: no chat platform configured, nothing to post alerts to.',
  'Set TELEGRAM_BOT_TOKEN (Telegram) and/or DISCORD_TOKEN + DISCORD_APPLICATION_ID (Discord),',
  'or try it without any configuration: npm run demo',
].join('\n');

async function main(): Promise<number> {
  const loaded = loadConfig();
  if (!loaded.ok) {
    process.stderr.write(`${formatProblems(loaded.problems)}\n`);
    return 1;
  }
  const config = loaded.config;
  if (!config.telegram && !config.discord) {
    process.stderr.write(`${NO_PLATFORM_MESSAGE}\n`);
    return 1;
  }
  const problem = startProblem(config);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    return 1;
  }
  const app = await createApp(config);
  let stopping = false;
  const shutdown = (signal: string) => {
    // A second signal means "now": the operator is not waiting for a clean stop.
    if (stopping) process.exit(1);
    stopping = true;
    app.logger.info({ signal }, 'shutting down');
    // A platform API that stopped answering must not keep the process alive: whatever was not confirmed
    // is still in the outbox and goes out after the restart.
    setTimeout(() => {
      app.logger.error({ timeoutMs: config.shutdownTimeoutMs }, 'shutdown took too long; exiting anyway');
      process.exit(1);
    }, config.shutdownTimeoutMs).unref();
    app.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        app.logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Secret managers rotate files in place: re-read every *_FILE secret without a restart.
  process.on('SIGHUP', () => {
    app.reloadSecrets();
  });
  try {
    await app.start();
  } catch (err) {
    app.logger.fatal({ err }, 'start failed');
    await app.stop();
    return 1;
  }
  return -1; // keep running
}

main().then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`tokenwatch: fatal: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
