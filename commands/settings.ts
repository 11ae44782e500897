import type { Settings } from '#src/domain/types.js';
import type { Translate } from '#src/i18n/catalog.js';
import { excerpt } from './format.js';
import { languageOf, withLanguage } from './language.js';
import { argText, MAX_STRING_INPUT } from './parse.js';
import { errorReply, infoReply, okReply, usageReply } from './replies.js';
import {
  clearPatch,
  effectiveLines,
  KEY_DEFS,
  SETTING_KEYS,
  type SettingKey,
  settingKey,
} from './settings-keys.js';
import { resolveMemberTarget, type SettingsLayer, type TargetWho, targetWho } from './target.js';
import type { Command, CommandContext, CommandDeps, OptionSpec, Reply } from './types.js';

export interface SettingsRequest {
  /** Layers shown, lowest first; the write scope must be one of them. */
  readonly layers: readonly SettingsLayer[];
  /** Scope a change is written to. */
  readonly writeScope: string;
  /** Whose settings, for replies (`server`: the default a server's channels inherit). */
  readonly owner: TargetWho | 'server';
  readonly key: string | undefined;
  readonly value: string | undefined;
  readonly now: number;
  readonly usage: string;
  /** The reply's translator. */
  readonly t: Translate;
  /**
   * The translator once a `language` change is stored, when the change decides this reply's language
   * (a DM's or a group's own setting): the confirmation is written in the language just chosen.
   */
  readonly languageAfterChange?: () => Promise<Translate>;
}

const ALL_FIELDS: ReadonlyArray<keyof Settings> = [
  ...SETTING_KEYS.map((k) => KEY_DEFS[k].field),
  'tokenMutes',
];

async function lines(req: SettingsRequest, deps: CommandDeps): Promise<string[]> {
  const upTo = req.layers.findIndex((l) => l.scope === req.writeScope);
  const shown = req.layers.slice(0, upTo < 0 ? req.layers.length : upTo + 1);
  const stored = await deps.store.settings.getMany(shown.map((l) => l.scope));
  return effectiveLines(
    shown.map((l) => ({ source: l.source, settings: stored.get(l.scope) })),
    req.now,
    req.t,
  );
}

async function lineOf(key: SettingKey, req: SettingsRequest, deps: CommandDeps): Promise<string> {
  const all = await lines(req, deps);
  return all[SETTING_KEYS.indexOf(key)] ?? key;
}

/** Stores a parsed value; a language change answers in the language it leads to. */
async function save(key: SettingKey, value: Settings, req: SettingsRequest, deps: CommandDeps) {
  await deps.store.settings.update(req.writeScope, value);
  const after = key === 'language' && req.languageAfterChange ? await req.languageAfterChange() : req.t;
  const next = { ...req, t: after };
  return okReply([after('settings-saved', { who: req.owner }), await lineOf(key, next, deps)]);
}

/**
 * The whole `/settings [key] [value]` behaviour for a resolved scope: show everything (with where each
 * value comes from), show one key, set one key, or reset one key / all (`reset <key|all>`, `<key> reset`).
 * Nothing is stored unless the value parses and is in range.
 */
export async function handleSettings(req: SettingsRequest, deps: CommandDeps): Promise<Reply> {
  const { t, owner: who } = req;
  const store = deps.store.settings;
  if (req.key === undefined) {
    return infoReply([...(await lines(req, deps)), t('settings-footer')], t('settings-title', { who }));
  }
  const isReset = req.key.toLowerCase() === 'reset';
  const key = settingKey(isReset ? (req.value ?? '') : req.key);
  if (isReset && req.value?.toLowerCase() === 'all') {
    await store.update(req.writeScope, clearPatch(ALL_FIELDS));
    return resetReply(req, undefined, deps);
  }
  if (!key) {
    const bad = isReset ? (req.value ?? '') : req.key;
    const keys = SETTING_KEYS.join(', ');
    return usageReply(
      bad === '' ? t('settings-which') : t('settings-unknown-key', { input: excerpt(bad, 20), keys }),
      req.usage,
      t,
    );
  }
  const def = KEY_DEFS[key];
  if (isReset || req.value?.toLowerCase() === 'reset') {
    await store.update(req.writeScope, clearPatch([def.field]));
    return resetReply(req, key, deps);
  }
  if (req.value === undefined) {
    return infoReply([await lineOf(key, req, deps), t('settings-accepted', { hint: def.hint(t) })]);
  }
  const parsed = def.parse(req.value, req.now, t);
  if (!parsed.ok) {
    return usageReply(
      t('settings-parse-error', { error: parsed.error, key, hint: def.hint(t) }),
      req.usage,
      t,
    );
  }
  return save(key, parsed.value, req, deps);
}

/**
 * The reply to a reset. A reset that may change the reply's language (`reset language`, `reset all`)
 * is written in the language it leads to, like a language change.
 */
async function resetReply(
  req: SettingsRequest,
  key: SettingKey | undefined,
  deps: CommandDeps,
): Promise<Reply> {
  const t = key !== 'language' && key !== undefined ? req.t : ((await req.languageAfterChange?.()) ?? req.t);
  const who = req.owner;
  const first = key === undefined ? t('settings-reset-all', { who }) : t('settings-reset-one', { who, key });
  return okReply(key === undefined ? [first] : [first, await lineOf(key, { ...req, t }, deps)]);
}

const KEY_OPTION: OptionSpec = {
  name: 'key',
  description: 'Setting to show or change',
  type: 'string',
  maxLength: 32,
  choices: [...SETTING_KEYS, 'reset'].map((k) => ({ name: k, value: k })),
};

const VALUE_OPTION: OptionSpec = {
  name: 'value',
  description: 'New value, or reset',
  type: 'string',
  maxLength: MAX_STRING_INPUT,
  rest: true,
};

/** Runs a member settings change on the caller's target (DM, or the group for a group admin). */
async function memberSettings(
  ctx: CommandContext,
  deps: CommandDeps,
  key: string | undefined,
  value: string | undefined,
  usage: string,
): Promise<Reply> {
  const t = await resolveMemberTarget(ctx, 'settings');
  if (!t.ok) return t.reply;
  const last = t.target.layers[t.target.layers.length - 1];
  if (!last) return errorReply(ctx.t('settings-no-scope'));
  return handleSettings(
    {
      layers: t.target.layers,
      writeScope: last.scope,
      owner: targetWho(t.target.destination),
      key,
      value,
      now: ctx.now,
      usage,
      t: ctx.t,
      // The member's (or the group's) own layer decides this reply's language: ask again once stored.
      languageAfterChange: async () => withLanguage(ctx, (await languageOf(ctx, deps)).locale).t,
    },
    deps,
  );
}

const settings: Command = {
  name: 'settings',
  description: 'Show or change alert settings (thresholds, cooldown, quiet hours, mute)',
  usage: `/settings [${SETTING_KEYS.join('|')}] [value|reset]`,
  access: 'everyone',
  options: [KEY_OPTION, VALUE_OPTION],
  run: (ctx, args, deps) => memberSettings(ctx, deps, argText(args.key), argText(args.value), settings.usage),
};

const mute: Command = {
  name: 'mute',
  description: 'Pause alerts for a while (e.g. 2h, 1d) or turn the mute off',
  usage: '/mute 2h  ·  /mute off',
  access: 'everyone',
  options: [
    {
      name: 'duration',
      description: 'e.g. 30m, 2h, 1d (max 30d), or off',
      type: 'string',
      required: true,
      maxLength: 32,
    },
  ],
  run: (ctx, args, deps) => memberSettings(ctx, deps, 'mute', argText(args.duration), mute.usage),
};

const quiet: Command = {
  name: 'quiet',
  description: 'Quiet hours: alerts wait until the window ends',
  usage: '/quiet 22:00-07:00 Europe/Berlin  ·  /quiet off',
  access: 'everyone',
  options: [
    {
      name: 'hours',
      description: 'HH:MM-HH:MM and an IANA time zone, or off',
      type: 'string',
      required: true,
      maxLength: 100,
      rest: true,
    },
  ],
  run: (ctx, args, deps) => memberSettings(ctx, deps, 'quiet', argText(args.hours), quiet.usage),
};

export const settingsCommands: readonly Command[] = [settings, mute, quiet];
