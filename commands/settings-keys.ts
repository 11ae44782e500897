import { formatDuration, formatNumber, formatTime } from '#src/domain/format.js';
import {
  type EffectiveSettings,
  PING_KINDS,
  type PingKind,
  resolveSettings,
  type Settings,
  type SettingsPatch,
} from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { LOCALES, parseLanguageSetting } from '#src/i18n/locales.js';
import { excerpt } from './format.js';
import { type Parsed, parseDurationArg, parseNumberIn, parseQuietHours } from './parse.js';
import type { LayerSource } from './target.js';

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

/**
 * One key. Texts take the reply's translator: `hint` (accepted values, for help and errors), parse
 * errors, and shown values that are words (`until …`); typed keywords (`on`, `off`, `hold`, `none`,
 * `auto`) are shown as typed in every language.
 */
interface KeyDef {
  readonly field: keyof Settings;
  hint(t: Translate): string;
  parse(raw: string, now: number, t: Translate): Parsed<Settings>;
  show(eff: EffectiveSettings, now: number, t: Translate): string;
}

const patch = <T>(p: Parsed<T>, make: (v: T) => Settings): Parsed<Settings> =>
  p.ok ? { ok: true, value: make(p.value) } : p;

export const KEY_DEFS: Readonly<Record<SettingKey, KeyDef>> = {
  proximity: {
    field: 'proximityPct',
    hint: (t) => t('settings-hint-proximity'),
    parse: (raw, _now, t) => patch(parseNumberIn(raw, 0.1, 20, false, t), (v) => ({ proximityPct: v })),
    show: (e) => `${formatNumber(e.proximityPct)}%`,
  },
  sharpe: {
    field: 'sharpeThreshold',
    hint: (t) => t('settings-hint-sharpe'),
    parse: (raw, _now, t) => patch(parseNumberIn(raw, -10, 10, false, t), (v) => ({ sharpeThreshold: v })),
    show: (e) => formatNumber(e.sharpeThreshold),
  },
  cooldown: {
    field: 'cooldownSec',
    hint: (t) => t('settings-hint-cooldown'),
    parse: (raw, _now, t) =>
      patch(parseDurationArg(raw, MINUTE, 7 * DAY, t), (ms) => ({ cooldownSec: ms / 1000 })),
    show: (e) => formatDuration(e.cooldownSec * 1000),
  },
  maxperhour: {
    field: 'maxPerHour',
    hint: (t) => t('settings-hint-maxperhour'),
    parse: (raw, _now, t) => patch(parseNumberIn(raw, 1, 120, true, t), (v) => ({ maxPerHour: v })),
    show: (e) => String(e.maxPerHour),
  },
  minstrength: {
    field: 'minStrength',
    hint: (t) => t('settings-hint-minstrength'),
    parse: (raw, _now, t) => patch(parseNumberIn(raw, 0, 100, false, t), (v) => ({ minStrength: v })),
    show: (e) => formatNumber(e.minStrength),
  },
  quiet: {
    field: 'quietHours',
    hint: (t) => t('settings-hint-quiet'),
    parse: (raw, _now, t) => patch(parseQuietHours(raw, t), (v) => ({ quietHours: v })),
    show: (e) => (e.quietHours ? `${e.quietHours.start}-${e.quietHours.end} ${e.quietHours.tz}` : 'off'),
  },
  mute: {
    field: 'mutedUntil',
    hint: (t) => t('settings-hint-mute'),
    parse: (raw, now, t) =>
      /^off$/i.test(raw.trim())
        ? { ok: true, value: { mutedUntil: null } }
        : patch(parseDurationArg(raw, MINUTE, MAX_MUTE_MS, t), (ms) => ({ mutedUntil: now + ms })),
    show: (e, now, t) =>
      e.mutedUntil !== null && e.mutedUntil > now
        ? t('settings-muted-until', {
            time: formatTime(e.mutedUntil),
            left: formatDuration(e.mutedUntil - now),
          })
        : 'off',
  },
  mutemode: {
    field: 'muteMode',
    hint: (t) => t('settings-hint-mutemode'),
    parse: (raw, _now, t) => {
      const v = raw.trim().toLowerCase();
      return v === 'hold' || v === 'drop'
        ? { ok: true, value: { muteMode: v } }
        : { ok: false, error: t('settings-not-hold-drop', { input: excerpt(raw.trim(), 16) }) };
    },
    show: (e) => e.muteMode,
  },
  charts: {
    field: 'charts',
    hint: (t) => t('settings-hint-charts'),
    parse: (raw, _now, t) => {
      const v = raw.trim().toLowerCase();
      return v === 'on' || v === 'off'
        ? { ok: true, value: { charts: v === 'on' } }
        : { ok: false, error: t('settings-not-on-off', { input: excerpt(raw.trim(), 16) }) };
    },
    show: (e) => (e.charts ? 'on' : 'off'),
  },
  pingon: {
    field: 'pingOn',
    hint: (t) => t('settings-hint-pingon', { kinds: PING_KINDS.join(',') }),
    parse: (raw, _now, t) => {
      const p = parsePingKinds(raw, t);
      return p.ok ? { ok: true, value: { pingOn: p.value } } : p;
    },
    show: (e) => (e.pingOn.length === 0 ? 'none' : e.pingOn.join(',')),
  },
  language: {
    field: 'language',
    hint: (t) => t('settings-hint-language', { languages: LOCALES.join('|') }),
    parse: (raw, _now, t) => {
      const v = parseLanguageSetting(raw);
      if (v === undefined) {
        const args = { input: excerpt(raw.trim(), 16), languages: LOCALES.join(', ') };
        return { ok: false, error: t('settings-not-language', args) };
      }
      return { ok: true, value: { language: v === 'auto' ? null : v } };
    },
    show: (e) => e.language ?? 'auto',
  },
};

/** `breakout,flip` | `all` | `none` → the kinds in canonical order; anything else is refused by name. */
export function parsePingKinds(raw: string, t: Translate): Parsed<PingKind[]> {
  const v = raw.trim().toLowerCase();
  if (v === 'all') return { ok: true, value: [...PING_KINDS] };
  if (v === 'none') return { ok: true, value: [] };
  const parts = v
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
  const unknown = parts.filter((x) => !(PING_KINDS as readonly string[]).includes(x));
  if (parts.length === 0 || unknown.length > 0) {
    const args = { input: excerpt(unknown[0] ?? raw.trim(), 16), kinds: PING_KINDS.join(',') };
    return { ok: false, error: t('settings-not-ping-kind', args) };
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
  readonly source: LayerSource;
  readonly settings: Settings | undefined;
}

/**
 * `key: value (source)` for every key: the effective value and the layer it comes from (the last
 * layer that sets the field), or `default`; the source in the reply's language, the key as typed.
 */
export function effectiveLines(layers: readonly LayerValues[], now: number, t: Translate): string[] {
  const eff = resolveSettings(...layers.map((l) => l.settings));
  return SETTING_KEYS.map((key) => {
    const def = KEY_DEFS[key];
    let source: LayerSource | 'default' = 'default';
    for (const l of layers) if (l.settings && l.settings[def.field] !== undefined) source = l.source;
    return `${key}: ${def.show(eff, now, t)} (${t(`settings-source-${source}`)})`;
  });
}
