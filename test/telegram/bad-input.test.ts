import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { destinationKey } from '#src/domain/types.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { createTelegramPlatform, type TelegramPlatform } from '#src/platforms/telegram/index.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { checkHtml } from '../fakes/telegram-fake.js';
import { BOT_INFO, type Captured, captureApi, commandUpdate, platformDeps, sentTexts } from './helpers.js';

/** Bad input through the bot: a clear, escaped reply each time and nothing stored. */
const USER = 333;
const dm = { platform: 'telegram' as const, kind: 'dm' as const, id: String(USER) };

let store: Store;
let tg: TelegramPlatform;
let calls: Captured[];

beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
  tg = createTelegramPlatform({ token: '1:bad', apiRoot: 'http://127.0.0.1:9' }, platformDeps(store), {
    botInfo: BOT_INFO,
  });
  const cap = captureApi();
  calls = cap.calls;
  tg.bot.api.config.use(cap.transformer);
});
afterEach(async () => {
  await store.close();
});

const long = 'A'.repeat(5000);

describe.each([
  { name: 'unknown symbol', text: '/subscribe NOSUCHCOIN', expect: /NOSUCHCOIN|find|unknown|not/i },
  { name: 'missing argument', text: '/subscribe', expect: /Missing symbol[\s\S]*Usage: \/subscribe/ },
  { name: 'missing argument (levels)', text: '/levels', expect: /Missing symbol/ },
  { name: 'absurd proximity', text: '/settings proximity 500', expect: /between 0\.1 and 20/ },
  { name: 'absurd sharpe', text: '/settings sharpe -1e9', expect: /number|between/i },
  { name: 'absurd mute', text: '/mute 99999w', expect: /duration|between/i },
  { name: 'bad quiet hours', text: '/quiet 25:00-07:00 Mars/Olympus', expect: /quiet hours like|time zone/i },
  { name: 'HTML in a symbol', text: '/subscribe <b>x</b>', expect: /not a token symbol/ },
  { name: 'HTML in types', text: '/subscribe SOL <script>alert(1)</script>', expect: /Unknown alert type/ },
  { name: '5,000-character argument', text: `/subscribe ${long}`, expect: /too long/ },
  {
    name: '900-character symbol (under the line cap)',
    text: `/subscribe ${'B'.repeat(900)}`,
    expect: /too long/,
  },
  { name: '5,000-character quiet hours', text: `/quiet ${long}`, expect: /too long/ },
])('$name', ({ text, expect: pattern }) => {
  it('gets a clear, valid-HTML reply and changes nothing', async () => {
    await tg.bot.handleUpdate(
      commandUpdate(text, USER) as Parameters<TelegramPlatform['bot']['handleUpdate']>[0],
    );
    const replies = sentTexts(calls, USER);
    expect(replies).toHaveLength(1);
    const reply = replies[0] ?? '';
    expect(checkHtml(reply)).toBeUndefined();
    expect(stripTags(reply)).toMatch(pattern);
    expect(reply.length).toBeLessThan(600);
    // User markup never comes back as markup.
    expect(reply).not.toMatch(/<script|<b>x/);
    expect(await store.subscriptions.list(dm)).toEqual([]);
    expect(await store.settings.get(destinationKey(dm))).toBeUndefined();
  });
});
