/**
 * Runs test/fakes/limit-platform.ts in its own process (so its arrival timestamps are not distorted by
 * the event loop of the process under test). Options come in TW_FAKE (JSON); the parent talks over IPC.
 */
import { type LimitPlatformOptions, startLimitPlatform } from './limit-platform.js';

const fake = await startLimitPlatform(JSON.parse(process.env.TW_FAKE ?? '{}') as LimitPlatformOptions);
process.on('message', (msg: { id: number; op: 'counts' | 'posts' | 'close' }) => {
  const reply = (data: unknown) => process.send?.({ id: msg.id, data });
  if (msg.op === 'counts') reply(fake.counts);
  else if (msg.op === 'posts') reply(fake.posts);
  else
    void fake.close().then(() => {
      reply(null);
      process.exit(0);
    });
});
// The parent died (kill -9, a timeout): don't linger.
process.on('disconnect', () => process.exit(0));
process.send?.({ id: 0, data: fake.url });
