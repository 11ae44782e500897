import { beforeEach, describe, expect, it } from 'vitest';
import { actions, handleAction } from '#commands/index.js';
import type { CommandDeps } from '#commands/types.js';
import type { Destination } from '#src/domain/types.js';
import { type CommandStore, call, dm, makeCtx, makeDeps, memoryCommandStore, NOW, text } from './fakes.js';
import { STORES } from './stores.js';

const H = 3_600_000;
const me = dm('telegram', '42');
const group: Destination = { platform: 'telegram', kind: 'group', id: '-9', parentId: '-9' };
const groupPlace = { kind: 'group', parentId: '-9', chatId: '-9' } as const;

describe.each(STORES)('alert buttons (%s store)', (_name, open) => {
  let store: CommandStore;
  let deps: CommandDeps;
  beforeEach(async () => {
    store = open();
    deps = makeDeps(store);
    await store.subscriptions.subscribe(me, 3988, 'SOL', ['levels', 'signal'], NOW);
    await store.subscriptions.subscribe(group, 3988, 'SOL', ['levels'], NOW);
  });

  it('GIVEN mute:3988:1d in a DM THEN the token is muted for a day on that DM only', async () => {
    await store.settings.update('telegram:dm:42', { tokenMutes: { '1': NOW - 1, '2': NOW + H } });
    const r = await handleAction(actions.mute(3988), makeCtx(), deps);
    expect(r.kind).toBe('ok');
    expect(text(r)).toContain('Muted SOL alerts for 1d (until 2026-11-29 12:00 UTC)');
    // The expired mute of token 1 is pruned; token 2's still runs.
    expect((await store.settings.get('telegram:dm:42'))?.tokenMutes).toEqual({
      '2': NOW + H,
      '3988': NOW + 24 * H,
    });
    expect(await store.settings.get('telegram:group:-9')).toBeUndefined();
  });

  it('GIVEN unsub:3988 in a DM THEN removed, and a second click says so', async () => {
    expect(text(await handleAction('unsub:3988', makeCtx(), deps))).toContain('Unsubscribed from SOL');
    expect(await store.subscriptions.list(me)).toEqual([]);
    expect(text(await handleAction('unsub:3988', makeCtx(), deps))).toContain(
      'Already unsubscribed from SOL',
    );
    expect((await store.subscriptions.list(group)).length).toBe(1);
  });

  it.each([
    ['a group member', false, 'error', 1],
    ['a group admin', true, 'ok', 0],
  ])('GIVEN unsub under a group alert clicked by %s THEN %s', async (_who, moderator, kind, left) => {
    const ctx = makeCtx({ place: groupPlace, moderator });
    const r = await handleAction('unsub:3988', ctx, deps);
    expect(r.kind).toBe(kind);
    expect(ctx.modChecks).toBe(1);
    expect((await store.subscriptions.list(group)).length).toBe(left);
    expect((await store.subscriptions.list(me)).length).toBe(1);
  });

  it('GIVEN mute in a Discord channel by a non-moderator THEN refused, nothing stored', async () => {
    const ctx = makeCtx({ platform: 'discord', place: { kind: 'channel', parentId: 'g', channelId: 'c' } });
    expect((await handleAction('mute:3988:1d', ctx, deps)).kind).toBe('error');
    expect(await store.settings.get('discord:channel:c')).toBeUndefined();
  });

  it.each([
    '',
    'mute',
    'mute:',
    'mute:3988',
    'mute:3988:',
    'mute:3988:1y',
    'mute:3988:31d',
    'mute:3988:0m',
    'mute:3988:1d:extra',
    'mute:0:1d',
    'mute:-5:1d',
    'mute:03988:1d',
    'mute:abc:1d',
    'mute:1e3:1d',
    'mute:99999999999999999999:1d',
    'MUTE:3988:1d',
    ' mute:3988:1d',
    'mute:3988:1d\n',
    'unsub',
    'unsub:',
    'unsub:3988:1d',
    'unsub:<b>1</b>',
    'unsub:3988;unsub:1',
    'sub:3988',
    `unsub:${'9'.repeat(30)}`,
  ])('GIVEN malformed action %j THEN an error and nothing changes', async (action) => {
    const r = await handleAction(action, makeCtx(), deps);
    expect(r.kind).toBe('error');
    expect(r.lines).toEqual(['That button is not valid anymore.']);
    expect((await store.subscriptions.list(me)).length).toBe(1);
    expect(await store.settings.get('telegram:dm:42')).toBeUndefined();
  });
});

describe('oversized actions', () => {
  it('GIVEN a 5,000-character action THEN refused', async () => {
    const deps = makeDeps(memoryCommandStore());
    expect((await handleAction('x'.repeat(5000), makeCtx(), deps)).kind).toBe('error');
    expect((await handleAction(`unsub:${'9'.repeat(70)}`, makeCtx(), deps)).kind).toBe('error');
  });
});

describe('never throws', () => {
  it('GIVEN a directory and a store that throw THEN generic error replies', async () => {
    const store = memoryCommandStore();
    const boom = async () => {
      throw new Error('secret-token-123 leaked?');
    };
    const deps = makeDeps(store, { directory: { resolve: boom, search: boom, byId: boom } });
    const r = await call(makeCtx(), deps, 'subscribe', { symbol: 'SOL' });
    expect(r.kind).toBe('error');
    expect(text(r)).not.toContain('secret');
    const ctx = { ...makeCtx({ place: groupPlace }), isModerator: boom };
    const r2 = await handleAction('unsub:1', ctx, deps);
    expect(r2.kind).toBe('error');
  });
});
