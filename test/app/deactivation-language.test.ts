import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { SendError } from '#src/delivery/ports.js';
import { destinationKey } from '#src/domain/types.js';
import { SCENARIO_MARKS } from '#src/market/index.js';
import { createConsolePlatform } from '#src/platforms/console/index.js';
import type { PlatformLink } from '#src/platforms/types.js';
import { openSqliteStore } from '#src/store/index.js';
import { parentScope } from '#src/store/ports.js';
import { channel, makeApp, subscribe, TOK } from './helpers.js';

/**
 * The composition root tells the platform a deactivated destination's own language (issue 22): a
 * channel set to Spanish (on the server default) gets its "stopped posting" notice in Spanish, one
 * without a language leaves the choice to the platform (Discord: the server's guild_locale).
 */
const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());

describe('a deactivated destination is reported with its language', () => {
  it('the server default’s language reaches reportDeactivation; none set → undefined', async () => {
    const consoleP = createConsolePlatform({ out: new PassThrough().resume() });
    const reports: Array<[string, string, string | undefined]> = [];
    const failing: PlatformLink = {
      platform: 'console',
      receiver: (c) => consoleP.receiver(c),
      sender: {
        ...consoleP.sender,
        send: async () => {
          throw new SendError('Missing Permissions', 'permanent', { reason: 'missing_permissions' });
        },
      },
      reportDeactivation: async (d, reason, language) => void reports.push([d.id, reason, language]),
    };
    const english = { ...channel, id: 'english' };
    const unset = { ...channel, id: 'unset', parentId: 'other-guild' };
    for (const d of [channel, english, unset]) await subscribe(store, d, TOK.SOL);
    // The Spanish setting sits on the server-default layer: the channel inherits it, `english` overrides it.
    await store.settings.update(parentScope('console', channel.parentId ?? ''), { language: 'es' });
    await store.settings.update(destinationKey(english), { language: 'en' });
    const t = await makeApp(store, { platforms: [failing] });
    await t.app.start();
    try {
      await t.step(SCENARIO_MARKS.baseline);
      await t.step(SCENARIO_MARKS.solApproach);
      await t.app.outbox.drain(10_000);
      expect(reports.find(([id]) => id === channel.id)).toEqual([channel.id, 'missing_permissions', 'es']);
      expect(reports.find(([id]) => id === english.id)).toEqual([english.id, 'missing_permissions', 'en']);
      expect(reports.find(([id]) => id === unset.id)).toEqual([unset.id, 'missing_permissions', undefined]);
    } finally {
      await t.app.stop();
    }
  });
});
