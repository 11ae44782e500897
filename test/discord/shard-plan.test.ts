import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shardPlan } from '#src/platforms/discord/gateway.js';
import { type GatewayFake, startGatewayFake } from '../fakes/discord-gateway.js';

/** DISCORD_SHARDS against GET /gateway/bot: `auto` takes the recommendation, a number overrides it. */
let fake: GatewayFake;
beforeAll(async () => {
  fake = await startGatewayFake({ shards: 4, maxConcurrency: 2 });
});
afterAll(() => fake.close());

describe('shardPlan', () => {
  it('auto: Discord’s recommended count and max_concurrency', async () => {
    const cfg = { token: fake.token, apiBase: fake.apiBase };
    expect(await shardPlan(cfg, 'auto')).toEqual({ count: 4, recommended: 4, maxConcurrency: 2 });
  });

  it('a number overrides the count; pacing still comes from Discord', async () => {
    const cfg = { token: fake.token, apiBase: fake.apiBase };
    expect(await shardPlan(cfg, 8)).toEqual({ count: 8, recommended: 4, maxConcurrency: 2 });
  });

  it('a wrong token fails with Discord’s 401, and the message carries no token', async () => {
    const err = await shardPlan({ token: 'not-the-token', apiBase: fake.apiBase }, 'auto').catch(
      (e: Error) => e,
    );
    expect(err).toBeInstanceOf(Error);
    expect(String((err as Error).message)).not.toContain('not-the-token');
  });
});
