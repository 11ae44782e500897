import { Api } from 'grammy';
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '#src/config/index.js';
import { PAID_REFUSED, PAID_UNAVAILABLE, type PaidSend, SendError } from '#src/delivery/ports.js';
import { silentLogger } from '#src/obs/logger.js';
import { createTelegramSender } from '#src/platforms/telegram/sender.js';
import { level, SOL } from '../delivery/plan-fixtures.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';

const msg = (id: string, chat: string) => ({
  id,
  destination: { platform: 'telegram' as const, kind: 'dm' as const, id: chat },
  events: [level(SOL, `${id}-b`, 'level_breakout')],
  createdAt: Date.now(),
  origin: 'tick' as const,
});

function budget(left: number): PaidSend & { left: number; given: number } {
  const b = {
    left,
    given: 0,
    async reserve(n: number) {
      if (b.left < n) return false;
      b.left -= n;
      return true;
    },
    async giveBack(n: number) {
      b.given += n;
      b.left += n;
    },
  };
  return b;
}

describe('Telegram sender with a paid slot', () => {
  let fake: TelegramFake | undefined;
  afterEach(async () => fake?.close());

  const sender = (f: TelegramFake) =>
    createTelegramSender({ api: new Api(f.token, { apiRoot: f.apiRoot }), logger: silentLogger() });

  it('sends allow_paid_broadcast (checked against the Bot API spec) after reserving, and only then', async () => {
    fake = await startTelegramFake({ stars: 10 });
    const s = sender(fake);
    const b = budget(5);
    await s.send(msg('p1', '501'), 'k1', undefined, { paid: b });
    await s.send(msg('f1', '502'), 'k2');
    const [paid, free] = fake.callsOf('sendMessage');
    expect(paid?.payload.allow_paid_broadcast).toBe(true);
    expect(free?.payload.allow_paid_broadcast).toBeUndefined();
    expect(b.left).toBe(4);
    expect(fake.paid()).toEqual({ sends: 1, starsLeft: 9.9 });
  });

  it('no budget left: nothing is sent and the outbox is told (paid_unavailable)', async () => {
    fake = await startTelegramFake({ stars: 10 });
    const err = await sender(fake)
      .send(msg('p2', '503'), 'k3', undefined, { paid: budget(0) })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SendError);
    expect((err as SendError).details.code).toBe(PAID_UNAVAILABLE);
    expect(fake.callsOf('sendMessage')).toHaveLength(0);
  });

  it('Telegram refuses for lack of Stars: paid_refused, and the reservation is given back', async () => {
    fake = await startTelegramFake({ stars: 0 });
    const b = budget(3);
    const err = await sender(fake)
      .send(msg('p3', '504'), 'k4', undefined, { paid: b })
      .catch((e: unknown) => e);
    expect((err as SendError).details.code).toBe(PAID_REFUSED);
    expect(b).toMatchObject({ left: 3, given: 1 });
  });
});

describe('paid broadcast settings', () => {
  const base = { TM_API_KEY: 'k'.repeat(20), TELEGRAM_BOT_TOKEN: '123:abc' };
  it('defaults to off with a 60 s threshold; reads both variables', () => {
    const d = parseConfig(base);
    expect(d.ok && d.config.telegram).toMatchObject({
      paidBroadcastStarsPerDay: 0,
      paidBroadcastAfterMs: 60_000,
    });
    const on = parseConfig({
      ...base,
      TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: '500',
      TELEGRAM_PAID_BROADCAST_AFTER: '2m',
    });
    expect(on.ok && on.config.telegram).toMatchObject({
      paidBroadcastStarsPerDay: 500,
      paidBroadcastAfterMs: 120_000,
    });
  });
  it.each([
    [{ TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: '-1' }, /^TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: /],
    [{ TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: 'lots' }, /^TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: /],
    [{ TELEGRAM_PAID_BROADCAST_AFTER: 'soon' }, /^TELEGRAM_PAID_BROADCAST_AFTER: /],
  ])('refuses %o with a line naming the variable', (extra, line) => {
    const r = parseConfig({ ...base, ...extra });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.some((p) => line.test(p))).toBe(true);
  });
  it('refuses a budget without a Telegram bot', () => {
    const r = parseConfig({ TM_API_KEY: 'k'.repeat(20), TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: '10' });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems).toContain('TELEGRAM_PAID_BROADCAST_STARS_PER_DAY: needs TELEGRAM_BOT_TOKEN');
  });
});
