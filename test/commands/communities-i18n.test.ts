import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXPORT_HEADER } from '#commands/export.js';
import type { CommandDeps } from '#commands/types.js';
import { noticeTranslator, topicGoneText } from '#src/delivery/outbox/core.js';
import { goneNotice } from '#src/delivery/outbox/webhook-attempt.js';
import { checkWebhookUrl, type Resolver } from '#src/delivery/webhooks/guard.js';
import { describePost } from '#src/delivery/webhooks/post.js';
import type { Destination } from '#src/domain/types.js';
import { bundledCatalog, translatorFor } from '#src/i18n/catalog.js';
import { LOCALES, type Locale } from '#src/i18n/locales.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { watchlistService } from '#src/watchlist/service.js';
import { makeCtx, makeDeps, NOW, say, text } from './fakes.js';

/**
 * The community commands' replies in every shipped language (issue 22): /watchlist, /brief, /export and
 * /webhook come out in es, pt-BR and ru from the caller's client language, English stays as it was, a
 * user's input with markup in a placeholder is still escaped by the platform, and the texts fit the
 * platforms' limits in every language.
 */
const me: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
const resolve: Resolver = async (h) =>
  h === 'inside.example' ? [{ address: '10.0.0.7', family: 4 }] : [{ address: '93.184.216.34', family: 4 }];

async function setup(): Promise<{ store: Store; deps: CommandDeps }> {
  const store = openSqliteStore({ file: ':memory:' });
  const watchlist = watchlistService({
    views: async () => new Map(),
    history: { rangeMany: async () => new Map() },
    unavailable: () => [],
  });
  const deps = makeDeps(store, {
    store,
    watchlist,
    webhookPost: { allowHosts: [], resolve, now: () => NOW },
  });
  return { store, deps };
}

const ctxIn = (locale: Locale) => makeCtx({ clientLocale: locale });
const body = (r: { lines: readonly string[] }) => r.lines.join('\n');

/** Per language: what each reply must contain (a phrase of the translation). */
interface Want {
  readonly watchlistEmpty: RegExp;
  readonly watchlistTitle: RegExp;
  readonly briefNone: RegExp;
  readonly briefSet: RegExp;
  readonly exportNone: RegExp;
  readonly webhookPrivate: RegExp;
  readonly webhooksNone: RegExp;
}
const WANT: Record<Locale, Want> = {
  en: {
    watchlistEmpty: /^Nothing is followed by you yet\.\nStart with \/subscribe SOL\.$/,
    watchlistTitle: /^Watchlist of you \(1 token\)$/,
    briefNone: /^No daily brief for you\./,
    briefSet:
      /^Daily brief for you: every day at 08:00 Europe\/Berlin\.\nIt will list the 1 token followed here/,
    exportNone: /^No alerts were delivered to you in the last 30d\.$/,
    webhookPrivate:
      /non-public address \(private\); webhooks only go to public internet hosts\.\nNothing was added\.$/,
    webhooksNone: /^No webhooks for you yet\./,
  },
  es: {
    watchlistEmpty: /^Todavía no sigues nada\.\nEmpieza con \/subscribe SOL\.$/,
    watchlistTitle: /^Tu lista de seguimiento \(1 token\)$/,
    briefNone: /^No tienes resumen diario\.\nConfigura uno: \/brief 08:00 Europe\/Berlin$/,
    briefSet: /^Tu resumen diario: todos los días a las 08:00 Europe\/Berlin\.\nMostrará el 1 token/,
    exportNone: /^No se te entregaron alertas en los últimos 30d\.$/,
    webhookPrivate: /apunta a una dirección no pública \(private\).*\nNo se agregó nada\.$/,
    webhooksNone: /^Todavía no tienes webhooks\./,
  },
  'pt-BR': {
    watchlistEmpty: /^Você ainda não segue nada\.\nComece com \/subscribe SOL\.$/,
    watchlistTitle: /^Sua lista de observação \(1 token\)$/,
    briefNone: /^Você não tem resumo diário\./,
    briefSet: /^Seu resumo diário: todos os dias às 08:00 Europe\/Berlin\.\nEle vai listar o 1 token/,
    exportNone: /^Nenhum alerta foi entregue a você nos últimos 30d\.$/,
    webhookPrivate: /aponta para um endereço não público \(private\).*\nNada foi adicionado\.$/,
    webhooksNone: /^Você ainda não tem webhooks\./,
  },
  ru: {
    watchlistEmpty: /^Вы пока ничего не отслеживаете\.\nНачните с \/subscribe SOL\.$/,
    watchlistTitle: /^Ваш список наблюдения \(1 токен\)$/,
    briefNone: /^У вас нет ежедневной сводки\./,
    briefSet: /^Ваша ежедневная сводка: каждый день в 08:00 Europe\/Berlin\.\nВ ней будет 1 токен/,
    exportNone: /^Вам не было доставлено оповещений за последние 30d\.$/,
    webhookPrivate: /указывает на непубличный адрес \(private\).*\nНичего не добавлено\.$/,
    webhooksNone: /^У вас пока нет вебхуков\./,
  },
};

describe.each(LOCALES)('community replies in %s', (locale) => {
  const want = WANT[locale];
  it('/watchlist, /brief, /export and /webhook answer in the caller language', async () => {
    const { store, deps } = await setup();
    const ctx = ctxIn(locale);
    expect(body(await say(ctx, deps, '/watchlist'))).toMatch(want.watchlistEmpty);
    expect(body(await say(ctx, deps, '/brief'))).toMatch(want.briefNone);
    await store.subscriptions.subscribe(me, 3988, 'SOL', ['signal'], NOW);
    const list = await say(ctx, deps, '/watchlist');
    expect(list.title).toMatch(want.watchlistTitle);
    const set = await say(ctx, deps, '/brief 08:00 Europe/Berlin');
    expect(body(set)).toMatch(want.briefSet);
    expect(body(await say(ctx, deps, '/export'))).toMatch(want.exportNone);
    const refused = await say(ctx, deps, '/webhook add https://inside.example/x');
    expect(refused.kind).toBe('error');
    expect(body(refused)).toMatch(want.webhookPrivate);
    expect(body(await say(ctx, deps, '/webhooks'))).toMatch(want.webhooksNone);
    await store.close();
  });

  it('plurals: 2 and 5 tokens', async () => {
    const { store, deps } = await setup();
    const ctx = ctxIn(locale);
    for (const [i, sym] of ['SOL', 'ETH', 'BTC', 'DOGE', 'PEPE'].entries()) {
      await store.subscriptions.subscribe(me, 100 + i, sym, ['signal'], NOW);
      const title = (await say(ctx, deps, '/watchlist')).title ?? '';
      const n = i + 1;
      if (locale === 'ru')
        expect(title).toContain(n === 1 ? '1 токен)' : n < 5 ? `${n} токена)` : `${n} токенов)`);
      else expect(title).toContain(n === 1 ? '(1 token)' : `(${n} tokens)`);
    }
    await store.close();
  });

  it('a symbol with markup in the table stays plain text, escaped by the platform', async () => {
    const { store, deps } = await setup();
    await store.subscriptions.subscribe(me, 1, '<b>X&', ['signal'], NOW);
    const r = await say(ctxIn(locale), deps, '/watchlist');
    expect(r.table?.some((l) => l.startsWith('<b>X&'))).toBe(true);
    const { renderReply } = await import('#src/platforms/telegram/render.js');
    const html = renderReply(r, undefined).parts.join('');
    expect(html).toContain('&lt;b&gt;X&amp;');
    expect(html).not.toContain('<b>X');
    await store.close();
  });
});

describe('English replies are unchanged where tests pinned them', () => {
  it('/webhook add shows the same English lines', async () => {
    const { store, deps } = await setup();
    const r = await say(makeCtx(), deps, '/webhook add https://hooks.example.com/tw?token=abc');
    expect(r.title).toBe('Webhook added');
    expect(r.lines[0]).toMatch(/^Webhook wh[0-9a-z]{8} added: https:\/\/hooks\.example\.com\/tw$/);
    expect(r.lines[2]).toBe(
      'Every alert you get is also POSTed there as JSON, signed per Standard Webhooks.',
    );
    await store.close();
  });
});

describe('webhook refusals and answers', () => {
  const cases = [
    ['not a url', 'webhook-refused-not-url'],
    ['http://hooks.example.com/x', 'webhook-refused-https'],
    ['https://u:p@hooks.example.com/x', 'webhook-refused-credentials'],
    ['https://inside.example/x', 'webhook-refused-private'],
  ] as const;
  it.each(cases)('%s → %s, in every language, with the English reason kept for logs', async (url, id) => {
    const r = await checkWebhookUrl(url, { allowHosts: [], resolve });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.refusal.id).toBe(id);
    expect(translatorFor('en')(r.refusal.id, r.refusal.args)).toBe(r.reason);
    for (const l of LOCALES) expect(bundledCatalog().has(l, id)).toBe(true);
    expect(translatorFor('ru')(r.refusal.id, r.refusal.args)).not.toBe(r.reason);
  });

  it('describePost: statuses are codes (no thousands separator) in every language', () => {
    for (const l of LOCALES) {
      const s = describePost(
        { kind: 'answered', status: 302, headers: {}, body: '' } as never,
        translatorFor(l),
      );
      expect(s).toContain('302');
    }
    expect(
      describePost({ kind: 'answered', status: 500, headers: {}, body: '' } as never, translatorFor('es')),
    ).toBe('El receptor respondió 500.');
  });
});

describe('notices the outbox writes, in the destination language', () => {
  it('topic moved to General: English unchanged, Russian for a ru group; unreadable language → English', async () => {
    expect(topicGoneText(12, translatorFor('en'))).toBe(
      'I could not post to forum topic #12: it was deleted or closed. Its subscriptions and settings now post here in General, and nothing was lost. An admin can move a token back by sending /subscribe inside an open topic (and /unsubscribe here).',
    );
    expect(topicGoneText(undefined, translatorFor('en'))).toMatch(/^I could not post to a forum topic:/);
    expect(topicGoneText(12345, translatorFor('ru'))).toMatch(
      /^Не удалось отправить сообщение в тему форума #12345:/,
    );
    expect(topicGoneText(12, translatorFor('es'))).toMatch(/^No pude publicar en el tema del foro #12:/);
    expect(topicGoneText(12, translatorFor('pt-BR'))).toMatch(
      /^Não consegui publicar no tópico do fórum #12:/,
    );
    const group: Destination = { platform: 'telegram', kind: 'group', id: '-100', parentId: '-100' };
    const ru = await noticeTranslator({ localeOf: async () => 'ru', logger: undefined }, group);
    expect(ru('topic-gone', { thread: '1' })).toMatch(/^Не удалось/);
    const broken = await noticeTranslator(
      {
        localeOf: async () => {
          throw new Error('store down');
        },
        logger: undefined,
      },
      group,
    );
    expect(broken('topic-gone', { thread: '1' })).toMatch(/^I could not post/);
    const none = await noticeTranslator({ logger: undefined }, group);
    expect(none('topic-gone', { thread: '1' })).toMatch(/^I could not post/);
  });

  it('webhook removed after 410: the owner reads it in their language', () => {
    const d = {
      id: 'x',
      destination: me,
      webhookId: 'wh1a2b3c4d',
      eventId: 'e',
      body: '{}',
      createdAt: NOW,
    };
    expect(goneNotice(d, NOW, translatorFor('en')).text).toBe(
      'Your webhook wh1a2b3c4d answered 410 Gone, so I removed it. Add it again with /webhook add if that was a mistake.',
    );
    expect(goneNotice(d, NOW, translatorFor('pt-BR')).text).toMatch(
      /^Seu webhook wh1a2b3c4d respondeu 410 Gone/,
    );
    expect(goneNotice(d, NOW, translatorFor('ru')).text).toMatch(/^Ваш вебхук wh1a2b3c4d ответил 410 Gone/);
  });
});

describe('export stays machine-readable', () => {
  it('the CSV header is English in every language; the reply names the columns', async () => {
    const store = openSqliteStore({ file: ':memory:' });
    const deps = makeDeps(store, { store });
    await store.alertLog.record(
      me,
      [
        {
          eventId: 'e1',
          at: NOW - 1000,
          detectedAt: NOW - 2000,
          tokenId: 1,
          symbol: 'SOL',
          kind: 'price_alert',
          price: 1,
        },
      ],
      NOW,
    );
    for (const l of LOCALES) {
      const r = await say(ctxIn(l), deps, '/export');
      const csv = Buffer.from(r.document?.bytes ?? new Uint8Array()).toString('utf8');
      expect(csv.split('\r\n')[0]).toBe(EXPORT_HEADER.join(','));
      expect(text(r)).toContain(EXPORT_HEADER.join(', '));
    }
    const ru = await say(ctxIn('ru'), deps, '/export');
    expect(ru.title).toBe('Экспорт оповещений за последние 30d');
    expect(ru.lines[0]).toBe('Вам доставлено 1 оповещение, время в UTC.');
    await store.close();
  });
});

describe('length limits in every language', () => {
  const ids = [
    ...readFileSync(new URL('../../locales/en/communities.ftl', import.meta.url), 'utf8').matchAll(
      /^([a-z][a-z0-9-]*) =/gm,
    ),
  ].map((m) => m[1] ?? '');
  const args = {
    place: 'channel',
    count: 10_000,
    max: '10000',
    id: 'wh1a2b3c4d',
    hook: 'wh1a2b3c4d',
    url: `https://${'x'.repeat(70)}…`,
    secret: `whsec_${'A'.repeat(44)}`,
    answer: 'x'.repeat(120),
    error: 'x'.repeat(200),
    host: 'h'.repeat(253),
  };
  it('every community text fits a Telegram caption (1,024) and a Discord field (1,024); titles fit 256', () => {
    expect(ids.length).toBeGreaterThan(90);
    for (const l of LOCALES) {
      const t = translatorFor(l);
      for (const id of ids) {
        const s = t(id, args);
        expect(s.length, `${l} ${id}`).toBeLessThanOrEqual(1024);
        expect(s, `${l} ${id}`).not.toBe('');
      }
      for (const id of [
        'watchlist-title',
        'brief-title',
        'export-title',
        'webhook-added-title',
        'card-title',
      ]) {
        expect(
          t(id, {
            ...args,
            date: '2026-12-06',
            time: '08:00',
            zone: 'America/Argentina/ComodRivadavia',
            window: '90d',
          }).length,
        ).toBeLessThanOrEqual(256);
      }
    }
  });
});
