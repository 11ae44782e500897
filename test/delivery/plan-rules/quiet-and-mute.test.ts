import { describe, expect, it } from 'vitest';
import { HOUR_MS, quietHoursAndMute } from '#src/delivery/plan/index.js';
import { DEFAULT_SETTINGS, type EffectiveSettings } from '#src/domain/types.js';

const at = (iso: string) => Date.parse(iso);
const NIGHT = at('2026-01-15T23:30:00Z'); // 00:30 in Berlin
const DAY = at('2026-01-15T12:00:00Z');
const berlin = { start: '22:00', end: '07:00', tz: 'Europe/Berlin' };

describe('rule 5: quietHoursAndMute (table)', () => {
  const cases: Array<{ name: string; eff: Partial<EffectiveSettings>; now: number; want: unknown }> = [
    { name: 'nothing set', eff: {}, now: DAY, want: undefined },
    { name: 'outside quiet hours', eff: { quietHours: berlin }, now: DAY, want: undefined },
    {
      name: 'inside quiet hours: held until they end',
      eff: { quietHours: berlin },
      now: NIGHT,
      want: { reason: 'quiet_hours', until: at('2026-01-16T06:00:00Z') },
    },
    {
      name: 'mute (hold) held until it ends',
      eff: { mutedUntil: DAY + HOUR_MS },
      now: DAY,
      want: { reason: 'muted', until: DAY + HOUR_MS },
    },
    {
      name: 'mute (drop) drops',
      eff: { mutedUntil: DAY + HOUR_MS, muteMode: 'drop' },
      now: DAY,
      want: { reason: 'muted_dropped', until: DAY + HOUR_MS },
    },
    { name: 'expired mute does nothing', eff: { mutedUntil: DAY }, now: DAY, want: undefined },
    {
      name: 'mute ending inside quiet hours holds to their end',
      eff: { mutedUntil: NIGHT + 60_000, quietHours: berlin },
      now: NIGHT,
      want: { reason: 'muted', until: at('2026-01-16T06:00:00Z') },
    },
    {
      name: 'mute outlasting quiet hours holds to its own end',
      eff: { mutedUntil: NIGHT + 12 * HOUR_MS, quietHours: berlin },
      now: NIGHT,
      want: { reason: 'muted', until: NIGHT + 12 * HOUR_MS },
    },
    {
      name: 'unknown time zone disables the window',
      eff: { quietHours: { start: '00:00', end: '23:59', tz: 'Mars/Olympus' } },
      now: DAY,
      want: undefined,
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(quietHoursAndMute({ ...DEFAULT_SETTINGS, ...c.eff }, c.now, new Map())).toEqual(c.want);
  });

  it('builds each zone formatter once per cache it is given', () => {
    const zones = new Map();
    quietHoursAndMute({ ...DEFAULT_SETTINGS, quietHours: berlin }, NIGHT, zones);
    quietHoursAndMute({ ...DEFAULT_SETTINGS, quietHours: berlin }, DAY, zones);
    expect([...zones.keys()]).toEqual(['Europe/Berlin']);
  });
});
