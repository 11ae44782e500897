import { describe, expect, it } from 'vitest';
import { csv, csvCell } from '#commands/csv.js';
import { EXPORT_HEADER } from '#commands/export.js';
import type { Outcome } from '#src/domain/outcome.js';
import type { Destination } from '#src/domain/types.js';
import { openSqliteStore } from '#src/store/index.js';
import { call, makeCtx, makeDeps, NOW, say, text } from './fakes.js';

const me: Destination = { platform: 'telegram', kind: 'dm', id: '42' };
const HOUR = 3_600_000;

describe('CSV', () => {
  it.each([
    ['SOL', 'SOL'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-1+2', "'-1+2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
  ])('text %j → %s', (cell, want) => {
    expect(csvCell(cell)).toBe(want);
  });
  it('numbers stay numbers (a negative move is no formula) and rows end with CRLF', () => {
    expect(csvCell(-2.5)).toBe('-2.5');
    expect(csvCell(undefined)).toBe('');
    expect(
      csv([
        ['a', 1],
        ['b', undefined],
      ]),
    ).toBe('a,1\r\nb,\r\n');
  });
});

describe('/export', () => {
  async function setup() {
    const store = openSqliteStore({ file: ':memory:' });
    const deps = makeDeps(store, { store });
    await store.alertLog.record(
      me,
      [
        {
          eventId: 'e1',
          at: NOW - 2 * HOUR,
          detectedAt: NOW - 2 * HOUR - 500,
          tokenId: 3988,
          symbol: 'SOL',
          kind: 'level_touch',
          price: 150.25,
          level: 151,
        },
        {
          eventId: 'e2',
          at: NOW - 40 * 24 * HOUR,
          detectedAt: NOW - 40 * 24 * HOUR,
          tokenId: 3375,
          symbol: '=cmd|calc',
          kind: 'grade_change',
        },
        {
          eventId: 'e3',
          at: NOW - HOUR,
          detectedAt: NOW - HOUR,
          tokenId: 3988,
          symbol: 'SOL',
          kind: 'price_alert',
          price: 211.5,
        },
      ],
      NOW,
    );
    const outcome: Outcome = {
      id: 'e1',
      tokenId: 3988,
      symbol: 'SOL',
      kind: 'touch',
      at: NOW - 2 * HOUR - 500,
      entry: 150.25,
      dir: -1,
      level: 151,
      until: NOW + 22 * HOUR,
      status: 'held',
      hit: true,
      move: -1.23456,
    };
    await store.outcomes.save([outcome], []);
    return { store, deps };
  }

  it('sends the window as a CSV document with outcomes and moves; 90d reaches further', async () => {
    const { store, deps } = await setup();
    const r = await say(makeCtx(), deps, '/export');
    expect(r.kind).toBe('ok');
    expect(text(r)).toMatch(/2 alerts delivered to you, times in UTC/);
    expect(r.document?.filename).toBe('tokenwatch-alerts-30d.csv');
    expect(r.document?.contentType).toBe('text/csv');
    const lines = Buffer.from(r.document?.bytes ?? new Uint8Array())
      .toString('utf8')
      .split('\r\n');
    expect(lines[0]).toBe(EXPORT_HEADER.join(','));
    expect(lines[1]).toBe(`${new Date(NOW - 2 * HOUR).toISOString()},SOL,level_touch,150.25,151,held,-1.235`);
    expect(lines[2]).toBe(`${new Date(NOW - HOUR).toISOString()},SOL,price_alert,211.5,,,`);
    const far = await say(makeCtx(), deps, '/export 90d');
    const csvText = Buffer.from(far.document?.bytes ?? new Uint8Array()).toString('utf8');
    expect(csvText).toContain(",'=cmd|calc,grade_change,");
    await store.close();
  });

  it('bad input gets a clear answer; nothing delivered says so; a group non-admin is refused', async () => {
    const { store, deps } = await setup();
    const bad = await say(makeCtx(), deps, '/export 2w');
    expect(bad.kind).toBe('error');
    expect(text(bad)).toMatch(/not one of: 7d, 30d, 90d|7d, 30d or 90d/);
    const none = await say(makeCtx({ userId: '99' }), deps, '/export 7d');
    expect(none.document).toBeUndefined();
    expect(text(none)).toMatch(/No alerts were delivered to you in the last 7d/);
    const group = makeCtx({ place: { kind: 'group', parentId: '-100', chatId: '-100' }, moderator: false });
    const refused = await say(group, deps, '/export');
    expect(refused.kind).toBe('error');
    expect(text(refused)).toMatch(/Only group admins can export/);
    await store.close();
  });

  it("/channel export: a Discord channel's alerts, for moderators only", async () => {
    const { store, deps } = await setup();
    const here: Destination = { platform: 'discord', kind: 'channel', id: 'c1', parentId: 'g1' };
    const place = { kind: 'channel', parentId: 'g1', channelId: 'c1' } as const;
    await store.alertLog.record(
      here,
      [
        {
          eventId: 'e9',
          at: NOW - HOUR,
          detectedAt: NOW - HOUR,
          tokenId: 3988,
          symbol: 'SOL',
          kind: 'signal_flip',
          price: 148,
        },
      ],
      NOW,
    );
    const member = makeCtx({ platform: 'discord', place, moderator: false });
    const refused = await call(member, deps, 'channel', { window: '7d' }, 'export');
    expect(refused.kind).toBe('error');
    expect(refused.document).toBeUndefined();
    const mod = makeCtx({ platform: 'discord', place, moderator: true });
    const r = await call(mod, deps, 'channel', { window: '7d' }, 'export');
    expect(text(r)).toMatch(/1 alert delivered to this channel/);
    const body = Buffer.from(r.document?.bytes ?? new Uint8Array()).toString('utf8');
    expect(body.split('\r\n')[1]).toMatch(/,SOL,signal_flip,148,,,$/);
    await store.close();
  });
});
