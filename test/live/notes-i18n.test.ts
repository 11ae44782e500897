import { describe, expect, it } from 'vitest';
import { type LiveNote, liveNoteText } from '#src/domain/live-note.js';
import { translatorFor } from '#src/i18n/catalog.js';

/** Live-stream notes in the reader's language (issue 22): prices, percents and pairs read the same. */

const T = 1_767_225_600_000;
const note: LiveNote = {
  kind: 'unavailable',
  disagree: [
    {
      pair: 'Coinbase SOL/USD',
      price: 158.3,
      at: T,
      reference: { price: 180, at: T - 4_000, source: 'Token Metrics' },
      pct: 12.06,
      tolerancePct: 3,
    },
  ],
  refused: [{ exchange: 'Binance', status: 451, until: T + 3_600_000 }],
};

describe('liveNoteText in every language', () => {
  it.each([
    [
      'es',
      'Sin transmisión en vivo: Coinbase SOL/USD estaba en $158.30, a 12.06% del precio de Token Metrics $180.00 (4s antes; se permite 3%); Binance rechaza este servidor (HTTP 451), próximo intento: 2026-01-01 01:00 UTC.',
    ],
    [
      'pt-BR',
      'Sem transmissão ao vivo: Coinbase SOL/USD estava em $158.30, 12.06% distante do preço da Token Metrics $180.00 (4s antes; tolerância de 3%); Binance recusa este servidor (HTTP 451), nova tentativa: 2026-01-01 01:00 UTC.',
    ],
    [
      'ru',
      'Нет живого потока: Coinbase SOL/USD была $158.30, на 12.06% отличается от цены Token Metrics $180.00 (4s назад; допуск 3%); Binance отклоняет этот сервер (HTTP 451), повторная попытка: 2026-01-01 01:00 UTC.',
    ],
  ] as const)('%s', (locale, want) => {
    expect(liveNoteText(note, translatorFor(locale))).toBe(want);
  });

  it('English by default and with the English translator', () => {
    expect(liveNoteText({ kind: 'forbidden' }, translatorFor('en'))).toBe(
      liveNoteText({ kind: 'forbidden' }, translatorFor('en')),
    );
    expect(liveNoteText({ kind: 'none', exchanges: [] }, translatorFor('es'))).toContain('este token');
  });
});
