/**
 * Issue 12 end to end on the replay market: outcomes recorded by the tick and kept across restarts,
 * /why explaining each suppression after the scenario that causes it, /stats over a replayed month.
 */
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { STATS_WINDOWS, statsReply } from '#commands/stats.js';
import type { CommandDeps, Place, Reply } from '#commands/types.js';
import { outcomeStats } from '#src/engine/outcome-stats.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS as M } from '#src/market/index.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import { deleteRedisPrefix, openRedisStore, openSqliteStore } from '#src/store/index.js';
import type { Store } from '#src/store/ports.js';
import { ANCHOR, at, channel, dm, makeApp, subscribe, type TestApp, TOK } from '../app/helpers.js';
import { TEST_REDIS_URL } from '../support/redis.js';

const HOUR = 3600_000;
let store: Store;
beforeEach(() => {
  store = openSqliteStore({ file: ':memory:' });
});
afterEach(async () => {
  await store.close();
});

/** An app whose platform deps the test keeps, to run commands as a console user in a given place. */
async function appWithCommands(s: Store, extra: Parameters<typeof makeApp>[1] = {}) {
  // A console link only for its receiving half: each question below runs in a console of its own place.
  let commands: CommandDeps | undefined;
  const link = createConsolePlatform({ out: new PassThrough().resume() });
  const t = await makeApp(s, {
    ...extra,
    platforms: [
      {
        ...link,
        receiver: (c) => {
          commands = c;
          return link;
        },
      },
    ],
  });
  const ask = async (line: string, place: Place = { kind: 'dm' }, when?: number): Promise<string> => {
    if (!commands) throw new Error('no commands');
    const c = createConsolePlatform({
      out: new PassThrough().resume(),
      commands,
      userId: 'alice',
      place,
      now: () => when ?? at(t.replay.step),
    });
    const r = (await c.runLine(line)) as Reply;
    return [r.title ?? '', ...r.lines, ...(r.table ?? [])].join('\n');
  };
  return { t, ask };
}

async function steps(t: TestApp, from: number, to: number) {
  for (let s = from; s <= to; s++) await t.step(s);
}

describe('outcomes recorded by the tick', () => {
  it('one outcome per delivered event (not per destination); restarts keep open outcomes', async () => {
    await subscribe(store, dm, TOK.SOL, ['levels']);
    await subscribe(store, channel, TOK.SOL, ['levels']);
    const a = await makeApp(store);
    await steps(a, 0, M.solApproach);
    await a.app.stop();
    const after = await store.outcomes.since(0);
    expect(after.map((o) => [o.kind, o.symbol, o.status])).toEqual([['approach', 'SOL', 'open']]);
    // A new process on the same store: the open outcome is still there and gets decided (broke at 203).
    const b = await makeApp(store);
    await steps(b, M.solApproach + 1, M.solCross);
    await b.app.stop();
    const approach = (await store.outcomes.since(0)).find((o) => o.kind === 'approach');
    expect(approach).toMatchObject({ status: 'broke', hit: false, entry: 197 });
  });
});

describe('/why', () => {
  it('answers for an unknown token and for a token this place does not follow', async () => {
    await subscribe(store, dm, TOK.BTC);
    const { t, ask } = await appWithCommands(store);
    await steps(t, 0, 1);
    expect(await ask('/why NOPE')).toMatch(/I don't know the token NOPE/);
    const out = await ask('/why SOL');
    expect(out).toMatch(/Not followed here, so no SOL alerts come here\. Add them with \/subscribe SOL/);
    await t.app.stop();
  });

  it('explains quiet hours (held until) and inhibition by a breakout in the released digest', async () => {
    const group = { platform: 'console', kind: 'group', id: 'club', parentId: 'club' } as const;
    await subscribe(store, group, TOK.SOL, ['levels']);
    // ANCHOR is 08:00 UTC: quiet 10:00-17:00 holds the approach (5), touch (7) and breakout (8/9).
    await store.settings.update('console:group:club', {
      quietHours: { start: '10:00', end: '17:00', tz: 'UTC' },
    });
    const { t, ask } = await appWithCommands(store);
    const place: Place = { kind: 'group', parentId: 'club', chatId: 'club' };
    await steps(t, 0, M.solTouch);
    const during = await ask('/why SOL', place);
    expect(during).toMatch(/approach: held for quiet hours until 17:00/);
    expect(during).toMatch(/touch: held for quiet hours until 17:00/);
    expect(during).toMatch(/Quiet hours 10:00-17:00 UTC: now, alerts held until 17:00 UTC/);
    // Step 9 (17:00): the window ends, the held digest is released; price 205.5 is 2.75% past the level.
    await steps(t, M.solTouch + 1, M.solBreakout);
    const after = await ask('/why SOL', place);
    expect(after).toMatch(/approach: inhibited by breakout/);
    expect(after).toMatch(/touch: inhibited by breakout/);
    expect(after).toMatch(/broken \(.*\), re-arming: re-arms once price is over 3% away/);
    await t.app.stop();
  });

  it('explains a cooldown with its end time', async () => {
    // SOL approaches 200, falls back far enough to re-arm, and approaches again an hour later.
    const sol = DEFAULT_SCENARIO.tokens.find((x) => x.id === TOK.SOL.id);
    if (!sol) throw new Error('scenario lacks SOL');
    const price = [...sol.price];
    price[6] = 185;
    price[7] = 197;
    const scenario = {
      ...DEFAULT_SCENARIO,
      tokens: DEFAULT_SCENARIO.tokens.map((x) => (x === sol ? { ...sol, price } : x)),
    };
    const replay = createReplaySource(scenario, { anchorMs: ANCHOR });
    await subscribe(store, dm, TOK.SOL, ['levels']);
    await store.settings.update('console:dm:alice', { cooldownSec: 86_400 });
    const { t, ask } = await appWithCommands(store, { market: replay });
    // makeApp drives its own replay; this one follows the same step.
    for (let s = 0; s <= 7; s++) {
      replay.setStep(s);
      await t.step(s);
    }
    const out = await ask('/why SOL');
    // The first approach (13:00 UTC, step 5) set a one-day cooldown: the second (15:00) is held back until
    // 13:00 the NEXT day, and says so (a bare "13:00" at 15:00 read as today).
    expect(out).toMatch(/15:00 UTC approach: cooldown until Jan 16 13:00 UTC/);
    expect(out).toMatch(/Cooldown 1d per kind: approach until Jan 16 13:00 UTC/);
    await t.app.stop();
  });

  it('explains a level below the destination minstrength', async () => {
    // The channel asks for weak levels too, so the engine emits DOGE's weak approach; the DM does not.
    await subscribe(store, dm, TOK.DOGE, ['levels']);
    await subscribe(store, channel, TOK.DOGE, ['levels']);
    await store.settings.update('console:channel:alerts', { minStrength: 0 });
    const { t, ask } = await appWithCommands(store);
    await steps(t, 0, M.dogeWeakApproach);
    const out = await ask('/why DOGE');
    expect(out).toMatch(/approach: below minstrength/);
    expect(out).toMatch(/strength \d+ is below minstrength 50/);
    const inChannel = await ask('/why DOGE', { kind: 'channel', parentId: 'guild', channelId: 'alerts' });
    expect(inChannel).not.toMatch(/below minstrength/);
    await t.app.stop();
  });
});

const redisPrefix = `twtest:trust:${randomBytes(4).toString('hex')}:`;
const redisClient = new Redis(TEST_REDIS_URL);
afterAll(async () => {
  await deleteRedisPrefix(redisClient, redisPrefix);
  await redisClient.quit();
});

/** /stats the old way (issue 12): every record of the window read and scored, as the reply the command gives. */
async function statsTheOldWay(
  s: Store,
  now: number,
  window: '7d' | '30d' | '90d',
  token?: { id: number; symbol: string },
) {
  const list = await s.outcomes.since(now - STATS_WINDOWS[window], token?.id);
  const r = statsReply(
    list.length === 0 ? undefined : outcomeStats(list, now),
    token?.symbol,
    window,
    !!token,
    translatorFor('en'),
  );
  return [r.title ?? '', ...r.lines, ...(r.table ?? [])].join('\n');
}

describe.each([
  ['sqlite', async () => store],
  ['redis', async () => await openRedisStore({ client: redisClient, keyPrefix: redisPrefix })],
])('/stats over a replayed month (%s)', (_, open) => {
  it('matches counts and hit rates computed by hand, and the old way reply for reply', async () => {
    const store = await open();
    await subscribe(store, dm, TOK.SOL);
    await subscribe(store, dm, TOK.BTC);
    await subscribe(store, dm, TOK.ETH, ['signal', 'hourly', 'levels', 'risk', 'grade']);
    const { t, ask } = await appWithCommands(store);
    await steps(t, 0, DEFAULT_SCENARIO.steps - 1);
    // Then a month at the last step's prices, one tick every 6 h (the replay holds its last step).
    const last = at(DEFAULT_SCENARIO.steps - 1);
    for (let h = 6; h <= 30 * 24; h += 6) await t.app.tick(last + h * HOUR);
    const now = last + 30 * 24 * HOUR;
    const all = await store.outcomes.since(0);
    const by = (kind: string) => all.filter((o) => o.kind === kind);
    // By hand from the scenario prices:
    // - SOL approach (197, resistance 200): price went through to 203 → broke. ETH approach (3050, support
    //   3000, 1.67% away): held once price was ≥ 3000 × (1 + 3.67%) = 3110 (3130 at step 19).
    expect(by('approach').map((o) => [o.symbol, o.status])).toEqual([
      ['SOL', 'broke'],
      ['ETH', 'held'],
    ]);
    // - SOL touch (199.5): broke at 203. SOL breakout up: 229 a day later, above 200 → held.
    expect(by('touch').map((o) => o.status)).toEqual(['broke']);
    expect(by('breakout').map((o) => o.status)).toEqual(['held']);
    // - BTC daily flip to bearish at 94 800; 92 900 after 1 d and 7 d → +2.00% both: a hit.
    const [daily] = by('daily_flip');
    expect(daily).toMatchObject({ status: 'scored', hit: true });
    expect(daily?.long).toBeCloseTo(((94_800 - 92_900) / 94_800) * 100, 6);
    // - ETH hourly flip to short at 3150: 3050 after 4 h (+3.17%), 3250 after 24 h (−3.17%): a miss.
    const [hourly] = by('hourly_flip');
    expect(hourly).toMatchObject({ status: 'scored', hit: false });
    expect(hourly?.short).toBeCloseTo((100 / 3150) * 100, 6);
    expect(hourly?.long).toBeCloseTo((-100 / 3150) * 100, 6);
    // - BTC Sharpe crossing and SOL grade change: recorded.
    expect(by('sharpe').map((o) => o.status)).toEqual(['recorded']);
    expect(by('grade').map((o) => o.status)).toEqual(['recorded']);

    const stats = await ask('/stats 90d', undefined, now);
    expect(stats).toMatch(/Approach\s+2\s+50% of 2\*/);
    expect(stats).toMatch(/Touch\s+1\s+0% of 1\*/);
    expect(stats).toMatch(/Breakout\s+1\s+100% of 1\*/);
    expect(stats).toMatch(/Daily flip\s+1\s+100% of 1\*/);
    expect(stats).toMatch(/Hourly flip\s+1\s+0% of 1\*/);
    expect(stats).toMatch(/Sharpe\s+1\s+recorded/);
    expect(stats).toMatch(/Too few decided alerts to mean much/);
    const sol = await ask('/stats SOL 90d', undefined, now);
    expect(sol).toMatch(/Approach\s+1\s+0% of 1/);
    expect(sol).not.toMatch(/Daily flip/);
    // A week later than the month: nothing in the last 7 days.
    expect(await ask('/stats 7d', undefined, now + 40 * 24 * HOUR)).toMatch(/No alerts were delivered/);
    expect(await ask('/stats 5y')).toMatch(/The window must be 7d, 30d or 90d/);
    // The summaries give what reading every record gives, reply for reply.
    expect(stats).toBe(await statsTheOldWay(store, now, '90d'));
    expect(sol).toBe(await statsTheOldWay(store, now, '90d', TOK.SOL));
    for (const [later, window] of [
      [now - 20 * 24 * HOUR, '30d'],
      [now - 25 * 24 * HOUR, '7d'],
      [last + 2 * HOUR, '7d'],
    ] as const) {
      expect(await ask(`/stats ${window}`, undefined, later)).toBe(
        await statsTheOldWay(store, later, window),
      );
      expect(await ask(`/stats ETH ${window}`, undefined, later)).toBe(
        await statsTheOldWay(store, later, window, TOK.ETH),
      );
    }
    await t.app.stop();
    if (store.kind === 'redis') await store.close();
  });
});
