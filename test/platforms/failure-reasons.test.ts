import { PassThrough } from 'node:stream';
import { REST } from 'discord.js';
import { Api } from 'grammy';
import { describe, expect, it } from 'vitest';
import type { OutboundMessage } from '#src/delivery/ports.js';
import { SendError } from '#src/delivery/ports.js';
import { createLogger } from '#src/obs/logger.js';
import { createScrubber } from '#src/obs/scrub.js';
import { createDiscordSender, createSenderRest } from '#src/platforms/discord/sender.js';
import { errorText } from '#src/platforms/error-text.js';
import { createTelegramSender } from '#src/platforms/telegram/sender.js';
import { freePort } from '../support/net.js';

/**
 * A send that fails inside the process (no answer from the platform: a refused connection, a bug in a
 * client library) says why: the warning and the SendError carry the error's text, with the bot token
 * scrubbed by the sender itself (the logger here knows no secrets, so nothing else would catch it).
 */
const DISCORD_TOKEN = 'discord-secret-token-0123456789';
const TELEGRAM_TOKEN = '123456:telegram-secret-token';

function capture() {
  const stream = new PassThrough();
  let out = '';
  stream.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const logger = createLogger({ level: 'debug', destination: stream });
  const lines = () =>
    out
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, raw: () => out };
}

const message = (platform: 'discord' | 'telegram'): OutboundMessage => ({
  id: 'm1',
  destination: { platform, kind: 'channel', id: platform === 'discord' ? '1001' : '-100200' },
  events: [
    {
      id: 'e1',
      kind: 'signal_flip',
      tokenId: 3988,
      symbol: 'SOL',
      name: 'Solana',
      at: Date.UTC(2026, 10, 28),
      priority: 50,
      timeframe: 'daily',
      from: -1,
      to: 1,
    },
  ],
  createdAt: Date.UTC(2026, 10, 28),
  origin: 'tick',
});

async function failure(p: Promise<unknown>): Promise<SendError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SendError);
  return err as SendError;
}

describe('errorText', () => {
  const scrub = createScrubber(['s3cret-value']);
  it.each([
    { name: 'message', err: new TypeError('action is not a function'), want: 'action is not a function' },
    {
      name: 'cause chain with its code (fetch failed → ECONNREFUSED)',
      err: new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
      }),
      want: 'fetch failed: connect ECONNREFUSED 127.0.0.1:1',
    },
    {
      name: 'code not in the message',
      err: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }),
      want: 'socket hang up (ECONNRESET)',
    },
    { name: 'not an Error', err: 'plain string', want: 'plain string' },
    {
      name: 'secrets scrubbed, percent-encoded too',
      err: new Error('at /x?k=s3cret%2Dvalue and s3cret-value'),
      want: 'at /x?k=[REDACTED] and [REDACTED]',
    },
    {
      name: 'a Telegram URL loses its token without a scrubber entry',
      err: new Error('request to https://api.telegram.org/bot99:AAAA-bbbb/sendPhoto failed'),
      want: 'request to https://api.telegram.org/bot[REDACTED]/sendPhoto failed',
    },
    { name: 'one line', err: new Error('a\n  b\tc'), want: 'a b c' },
  ])('$name', ({ err, want }) => {
    expect(errorText(err, scrub)).toBe(want);
  });

  it('is bounded', () => {
    expect(errorText(new Error('x'.repeat(5000))).length).toBeLessThanOrEqual(300);
  });
});

describe('discord send failed inside the process', () => {
  it('a client library error: the warning and the error carry its text, without the token', async () => {
    const log = capture();
    // The failure seen in production (undici 7 handed a foreign FormData), with the token leaking into it.
    const rest = new REST({
      api: 'http://127.0.0.1:9/api',
      retries: 0,
      makeRequest: async () => {
        throw new TypeError(`action is not a function (Bot ${encodeURIComponent(DISCORD_TOKEN)})`);
      },
    }).setToken(DISCORD_TOKEN);
    const sender = createDiscordSender({ rest, logger: log.logger, secrets: [DISCORD_TOKEN] });
    const err = await failure(sender.send(message('discord'), 'k1'));
    expect(err.kind).toBe('retryable');
    expect(err.message).toContain('action is not a function');
    expect(err.message).not.toContain(DISCORD_TOKEN);
    const warn = log.lines().find((l) => l.msg === 'discord send failed');
    expect(warn?.level).toBe(40);
    expect(warn?.kind).toBe('retryable');
    expect(String(warn?.reason)).toContain('action is not a function');
    expect(String(warn?.reason)).toContain('[REDACTED]');
    expect(log.raw()).not.toContain(DISCORD_TOKEN);
    expect(log.raw()).not.toContain(encodeURIComponent(DISCORD_TOKEN));
  });

  it('a refused connection names its cause', async () => {
    const log = capture();
    const port = await freePort();
    const rest = createSenderRest({ token: DISCORD_TOKEN, apiBase: `http://127.0.0.1:${port}/api` });
    const sender = createDiscordSender({ rest, logger: log.logger, secrets: [DISCORD_TOKEN] });
    const err = await failure(sender.send(message('discord'), 'k2'));
    expect(err.kind).toBe('retryable');
    const warn = log.lines().find((l) => l.msg === 'discord send failed');
    expect(String(warn?.reason)).toContain('ECONNREFUSED');
  });
});

describe('telegram send failed inside the process', () => {
  it('a refused connection: the warning carries the reason, never the token in the URL', async () => {
    const log = capture();
    const port = await freePort();
    const api = new Api(TELEGRAM_TOKEN, { apiRoot: `http://127.0.0.1:${port}` });
    const sender = createTelegramSender({ api, logger: log.logger });
    const err = await failure(sender.send(message('telegram'), 'k3'));
    expect(err.kind).toBe('retryable');
    expect(err.message).toContain('ECONNREFUSED');
    expect(err.message).not.toContain(TELEGRAM_TOKEN);
    const warn = log.lines().find((l) => l.msg === 'telegram send failed');
    expect(warn?.level).toBe(40);
    expect(String(warn?.reason)).toContain('ECONNREFUSED');
    expect(log.raw()).not.toContain(TELEGRAM_TOKEN);
    expect(log.raw()).not.toContain(TELEGRAM_TOKEN.split(':')[1]);
  });

  it('a bug inside the client: its message, scrubbed', async () => {
    const log = capture();
    const api = new Api(TELEGRAM_TOKEN, { apiRoot: 'http://127.0.0.1:9' });
    api.config.use(() => {
      throw new TypeError(`action is not a function for ${TELEGRAM_TOKEN}`);
    });
    const sender = createTelegramSender({ api, logger: log.logger });
    const err = await failure(sender.send(message('telegram'), 'k4'));
    expect(err.message).toBe('telegram: unexpected TypeError: action is not a function for [REDACTED]');
    const warn = log.lines().find((l) => l.msg === 'telegram send failed');
    expect(warn?.reason).toBe(err.message);
    expect(log.raw()).not.toContain(TELEGRAM_TOKEN);
  });

  it("Telegram's own refusals stay at debug (delivery handles them)", async () => {
    const log = capture();
    const api = new Api(TELEGRAM_TOKEN, { apiRoot: 'http://127.0.0.1:9' });
    api.config.use(async () => ({
      ok: false as const,
      error_code: 403,
      description: 'Forbidden: bot was blocked by the user',
    }));
    const sender = createTelegramSender({ api, logger: log.logger });
    expect((await failure(sender.send(message('telegram'), 'k5'))).kind).toBe('permanent');
    const line = log.lines().find((l) => l.msg === 'telegram send failed');
    expect(line?.level).toBe(20);
  });
});
