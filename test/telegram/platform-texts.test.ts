import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTelegramPlatform, type TelegramPlatform } from '#src/platforms/telegram/index.js';
import type { Store } from '#src/store/ports.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { BOT_INFO, type Captured, captureApi, commandUpdate, platformDeps, sentTexts } from './helpers.js';

/** Telegram's platform-level texts (issue 22): refusals and toasts in the user's language. */
let store: Store;
let tg: TelegramPlatform;
let calls: Captured[];

beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
  tg = createTelegramPlatform({ token: '1:unit', apiRoot: 'http://127.0.0.1:9' }, platformDeps(store), {
    botInfo: BOT_INFO,
  });
  const cap = captureApi(new Set());
  calls = cap.calls;
  tg.bot.api.config.use(cap.transformer);
});
afterEach(async () => {
  await store.close();
});

let nextUser = 5000;
const send = (u: unknown) => tg.bot.handleUpdate(u as Parameters<TelegramPlatform['bot']['handleUpdate']>[0]);
/** A private-chat command from a client in `languageCode`. */
function command(text: string, userId: number, languageCode?: string) {
  const u = commandUpdate(text, userId);
  return { ...u, message: { ...u.message, from: { ...u.message.from, language_code: languageCode } } };
}

describe('refusals in the caller language', () => {
  it.each([
    [undefined, "I don't know /frobnicate.", 'Send /help for the list.'],
    ['es', 'No conozco /frobnicate.', 'Envía /help para ver la lista.'],
    ['pt-br', 'Não conheço /frobnicate.', 'Envie /help para ver a lista.'],
    ['ru', 'Я не знаю команду /frobnicate.', 'Отправьте /help, чтобы увидеть список.'],
  ])('unknown command, language_code %s', async (code, first, second) => {
    const user = nextUser++;
    await send(command('/frobnicate', user, code));
    const [text] = sentTexts(calls, user);
    expect(text).toContain(first);
    expect(text).toContain(second);
  });

  it.each([
    [undefined, 'That command is too long (1,100 characters). Send /help for usage.'],
    ['es', 'Ese comando es demasiado largo (1,100 caracteres).'],
    ['ru', 'Команда слишком длинная (1,100 символов).'],
  ])('too long, language_code %s: plural in the language, number as traders read it', async (code, want) => {
    const user = nextUser++;
    await send(command(`/subscribe ${'x'.repeat(1089)}`, user, code));
    expect(sentTexts(calls, user)[0]).toContain(want);
  });

  it('the caller setting wins over the client language (/settings language en)', async () => {
    const user = nextUser++;
    await send(command('/settings language en', user, 'es'));
    await send(command('/frobnicate', user, 'es'));
    expect(sentTexts(calls, user).at(-1)).toContain('/frobnicate');
    expect(sentTexts(calls, user).at(-1)).toContain('Send /help for the list.');
  });
});

describe('button toasts in the client language', () => {
  it.each([
    [undefined, 'This button no longer works here.'],
    ['es', 'Este botón ya no funciona aquí.'],
    ['pt-br', 'Este botão não funciona mais aqui.'],
    ['ru', 'Эта кнопка здесь больше не работает.'],
  ])('a button without its message, language_code %s', async (code, toast) => {
    await send({
      update_id: 900_000 + nextUser++,
      callback_query: {
        id: `cb-${code}`,
        from: { id: 1, is_bot: false, first_name: 'U', language_code: code },
        chat_instance: 'ci',
        data: 'sub:1',
      },
    });
    expect(calls.find((c) => c.method === 'answerCallbackQuery')?.payload).toMatchObject({
      text: toast,
      show_alert: true,
    });
  });
});
