import { describe, expect, it } from 'vitest';
import { layersFor, type MemberIntent, resolveTarget } from '#commands/index.js';
import type { CommandContext, Place } from '#commands/types.js';
import type { Destination, Platform } from '#src/domain/types.js';
import { makeCtx } from './fakes.js';

const DM: Place = { kind: 'dm' };
const TG_GROUP: Place = { kind: 'group', parentId: '-100', chatId: '-100' };
const DC_CHANNEL: Place = { kind: 'channel', parentId: 'g1', channelId: 'c1' };

const sameGuild: Destination = { platform: 'discord', kind: 'channel', id: 'c2', parentId: 'g1' };
const resolveChannel: NonNullable<CommandContext['resolveChannel']> = async (id) => {
  if (id === 'c2') return { ok: true, destination: sameGuild };
  if (id === 'dm') return { ok: true, destination: { platform: 'discord', kind: 'dm', id: '1' } };
  if (id === 'x9')
    return { ok: true, destination: { platform: 'discord', kind: 'channel', id: 'x9', parentId: 'g2' } };
  return { ok: false, reason: 'missing' };
};

type Want = string | { refused: RegExp; deepLink?: string };

/** [case, platform, place, moderator, intent, channel option, expected destination key or refusal] */
const CASES: ReadonlyArray<
  readonly [string, Platform, Place, boolean, MemberIntent | 'channel', string | undefined, Want]
> = [
  ['telegram DM subscribe', 'telegram', DM, false, 'subscribe', undefined, 'telegram:dm:42'],
  ['telegram DM settings', 'telegram', DM, false, 'settings', undefined, 'telegram:dm:42'],
  ['console DM list', 'console', DM, false, 'list', undefined, 'console:dm:42'],
  ['discord DM', 'discord', DM, false, 'subscribe', undefined, 'discord:dm:42'],
  ['discord channel member', 'discord', DC_CHANNEL, false, 'subscribe', undefined, 'discord:dm:42'],
  [
    'discord channel moderator (member cmd still DM)',
    'discord',
    DC_CHANNEL,
    true,
    'settings',
    undefined,
    'discord:dm:42',
  ],
  ['group admin subscribe', 'telegram', TG_GROUP, true, 'subscribe', undefined, 'telegram:group:-100'],
  ['group admin settings', 'telegram', TG_GROUP, true, 'settings', undefined, 'telegram:group:-100'],
  [
    'group member subscribe',
    'telegram',
    TG_GROUP,
    false,
    'subscribe',
    undefined,
    { refused: /private chat/, deepLink: 'sub_SOL' },
  ],
  [
    'group member unsubscribe',
    'telegram',
    TG_GROUP,
    false,
    'unsubscribe',
    undefined,
    { refused: /Only group admins/ },
  ],
  ['group member list', 'telegram', TG_GROUP, false, 'list', undefined, { refused: /Only group admins/ }],
  [
    'group member settings',
    'telegram',
    TG_GROUP,
    false,
    'settings',
    undefined,
    { refused: /alert settings/ },
  ],
  ['channel: moderator here', 'discord', DC_CHANNEL, true, 'channel', undefined, 'discord:channel:c1'],
  ['channel: moderator same guild', 'discord', DC_CHANNEL, true, 'channel', 'c2', 'discord:channel:c2'],
  [
    'channel: moderator other guild',
    'discord',
    DC_CHANNEL,
    true,
    'channel',
    'x9',
    { refused: /not in this server/ },
  ],
  [
    'channel: resolver says dm',
    'discord',
    DC_CHANNEL,
    true,
    'channel',
    'dm',
    { refused: /not in this server/ },
  ],
  [
    'channel: resolver refuses',
    'discord',
    DC_CHANNEL,
    true,
    'channel',
    'zz',
    { refused: /can't use that channel: missing/ },
  ],
  ['channel: member', 'discord', DC_CHANNEL, false, 'channel', undefined, { refused: /Only moderators/ }],
  ['channel: in a DM', 'discord', DM, true, 'channel', undefined, { refused: /server channel only/ }],
  [
    'channel: in a Telegram group',
    'telegram',
    TG_GROUP,
    true,
    'channel',
    undefined,
    { refused: /server channel only/ },
  ],
];

describe('resolveTarget', () => {
  it.each(CASES)('%s', async (_label, platform, place, moderator, intent, channelId, want) => {
    const ctx = makeCtx({ platform, place, moderator, resolveChannel });
    const r = await resolveTarget(ctx, intent, { symbol: 'SOL', ...(channelId ? { channelId } : {}) });
    if (typeof want === 'string') {
      expect(r.ok).toBe(true);
      if (r.ok) {
        const d = r.target.destination;
        expect(`${d.platform}:${d.kind}:${d.id}`).toBe(want);
        expect(r.target.layers.at(-1)?.scope).toBe(want);
      }
    } else {
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.reply.lines.join(' ')).toMatch(want.refused);
        expect(r.reply.deepLinkPayload).toBe(want.deepLink);
      }
    }
    // Moderator status is asked only where it matters (groups and /channel), never for DMs.
    const asks = intent === 'channel' ? place.kind === 'channel' : place.kind === 'group';
    expect(ctx.modChecks).toBe(asks ? 1 : 0);
  });

  it('GIVEN each kind of destination THEN its settings layers', () => {
    expect(layersFor({ platform: 'telegram', kind: 'dm', id: '1' })).toEqual([
      { label: 'yours', source: 'yours', scope: 'telegram:dm:1' },
    ]);
    expect(layersFor({ platform: 'discord', kind: 'channel', id: 'c', parentId: 'g' })).toEqual([
      { label: 'server default', source: 'server-default', scope: 'parent:discord:g' },
      { label: 'this channel', source: 'channel', scope: 'discord:channel:c' },
    ]);
    expect(layersFor({ platform: 'telegram', kind: 'group', id: '-5', parentId: '-5' })).toEqual([
      { label: 'group default', source: 'group-default', scope: 'parent:telegram:-5' },
      { label: 'this group', source: 'group', scope: 'telegram:group:-5' },
    ]);
  });
});
