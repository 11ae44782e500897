import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '#src/app/create-app.js';
import { generalOf, topicDestination } from '#src/domain/topics.js';
import { destinationKey } from '#src/domain/types.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { stripTags } from '#src/platforms/telegram/html.js';
import { openSqliteStore, type Store } from '#src/store/index.js';
import { testConfig } from '../app/helpers.js';
import { tempDir, waitFor } from '../delivery/helpers.js';
import { startTelegramFake, type TelegramFake } from '../fakes/telegram-fake.js';

/**
 * Forum topics through the whole app (in process) against our Bot API fake, which checks every
 * sendMessage/sendPhoto field against the Bot API spec: subscriptions made in a topic belong to it, the
 * replies and the alerts go into that topic (`message_thread_id`), and a deleted topic's subscriptions
 * move to General with one notice there.
 */
const CHAT = -1002000000001;
const ADMIN = 7001;
const MEMBER = 7002;
const A = 11;
const B = 22;
const SOL = 3988;
const ETH = 3306;
const stepMs = DEFAULT_SCENARIO.stepMs;
const base = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 24 * stepMs;

let fake: TelegramFake;
let app: App;
let store: Store;
const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: base });
let nextId = 1;

/** A command sent inside forum topic `thread` (undefined: General) of the forum supergroup. */
function topicCommand(text: string, userId: number, thread?: number) {
  return {
    message: {
      message_id: 5000 + nextId++,
      date: Math.floor(Date.now() / 1000),
      from: { id: userId, is_bot: false, first_name: 'U' },
      chat: { id: CHAT, type: 'supergroup', title: 'Traders', is_forum: true },
      ...(thread !== undefined ? { message_thread_id: thread, is_topic_message: true } : {}),
      text,
      entities: [{ type: 'bot_command', offset: 0, length: text.search(/\s|$/) }],
    },
  };
}

const inThread = (thread: number | undefined) =>
  fake.sent(CHAT).filter((m) => m.message_thread_id === thread);

async function send(text: string, userId: number, thread?: number): Promise<string> {
  const before = fake.sent(CHAT).length;
  fake.pushUpdate(topicCommand(text, userId, thread));
  await waitFor(() => fake.sent(CHAT).length > before, 10_000, `a reply to ${text}`);
  const reply = fake.sent(CHAT).at(-1);
  expect(reply?.message_thread_id).toBe(thread);
  return stripTags(String(reply?.text));
}

async function tickTo(step: number): Promise<void> {
  replay.setStep(step);
  await app.tick(base + step * stepMs);
  await app.outbox.drain(15_000);
}

beforeAll(async () => {
  fake = await startTelegramFake({ token: '5550020:topics-token' });
  fake.setMember(CHAT, ADMIN, 'administrator');
  store = openSqliteStore({ file: ':memory:' });
  // Text alerts: the photo path is covered by the production-wiring test.
  await store.settings.update(`telegram:group:${CHAT}`, { charts: false });
  const config = testConfig({
    TELEGRAM_BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    DATA_DIR: tempDir('tg-topics'),
  });
  app = await createApp(
    { ...config, outboxKind: 'memory', httpPort: false, schedule: false },
    { market: replay, logger: silentLogger(), store },
  );
  await app.start();
}, 30_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe('telegram forum topics', () => {
  it('a subscription made in a topic belongs to it; replies stay in the topic', async () => {
    expect(await send('/subscribe SOL', ADMIN, A)).toMatch(/SOL/);
    expect(await send('/subscribe ETH', ADMIN, B)).toMatch(/ETH/);
    expect((await store.subscriptions.list(topicDestination(String(CHAT), A))).map((s) => s.tokenId)).toEqual(
      [SOL],
    );
    expect((await store.subscriptions.list(topicDestination(String(CHAT), B))).map((s) => s.tokenId)).toEqual(
      [ETH],
    );
    expect(await store.subscriptions.list(generalOf(topicDestination(String(CHAT), A)))).toEqual([]);
    const listA = await send('/subscriptions', ADMIN, A);
    expect(listA).toContain("This topic's subscriptions (1/");
    expect(listA).toContain('SOL');
    expect(listA).not.toContain('ETH');
    expect(await send('/subscriptions', ADMIN)).toMatch(/No subscriptions for this group yet/);
    // Members are refused as in any group, and nothing changes.
    expect(await send('/unsubscribe SOL', MEMBER, A)).toMatch(/Only group admins/);
    expect(await store.subscriptions.list(topicDestination(String(CHAT), A))).toHaveLength(1);
  });

  it('topic settings inherit the group and override it', async () => {
    await send('/settings cooldown 2h', ADMIN);
    const shown = await send('/settings', ADMIN, A);
    expect(shown).toMatch(/cooldown[^\n]*2h/i);
    await send('/settings cooldown 30m', ADMIN, A);
    expect(await send('/settings', ADMIN, A)).toMatch(/cooldown[^\n]*30m/i);
    expect(await send('/settings', ADMIN, B)).toMatch(/cooldown[^\n]*2h/i);
  });

  it("each token's alert goes into its own topic only", async () => {
    await tickTo(SCENARIO_MARKS.baseline);
    const a0 = inThread(A).length;
    const b0 = inThread(B).length;
    const g0 = inThread(undefined).length;
    await tickTo(SCENARIO_MARKS.solApproach);
    await waitFor(() => inThread(A).length > a0, 10_000, 'the SOL alert in topic A');
    expect(stripTags(String(inThread(A).at(-1)?.text))).toMatch(/SOL approaching resistance/);
    await tickTo(SCENARIO_MARKS.ethApproach);
    await waitFor(() => inThread(B).length > b0, 10_000, 'the ETH alert in topic B');
    const topicB = inThread(B)
      .slice(b0)
      .map((m) => stripTags(String(m.text)));
    expect(topicB.join('\n')).toMatch(/ETH approaching/);
    expect(topicB.join('\n')).not.toMatch(/SOL/);
    expect(
      inThread(A)
        .slice(a0)
        .map((m) => stripTags(String(m.text)))
        .join('\n'),
    ).not.toMatch(/ETH/);
    expect(inThread(undefined).length).toBe(g0);
  }, 60_000);

  it('a deleted topic moves its subscriptions to General with one notice there; nothing is lost', async () => {
    fake.setTopicRule(CHAT, A, 'deleted');
    const g0 = inThread(undefined).length;
    const intoA = () =>
      fake.calls.filter((c) => c.method === 'sendMessage' && c.payload.message_thread_id === A).length;
    const tried0 = intoA();
    const topic = topicDestination(String(CHAT), A);
    // Two alerts were on their way into the deleted topic.
    const event = (id: string) => ({
      id,
      kind: 'grade_change' as const,
      tokenId: SOL,
      symbol: 'SOL',
      name: 'Solana',
      at: Date.now(),
      priority: 10,
      from: 'B',
      to: 'A',
    });
    await app.outbox.enqueue([
      { id: 'gone-1', destination: topic, events: [event('g1')], createdAt: Date.now(), origin: 'tick' },
      { id: 'gone-2', destination: topic, events: [event('g2')], createdAt: Date.now(), origin: 'tick' },
    ]);
    // Group pacing (one message per 3 s per chat) spaces the notice and the two moved alerts.
    await app.outbox.drain(45_000);
    const general = inThread(undefined)
      .slice(g0)
      .map((m) => stripTags(String(m.text)));
    expect(general.filter((t) => /deleted or closed/.test(t))).toHaveLength(1);
    expect(general.filter((t) => /SOL/.test(t) && /grade/i.test(t))).toHaveLength(2);
    expect(await store.subscriptions.list(topic)).toEqual([]);
    expect((await store.subscriptions.list(generalOf(topic))).map((s) => s.tokenId)).toEqual([SOL]);
    // Each was tried once in the deleted topic, never again.
    expect(intoA() - tried0).toBe(2);
    expect(await app.outbox.deadLetters()).toEqual([]);
  }, 90_000);

  it("a Russian group reads the topic-moved notice in Russian (the group's language, issue 22)", async () => {
    const topic = topicDestination(String(CHAT), B);
    await store.settings.update(destinationKey(generalOf(topic)), { language: 'ru' });
    fake.setTopicRule(CHAT, B, 'closed');
    const g0 = inThread(undefined).length;
    await app.outbox.enqueue([
      {
        id: 'gone-ru',
        destination: topic,
        events: [
          {
            id: 'gr1',
            kind: 'grade_change',
            tokenId: ETH,
            symbol: 'ETH',
            name: 'Ethereum',
            at: Date.now(),
            priority: 10,
            from: 'B',
            to: 'A',
          },
        ],
        createdAt: Date.now(),
        origin: 'tick',
      },
    ]);
    await app.outbox.drain(45_000);
    const general = inThread(undefined)
      .slice(g0)
      .map((m) => stripTags(String(m.text)));
    expect(
      general.filter((t) => t.startsWith(`Не удалось отправить сообщение в тему форума #${B}:`)),
    ).toHaveLength(1);
    expect(general.filter((t) => /deleted or closed/.test(t))).toHaveLength(0);
    await store.settings.update(destinationKey(generalOf(topic)), { language: null });
  }, 90_000);
});
