import { describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';
import { renderAlert, renderReply, replyToast } from '#src/platforms/telegram/render.js';

/** The words the Telegram renderer adds to a reply, in the reply's language (issue 22). */

describe('Telegram reply words', () => {
  it.each([
    ['en', '💬 Continue in a private chat', 'Done.', 'Failed.'],
    ['es', '💬 Continuar en un chat privado', 'Listo.', 'Falló.'],
    ['pt-BR', '💬 Continuar em um chat privado', 'Pronto.', 'Falhou.'],
    ['ru', '💬 Продолжить в личном чате', 'Готово.', 'Не удалось.'],
  ] as const)('%s', (locale, button, done, failed) => {
    const t = translatorFor(locale);
    const r = renderReply({ kind: 'ok', lines: ['<b>x</b>'], deepLinkPayload: 'abc' }, 'bot', undefined, t);
    expect(r.keyboard?.inline_keyboard[0]?.[0]?.text).toBe(button);
    expect(r.parts[0]).toBe('&lt;b&gt;x&lt;/b&gt;');
    expect(renderReply({ kind: 'ok', lines: [] }, undefined, undefined, t).parts).toEqual([done]);
    expect(replyToast({ kind: 'error', lines: [] }, t)).toBe(failed);
    expect(replyToast({ kind: 'ok', lines: [] }, t)).toBe(done);
  });

  it.each([
    ['en', 'chart'],
    ['es', 'gráfico'],
    ['pt-BR', 'gráfico'],
    ['ru', 'график'],
  ] as const)('%s: the link of an alert without a name says chart in the language', (locale, word) => {
    const e = {
      id: 'e1',
      kind: 'level_touch',
      tokenId: 1,
      symbol: 'SOL',
      name: 'SOL',
      at: 0,
      priority: 1,
      level: 150,
      side: 'support',
      direction: 'down',
      price: 150.1,
      distancePct: 0.1,
      strength: 70,
      proximityPct: 2,
      url: 'https://example.com/sol',
    } as const;
    const m = {
      id: 'm',
      destination: { platform: 'telegram', kind: 'dm', id: '1' },
      events: [e],
      createdAt: 0,
      origin: 'tick',
      ...(locale === 'en' ? {} : { locale }),
    } as const;
    expect(renderAlert(m).parts[0]).toContain(`>${word}</a>`);
  });

  it('English by default, as before', () => {
    expect(renderReply({ kind: 'ok', lines: [] }, undefined).parts).toEqual(['Done.']);
    expect(replyToast({ kind: 'error', lines: [] })).toBe('Failed.');
  });
});
