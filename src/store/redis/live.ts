import { readStoredLiveSet } from '../live-memory.js';
import type { LivePriceStore } from '../live-ports.js';
import { parseJson, ttl } from '../shared.js';
import type { RedisCtx } from './client.js';

const holderHead = (holder: string) => `{"holder":${JSON.stringify(holder)},`;

/**
 * The live set as one string key, written whole (SET PX: one command, one round trip) by the stream holder
 * about once a second. The holder comes first in the JSON so `release` can check it without decoding.
 */
export function redisLivePrices(r: RedisCtx): LivePriceStore {
  const key = r.keys.live;
  return {
    async publish(set, ttlMs) {
      const until = set.publishedAt + ttl(ttlMs);
      const json = `${holderHead(set.holder)}"until":${until},"set":${JSON.stringify(set)}}`;
      await r.call((c) => c.set(key, json, 'PX', ttl(ttlMs)));
    },
    async read(now) {
      return readStoredLiveSet(parseJson(await r.call((c) => c.get(key))), now);
    },
    async release(holder) {
      await r.script('liveRelease', key, holderHead(holder));
    },
  };
}
