import { PassThrough } from 'node:stream';
import { type App, type AppOverrides, createApp } from '#src/app/create-app.js';
import { type Config, parseConfig } from '#src/config/index.js';
import type { Destination } from '#src/domain/types.js';
import { createReplaySource, DEFAULT_SCENARIO, type ReplaySource } from '#src/market/index.js';
import { silentLogger } from '#src/obs/logger.js';
import { type ConsolePlatform, createConsolePlatform } from '#src/platforms/console/index.js';
import type { Store } from '#src/store/ports.js';

/** Scenario token ids (src/market/replay/scenario.ts). */
export const TOK = {
  BTC: { id: 3375, symbol: 'BTC' },
  ETH: { id: 3306, symbol: 'ETH' },
  SOL: { id: 3988, symbol: 'SOL' },
  DOGE: { id: 3378, symbol: 'DOGE' },
} as const;

/** A fixed hour so quiet-hours tests are reproducible: 2026-01-15 08:00 UTC (09:00 in Berlin). */
export const ANCHOR = Date.UTC(2026, 0, 15, 8);
export const STEP_MS = DEFAULT_SCENARIO.stepMs;
export const at = (step: number) => ANCHOR + step * STEP_MS;

export const dm: Destination = { platform: 'console', kind: 'dm', id: 'alice' };
export const channel: Destination = { platform: 'console', kind: 'channel', id: 'alerts', parentId: 'guild' };

export function testConfig(env: Record<string, string> = {}): Config {
  const r = parseConfig({
    DATA_DIR: '/tmp/tokenwatch-test-unused',
    REFRESH_DAILY: '1h',
    TM_MONTHLY_CALLS: '1000000',
    LOG_LEVEL: 'silent',
    ...env,
  });
  if (!r.ok) throw new Error(r.problems.join('; '));
  return r.config;
}

export interface TestApp {
  readonly app: App;
  readonly console: ConsolePlatform;
  readonly replay: ReplaySource;
  /** Sets the replay step and runs the tick at that step's time. */
  step(n: number): ReturnType<App['tick']>;
}

/** Config knobs a test may set on top of `testConfig()` (or its own `config`). */
type Knobs = Pick<Config, 'instanceId' | 'keyPrefix' | 'outboxKind'>;

export async function makeApp(
  store: Store,
  {
    config,
    instanceId,
    keyPrefix,
    outboxKind,
    ...overrides
  }: Partial<AppOverrides> & { config?: Config } & Knobs = {},
): Promise<TestApp> {
  const replay = createReplaySource(DEFAULT_SCENARIO, { anchorMs: ANCHOR });
  const consoleP = createConsolePlatform({ out: new PassThrough().resume() });
  const knobs: Knobs = {
    ...(instanceId !== undefined ? { instanceId } : {}),
    ...(keyPrefix !== undefined ? { keyPrefix } : {}),
  };
  const app = await createApp(
    {
      ...(config ?? testConfig()),
      outboxKind: outboxKind ?? 'memory',
      httpPort: false,
      schedule: false,
      ...knobs,
    },
    {
      store,
      market: replay,
      logger: silentLogger(),
      platforms: [consoleP],
      now: () => at(replay.step),
      ...overrides,
    },
  );
  return {
    app,
    console: consoleP,
    replay,
    step(n) {
      replay.setStep(n);
      return app.tick(at(n));
    },
  };
}

export async function subscribe(
  store: Store,
  d: Destination,
  tok: { id: number; symbol: string },
  types: Parameters<Store['subscriptions']['subscribe']>[3] = ['signal', 'levels', 'risk', 'grade'],
): Promise<void> {
  await store.subscriptions.subscribe(d, tok.id, tok.symbol, types, ANCHOR - 1000);
}
