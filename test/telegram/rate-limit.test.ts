import { describe, expect, it } from 'vitest';
import { createCommandRateLimiter } from '#commands/index.js';
import { createTelegramPlatform, type TelegramPlatform } from '#src/platforms/telegram/index.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { BOT_INFO, captureApi, commandUpdate, platformDeps, sentTexts } from './helpers.js';

type Update = Parameters<TelegramPlatform['bot']['handleUpdate']>[0];

describe('a user flooding a group with commands', () => {
  it('GIVEN 25 commands (valid, unknown, malformed) in a minute THEN 10 answers, ONE come-back notice, then silence', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const deps = platformDeps(store);
    const t0 = Date.UTC(2026, 10, 28, 12, 0, 0);
    const platform = createTelegramPlatform(
      { token: '1:flood', apiRoot: 'http://127.0.0.1:9' },
      {
        ...deps,
        commands: { ...deps.commands, limiter: createCommandRateLimiter(store.counters) },
      },
      { botInfo: BOT_INFO, now: () => t0 + 5_000 },
    );
    const cap = captureApi();
    platform.bot.api.config.use(cap.transformer);
    const group = { id: -100777, type: 'supergroup' as const };
    const lines = [
      '/help',
      '/nosuch@TokenWatchTestBot',
      `/subscribe ${'x'.repeat(2000)}`,
      '/subscribe "unclosed',
    ];
    for (let i = 0; i < 25; i++) {
      await platform.bot.handleUpdate(commandUpdate(lines[i % lines.length] ?? '/help', 55, group) as Update);
    }
    const sent = sentTexts(cap.calls, group.id);
    expect(sent).toHaveLength(11);
    expect(sent[10]).toMatch(/too fast[\s\S]*try again in 55 seconds/);
    await store.close();
  });
});
