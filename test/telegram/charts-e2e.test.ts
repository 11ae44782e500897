import { Api } from 'grammy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertCharts, chartService } from '#src/charts/index.js';
import type { OutboundMessage } from '#src/delivery/ports.js';
import type { LevelEvent } from '#src/domain/types.js';
import { silentLogger } from '#src/obs/logger.js';
import { createTelegramSender } from '#src/platforms/telegram/sender.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { startTelegramFake, type TelegramFake, type UploadedFile } from '../fakes/telegram-fake.js';
import { decodePng } from '../support/png.js';

/** A level alert with its chart through the real sender and grammY, into our Bot API fake (multipart). */
const T = Date.UTC(2026, 10, 28, 12, 0);
const level: LevelEvent = {
  id: 'e1',
  kind: 'level_touch',
  tokenId: 3988,
  symbol: 'SOL',
  name: 'Solana <Sol>',
  at: T,
  priority: 60,
  level: 200,
  side: 'resistance',
  direction: 'up',
  price: 199.5,
  distancePct: 0.25,
  strength: 80,
  proximityPct: 2,
};
const message = (over: Partial<OutboundMessage> = {}): OutboundMessage => ({
  id: 'm1',
  destination: { platform: 'telegram', kind: 'dm', id: '42' },
  events: [level],
  createdAt: T,
  origin: 'tick',
  chart: true,
  ...over,
});

describe('telegram level alerts with a chart (our fake: sendPhoto multipart)', () => {
  let fake: TelegramFake;
  let store: Store;
  beforeAll(async () => {
    fake = await startTelegramFake();
    store = openSqliteStore({ file: ':memory:' });
    await store.priceHistory.record(
      Array.from({ length: 48 }, (_, i) => ({ tokenId: 3988, t: T - i * 3_600_000, price: 190 + (i % 9) })),
    );
  });
  afterAll(async () => {
    await fake.close();
    await store.close();
  });
  const sender = () =>
    createTelegramSender({
      api: new Api(fake.token, { apiRoot: fake.apiRoot }),
      logger: silentLogger(),
      charts: alertCharts(chartService({ history: store.priceHistory, view: async () => undefined })),
    });

  it('sends one photo with the alert as its HTML caption', async () => {
    const receipt = await sender().send(message(), 'k1');
    expect(receipt.messageIds).toHaveLength(1);
    const [photo] = fake.photos(42);
    const file = photo?.photo as UploadedFile;
    expect(file.filename).toBe('sol-7d.png');
    expect(decodePng(file.bytes).width).toBe(800);
    expect(String(photo?.caption)).toContain('SOL');
    expect(String(photo?.caption)).toContain('Solana &lt;Sol&gt;');
    expect(photo?.parse_mode).toBe('HTML');
    expect(fake.sent(42)).toHaveLength(0);
  });

  it('charts off: the plain text message, no photo', async () => {
    const before = fake.photos().length;
    const { chart: _omit, ...noChart } = message({ id: 'm2' });
    await sender().send(noChart, 'k2');
    expect(fake.photos()).toHaveLength(before);
    expect(fake.sent(42)).toHaveLength(1);
  });

  it('a digest too long for a caption: photo first, then the text', async () => {
    const many = Array.from({ length: 12 }, (_, i) => ({ ...level, id: `d${i}`, level: 200 + i }));
    const photosBefore = fake.photos().length;
    const textBefore = fake.sent(42).length;
    await sender().send(message({ id: 'm3', events: many }), 'k3');
    const photos = fake.photos();
    expect(photos).toHaveLength(photosBefore + 1);
    expect(photos.at(-1)?.caption).toBeUndefined();
    expect(fake.sent(42).length).toBeGreaterThan(textBefore);
  });
});
