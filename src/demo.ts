/**
 * `npm run demo`: the real pipeline with zero configuration. The bundled replay scenario (30 hourly
 * steps) runs through the tick, planner and SQLite outbox into the console platform, with a simulated
 * clock (one hour per step) so quiet hours can begin and end within seconds. Prints each alert as it
 * would be posted, then a summary. Everything lives in a temp dir that is removed at the end.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from './app/create-app.js';
import { parseConfig } from './config/index.js';
import type { OutboundMessage } from './delivery/ports.js';
import type { Destination } from './domain/types.js';
import { createReplaySource, DEFAULT_SCENARIO, SCENARIO_MARKS } from './market/index.js';
import { silentLogger } from './obs/logger.js';
import type { TickReport } from './pipeline/tick.js';
import { type ConsolePlatform, createConsolePlatform } from './platforms/console/index.js';
import { renderMessage } from './platforms/console/render.js';
import { openSqliteStore } from './store/index.js';
import { countStoreCalls } from './store/instrumented.js';

/** 2026-01-15 16:00 UTC = 17:00 in Berlin: the group's quiet hours (22:00-07:00) are steps 5 to 13. */
const ANCHOR = Date.UTC(2026, 0, 15, 16);
const STEP_MS = DEFAULT_SCENARIO.stepMs;
/** The step after which a crash is simulated (enqueued, not committed) to show dedup at work. */
const CRASH_STEP = SCENARIO_MARKS.solTouch;

const CHANNEL: Destination = { platform: 'console', kind: 'channel', id: 'trading', parentId: 'guild-1' };
const GROUP: Destination = { platform: 'console', kind: 'group', id: 'crypto-club', parentId: 'crypto-club' };

const out = process.stdout;
const say = (s = '') => out.write(`${s}\n`);
const clock = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const label = (d: Destination) =>
  d.kind === 'dm'
    ? `DM @${d.id}`
    : d.kind === 'channel'
      ? `#${d.id} (Discord-like channel)`
      : `group ${d.id}`;

function format(m: OutboundMessage): string {
  const held = m.origin === 'held' ? '  [held digest]' : '';
  return `\n[${clock(m.createdAt)} UTC] → ${label(m.destination)}${held}\n${renderMessage(m)}`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenwatch-demo-'));
  const parsed = parseConfig({
    DATA_DIR: dir,
    LOG_LEVEL: 'silent',
    REFRESH_DAILY: '1h',
    TM_MONTHLY_CALLS: '1000000',
  });
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  // Counted so the summary can show how many store calls a tick makes.
  const store = countStoreCalls(openSqliteStore({ file: join(dir, 'tokenwatch.db') }));
  const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
  let now = ANCHOR;
  // Its receiver gets the commands from the app, so Alice's lines run as commands.
  const cli = createConsolePlatform({ out, userId: 'alice', format, now: () => now });
  const app = await createApp(
    { ...parsed.config, httpPort: false, schedule: false },
    {
      store,
      market: replay,
      logger: silentLogger(),
      now: () => now,
      platforms: [cli],
    },
  );
  try {
    say('tokenwatch demo: the bundled replay through the real pipeline (SQLite store + outbox, console).');
    say(
      `Data: ${DEFAULT_SCENARIO.tokens.length} tokens, ${replay.steps} hourly steps, simulated clock from ${clock(ANCHOR)} UTC.\n`,
    );
    say('Alice subscribes in her DM with default settings (proximity 2 %, Sharpe 1.0, cooldown 1 h):');
    for (const line of ['/subscribe SOL', '/subscribe BTC', '/subscribe ETH all', '/subscribe DOGE']) {
      say(`> ${line}`);
      await cli.runLine(line);
    }
    say('\nA moderator points #trading at SOL and ETH levels with its own threshold (proximity 3 %),');
    say('and the group crypto-club follows SOL and BTC with quiet hours 22:00-07:00 Europe/Berlin.');
    for (const [d, sym, id] of [
      [CHANNEL, 'SOL', 3988],
      [CHANNEL, 'ETH', 3306],
      [GROUP, 'SOL', 3988],
      [GROUP, 'BTC', 3375],
    ] as const) {
      await store.subscriptions.subscribe(
        d,
        id,
        sym,
        d === CHANNEL ? ['levels'] : ['signal', 'levels', 'risk', 'grade'],
        now,
      );
    }
    await store.settings.update('console:channel:trading', { proximityPct: 3 });
    await store.settings.update('console:group:crypto-club', {
      quietHours: { start: '22:00', end: '07:00', tz: 'Europe/Berlin' },
    });
    await app.start();

    const reports: TickReport[] = [];
    const storeCalls: number[] = [];
    for (let step = 0; step < replay.steps; step++) {
      now = ANCHOR + step * STEP_MS;
      replay.setStep(step);
      if (step === CRASH_STEP) {
        // Simulated crash: the tick enqueues its messages, then dies before committing the snapshot.
        const putMany = store.snapshots.putMany;
        store.snapshots.putMany = async () => {
          throw new Error('simulated crash before commit');
        };
        const crashedFrom = store.calls();
        const crashed = await app.tick(now);
        storeCalls.push(store.calls() - crashedFrom);
        store.snapshots.putMany = putMany;
        reports.push(crashed);
        await app.outbox.drain(10_000);
        say(
          `\n💥 [${clock(now)} UTC] simulated crash after enqueueing ${crashed.messages} message(s), before the commit.`,
        );
        say('   The next slot re-detects the same events; dedup marks and deterministic message ids mean');
        say('   nothing is posted twice (see "dedup" in the summary).');
        now += 60_000;
      }
      const from = store.calls();
      const r = await app.tick(now);
      storeCalls.push(store.calls() - from);
      reports.push(r);
      await app.outbox.drain(10_000);
      if (step === 0)
        say(
          `\n[${clock(now)} UTC] first tick: baseline for ${r.observed} tokens, no alerts (first sight is silent).`,
        );
    }
    say('\n> /levels SOL');
    await cli.runLine('/levels SOL');
    printSummary(reports, storeCalls, cli.sent);
    await trustEnding(app, cli, (t) => {
      now = t;
    });
  } finally {
    await app.stop();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The demo's ending (issue 12): a week passes at the replay's last prices (a tick every 6 h decides the
 * open outcomes at their horizons), then Alice asks how the alerts did and why SOL is quiet now.
 */
async function trustEnding(
  app: Awaited<ReturnType<typeof createApp>>,
  cli: ConsolePlatform,
  setNow: (t: number) => void,
): Promise<void> {
  const last = ANCHOR + (DEFAULT_SCENARIO.steps - 1) * STEP_MS;
  for (let h = 6; h <= 7 * 24; h += 6) {
    setNow(last + h * 3600_000);
    await app.tick(last + h * 3600_000);
  }
  await app.outbox.drain(10_000);
  say(`\nA week later (${clock(last + 7 * 24 * 3600_000)} UTC), at the replay's last prices:`);
  say('\n> /stats');
  await cli.runLine('/stats');
  say('\n> /why SOL');
  await cli.runLine('/why SOL');
}

function printSummary(
  reports: readonly TickReport[],
  storeCalls: readonly number[],
  sent: readonly OutboundMessage[],
): void {
  const events: Record<string, number> = {};
  const suppressed: Record<string, number> = {
    cooldown: 0,
    dedup: 0,
    quiet_hours: 0,
    inhibited: 0,
    muted: 0,
    rate_cap: 0,
  };
  for (const r of reports) {
    for (const [k, n] of Object.entries(r.events)) events[k] = (events[k] ?? 0) + n;
    for (const [k, n] of Object.entries(r.suppressed)) suppressed[k] = (suppressed[k] ?? 0) + n;
  }
  const delivered: Record<string, number> = {};
  for (const m of sent) {
    for (const e of m.events) {
      const k = e.kind === 'signal_flip' ? `signal_flip (${e.timeframe})` : e.kind;
      delivered[k] = (delivered[k] ?? 0) + 1;
    }
  }
  say('\n=== Summary ===');
  say('Events detected by type:');
  console.table(events);
  say('Alerts delivered by type (an event goes to each subscribed destination once):');
  console.table(delivered);
  const held = sent.filter((m) => m.origin === 'held').length;
  say(
    `Messages sent: ${sent.length} (${held} held digest${held === 1 ? '' : 's'} released after quiet hours)`,
  );
  const trips = [...storeCalls].sort((a, b) => a - b);
  say(
    `Ticks: ${reports.length}; store calls per tick (one batched round trip each): median ${trips[Math.floor(trips.length / 2)]}, max ${trips.at(-1)} (batched: independent of the number of subscribers)`,
  );
  say('Suppressed by reason (quiet_hours/muted/rate_cap are held and delivered later, not lost):');
  console.table(suppressed);
}

main().catch((err: unknown) => {
  process.stderr.write(`demo failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
