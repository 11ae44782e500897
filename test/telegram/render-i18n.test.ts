import { describe, expect, it } from 'vitest';
import { translatorFor } from '#src/i18n/catalog.js';
import { renderReply, replyToast } from '#src/platforms/telegram/render.js';

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

  it('English by default, as before', () => {
    expect(renderReply({ kind: 'ok', lines: [] }, undefined).parts).toEqual(['Done.']);
    expect(replyToast({ kind: 'error', lines: [] })).toBe('Failed.');
  });
});
