import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import type { TwinWorld } from '../discord/twin-setup.js';
import type { TelegramFake } from '../fakes/telegram-fake.js';
import type { FakeTokenMetrics } from '../fakes/tm-server.js';
import { type AssembledBot, startAssembledBot } from '../support/bot-env.js';
import type { Child } from '../support/child.js';
import { commandUpdate } from '../telegram/helpers.js';

/**
 * Issue 21, the alert-rule half, through the assembled bot: `tsx src/main.ts` in a child process with
 * default settings against the local peers (Token Metrics fake with the replay scenario, the Telegram
 * Bot API fake, discord-digital-twin behind the recorder). A combined alert set on Telegram (a DM) and
 * on Discord (a channel, by a moderator) fires once on each platform when SOL crosses $200 while its
 * daily signal is bullish, and the message lists the parts with their values; `/backtest` answers on
 * both; bad input is answered and changes nothing. SOL has no subscriber: its price and daily signal are
 * fetched only because the alerts read them.
 */
const SOL = 3988;
const USER = 4343;
const TM_KEY = 'tm-traders-alerts-key-0123456789ab';

let world: TwinWorld;
let tg: TelegramFake;
let tm: FakeTokenMetrics;
let bot: Child;

let app: AssembledBot;
const until = (cond: () => boolean | Promise<boolean>, ms: number, what: string) => app.until(cond, ms, what);

beforeAll(async () => {
  // The operator's step before the first start, `npm run deploy-commands`, is part of it (guild-scoped).
  app = await startAssembledBot('traders-alerts', TM_KEY);
  ({ world, tg, tm, bot } = app);
}, 120_000);

afterAll(async () => {
  const code = await app?.close();
  expect(code, bot?.output()).toBe(0);
}, 60_000);

const slash = (userId: string, channelId: string, name: string, options: unknown[]) =>
  app.slash(userId, channelId, name, options);

const str = (name: string, value: string) => ({ name, type: 3, value });

/** Everything the bot sent to the user on Telegram (texts and captions), tags stripped. */
const tgTexts = () =>
  [...tg.sent(USER).map((m) => m.text), ...tg.photos(USER).map((m) => m.caption)].map((t) => String(t ?? ''));

async function tgSay(text: string): Promise<string> {
  const before = tg.sent(USER).length;
  tg.pushUpdate(commandUpdate(text, USER));
  await until(() => tg.sent(USER).length > before, 30_000, `the reply to ${text}`);
  const m = tg.sent(USER)[before];
  expect(m?.parse_mode).toBe('HTML');
  return String(m?.text);
}

const solPolls = (from: number) =>
  tm.calls
    .slice(from)
    .filter(
      (c) => c.endpoint === '/price' && c.status === 200 && c.query.token_id?.split(',').includes(`${SOL}`),
    ).length;

describe('npm start: combined alerts, /why and /backtest on Telegram and Discord', () => {
  it('bad input is answered on both platforms and stores nothing', async () => {
    const bad = await tgSay('/alert SOL above 200 and signal bulish');
    expect(stripTags(bad)).toContain('Part 2 ("signal bulish"): Say signal bullish or signal bearish.');
    const id = await slash(world.ids.moderator, world.ids.alerts, 'channel', [
      {
        name: 'alert',
        type: 1,
        options: [str('symbol', 'SOL'), str('condition', 'above 200 and grade > 5')],
      },
    ]);
    expect(await world.replyOf(id, 30_000)).toContain('Part 2 ("grade > 5"): Compare with >= or <=');
    expect(stripTags(await tgSay('/alerts'))).toContain('No price alerts for you.');
  }, 90_000);

  it('a combined alert fires once on Telegram and on Discord, the message naming each part and its value', async () => {
    const set = stripTags(await tgSay('/alert SOL above 200 and signal bullish'));
    expect(set).toMatch(/Alert [a-z0-9]{6} set for you: SOL above \$200\.00 and signal bullish \(once\)/);
    const id = await slash(world.ids.moderator, world.ids.alerts, 'channel', [
      {
        name: 'alert',
        type: 1,
        options: [str('symbol', 'SOL'), str('condition', 'above 200 and signal bullish')],
      },
    ]);
    expect(await world.replyOf(id, 30_000)).toMatch(/SOL above \$200\.00 and signal bullish \(once\)/);
    // The alerts make SOL watched: two polls at the baseline ($180), then SOL at $203 (step 8).
    const from = tm.calls.length;
    await until(() => solPolls(from) >= 2, 30_000, 'two SOL price polls after the alerts');
    expect(tm.calls.slice(from).some((c) => c.endpoint === '/trading-signals')).toBe(true);
    // The history keeps one point per minute: cross in the next minute, so /backtest below can see it.
    const minute = Math.floor(Date.now() / 60_000);
    await until(() => Math.floor(Date.now() / 60_000) > minute, 70_000, 'the next minute');
    tm.setStep(SCENARIO_MARKS.solCross);

    const fired = () => tgTexts().filter((t) => t.includes('your alert'));
    await until(() => fired().length > 0, 60_000, 'the alert on Telegram');
    const text = stripTags(fired()[0] ?? '');
    expect(text).toContain('SOL above $200.00 and signal bullish (your alert)');
    expect(text).toMatch(/✓ above \$200\.00\W+\$203\.00/);
    expect(text).toMatch(/✓ signal bullish\W+bullish/);

    const posted = () =>
      world.recorder.calls.filter(
        (c) => c.method === 'POST' && c.path === `/channels/${world.ids.alerts}/messages`,
      );
    await until(() => posted().length > 0, 60_000, 'the alert on Discord');
    expect(posted()[0]?.rejected).toBeUndefined();
    const body = JSON.stringify(posted()[0]?.body);
    expect(body).toContain('above $200.00 and signal bullish (your alert)');
    expect(body).toContain('✓ signal bullish');
    // Once: the alerts are gone, so SOL is not even watched any more; a few more ticks send nothing.
    await new Promise((r) => setTimeout(r, 4_000));
    expect(fired()).toHaveLength(1);
    expect(posted()).toHaveLength(1);
    expect(stripTags(await tgSay('/alerts'))).toContain('No price alerts for you.');
    expect(world.recorder.calls.filter((c) => c.rejected)).toEqual([]);
  }, 180_000);

  it('/backtest answers on both platforms from the recorded history, escaped for each', async () => {
    const raw = await tgSay('/backtest SOL above 200 and grade >= 70');
    // HTML parse mode: the user's ">=" reaches Telegram escaped.
    expect(raw).toContain('grade &gt;= 70');
    const t = stripTags(raw);
    expect(t).toContain('Backtest: SOL above $200.00 and grade >= 70, last 7d');
    expect(t).toMatch(/Replayed \d+ price points of SOL/);
    expect(t).toContain('Not replayed: grade >= 70.');
    expect(t).toMatch(/It would have fired 1 time:\n {2}.* at \$203\.00 · 1 h after n\/a · 24 h after n\/a/);
    expect(t).toContain('No alert was created.');
    const id = await slash(world.ids.member, world.ids.general, 'backtest', [
      str('symbol', 'SOL'),
      str('condition', 'above 200 30d'),
    ]);
    const reply = await world.replyOf(id, 30_000);
    expect(reply).toContain('Backtest: SOL above $200.00, last 30d');
    expect(reply).toContain('It would have fired 1 time:');
    const bad = await slash(world.ids.member, world.ids.general, 'backtest', [
      str('symbol', 'SOL'),
      str('condition', 'above 200 90d'),
    ]);
    expect(await world.replyOf(bad, 30_000)).toContain('Pick 7d or 30d');
  }, 120_000);

  it('near counts the levels the place calls strong: its minstrength, said in the reply', async () => {
    expect(stripTags(await tgSay('/settings minstrength 85'))).toContain('Saved for you');
    const set = stripTags(await tgSay('/alert SOL near resistance 2%'));
    expect(set).toMatch(/Alert ([a-z0-9]{6}) set for you: SOL near resistance 2% \(once\)/);
    expect(set).toContain('"near" counts levels of strength 85 or more');
    const id = /Alert ([a-z0-9]{6})/.exec(set)?.[1];
    expect(stripTags(await tgSay(`/alert delete ${id}`))).toContain('Deleted');
    expect(stripTags(await tgSay('/settings minstrength reset'))).toContain('Reset minstrength for you');
  }, 60_000);
});
