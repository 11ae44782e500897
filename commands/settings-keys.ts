import { formatDuration, formatNumber, formatTime } from '#src/domain/format.js';
import {
  DEFAULT_SETTINGS,
  type EffectiveSettings,
  PING_KINDS,
  type PingKind,
  resolveSettings,
  type Settings,
  type SettingsPatch,
} from '#src/domain/types.js';
import { LOCALES, parseLanguageSetting } from '#src/i18n/locales.js';
import { excerpt } from './format.js';
import { type Parsed, parseDurationArg, parseNumberIn, parseQuietHours } from './parse.js';

/**
 * The `/settings` keys: how each is parsed, stored and shown. Ranges are the product's (see Settings).
 */
export const SETTING_KEYS = [
  'proximity',
  'sharpe',
  'cooldown',
  'maxperhour',
  'minstrength',
  'quiet',
  'mute',
  'mutemode',
  'charts',
  'pingon',
  'language',
] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Longest mute, ms (30 days). */
export const MAX_MUTE_MS = 30 * DAY;

interface KeyDef {
  readonly field: keyof Settings;
  /** Accepted values, for help and errors. */
  readonly hint: string;
  parse(raw: string, now: number): Parsed<Settings>;
  show(eff: EffectiveSettings, now: number): string;
}

const patch = <T>(p: Parsed<T>, make: (v: T) => Settings): Parsed<Settings> =>
  p.ok ? { ok: true, value: make(p.value) } : p;

export const KEY_DEFS: Readonly<Record<SettingKey, KeyDef>> = {
  proximity: {
    field: 'proximityPct',
    hint: 'percent of price, 0.1 to 20 (e.g. 1.5)',
    parse: (raw) => patch(parseNumberIn(raw, 0.1, 20), (v) => ({ proximityPct: v })),
    show: (e) => `${formatNumber(e.proximityPct)}%`,
  },
  sharpe: {
    field: 'sharpeThreshold',
    hint: 'a number from -10 to 10 (e.g. 1)',
    parse: (raw) => patch(parseNumberIn(raw, -10, 10), (v) => ({ sharpeThreshold: v })),
    show: (e) => formatNumber(e.sharpeThreshold),
  },
  cooldown: {
    field: 'cooldownSec',
    hint: 'a duration from 1m to 7d (e.g. 30m, 2h)',
    parse: (raw) => patch(parseDurationArg(raw, MINUTE, 7 * DAY), (ms) => ({ cooldownSec: ms / 1000 })),
    show: (e) => formatDuration(e.cooldownSec * 1000),
  },
  maxperhour: {
    field: 'maxPerHour',
    hint: 'a whole number from 1 to 120',
    parse: (raw) => patch(parseNumberIn(raw, 1, 120, true), (v) => ({ maxPerHour: v })),
    show: (e) => String(e.maxPerHour),
  },
  minstrength: {
    field: 'minStrength',
    hint: 'level strength from 0 to 100',
    parse: (raw) => patch(parseNumberIn(raw, 0, 100), (v) => ({ minStrength: v })),
    show: (e) => formatNumber(e.minStrength),
  },
  quiet: {
    field: 'quietHours',
    hint: 'HH:MM-HH:MM and a time zone (e.g. 22:00-07:00 Europe/Berlin), or off',
    parse: (raw) => patch(parseQuietHours(raw), (v) => ({ quietHours: v })),
    show: (e) => (e.quietHours ? `${e.quietHours.start}-${e.quietHours.end} ${e.quietHours.tz}` : 'off'),
  },
  mute: {
    field: 'mutedUntil',
    hint: 'a duration up to 30d (e.g. 2h, 1d), or off',
    parse: (raw, now) =>
      /^off$/i.test(raw.trim())
        ? { ok: true, value: { mutedUntil: null } }
        : patch(parseDurationArg(raw, MINUTE, MAX_MUTE_MS), (ms) => ({ mutedUntil: now + ms })),
    show: (e, now) =>
      e.mutedUntil !== null && e.mutedUntil > now
        ? `until ${formatTime(e.mutedUntil)} (${formatDuration(e.mutedUntil - now)} left)`
        : 'off',
  },
  mutemode: {
    field: 'muteMode',
    hint: 'hold (deliver after the mute) or drop',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      return v === 'hold' || v === 'drop'
        ? { ok: true, value: { muteMode: v } }
        : { ok: false, error: `"${excerpt(raw.trim(), 16)}" is neither hold nor drop.` };
    },
    show: (e) => e.muteMode,
  },
  charts: {
    field: 'charts',
    hint: 'on (a chart with level alerts) or off',
    parse: (raw) => {
      const v = raw.trim().toLowerCase();
      return v === 'on' || v === 'off'
        ? { ok: true, value: { charts: v === 'on' } }
        : { ok: false, error: `"${excerpt(raw.trim(), 16)}" is neither on nor off.` };
    },
    show: (e) => (e.charts ? 'on' : 'off'),
  },
  pingon: {
    field: 'pingOn',
    hint: `which alerts ping a channel's role (Discord): ${PING_KINDS.join(',')}, all or none`,
    parse: (raw) => {
      const p = parsePingKinds(raw);
      return p.ok ? { ok: true, value: { pingOn: p.value } } : p;
    },
    show: (e) => (e.pingOn.length === 0 ? 'none' : e.pingOn.join(',')),
  },
  language: {
    field: 'language',
    hint: `${LOCALES.join('|')}, or auto (the platform's language)`,
    parse: (raw) => {
      const v = parseLanguageSetting(raw);
      if (v === undefined) {
        return {
          ok: false,
          error: `"${excerpt(raw.trim(), 16)}" is not a language I speak. Use ${LOCALES.join(', ')} or auto.`,
        };
      }
      return { ok: true, value: { language: v === 'auto' ? null : v } };
    },
    show: (e) => e.language ?? 'auto',
  },
};

/** `breakout,flip` | `all` | `none` → the kinds in canonical order; anything else is refused by name. */
export function parsePingKinds(raw: string): Parsed<PingKind[]> {
  const v = raw.trim().toLowerCase();
  if (v === 'all') return { ok: true, value: [...PING_KINDS] };
  if (v === 'none') return { ok: true, value: [] };
  const parts = v
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  const unknown = parts.filter((x) => !(PING_KINDS as readonly string[]).includes(x));
  if (parts.length === 0 || unknown.length > 0) {
    return {
      ok: false,
      error: `"${excerpt(unknown[0] ?? raw.trim(), 16)}" is not an alert kind to ping on. Use ${PING_KINDS.join(',')}, all or none.`,
    };
  }
  return { ok: true, value: PING_KINDS.filter((k) => parts.includes(k)) };
}

/** `/settings Proximity` → `proximity`; unknown → undefined. */
export function settingKey(raw: string): SettingKey | undefined {
  const k = raw
    .trim()
    .toLowerCase()
    .replace(/[-_\s]/g, '');
  return (SETTING_KEYS as readonly string[]).includes(k) ? (k as SettingKey) : undefined;
}

/** A patch that clears fields (`null` falls back to the layer below). */
export function clearPatch(fields: ReadonlyArray<keyof Settings>): SettingsPatch {
  const out: SettingsPatch = {};
  for (const f of fields) out[f] = null;
  return out;
}

export interface LayerValues {
  readonly label: string;
  readonly settings: Settings | undefined;
}

/**
 * `key: value (source)` for every key: the effective value and the layer it comes from (the last
 * layer that sets the field), or `default`.
 */
export function effectiveLines(layers: readonly LayerValues[], now: number): string[] {
  const eff = resolveSettings(...layers.map((l) => l.settings));
  return SETTING_KEYS.map((key) => {
    const def = KEY_DEFS[key];
    let source = 'default';
    for (const l of layers) if (l.settings && l.settings[def.field] !== undefined) source = l.label;
    return `${key}: ${def.show(eff, now)} (${source})`;
  });
}

/** Default values, for help. */
export const DEFAULT_LINES = SETTING_KEYS.map((k) => `${k}: ${KEY_DEFS[k].show(DEFAULT_SETTINGS, 0)}`);
