import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  canonicalTimeZone,
  commands,
  handleAction,
  matchTextCommand,
  parseDurationArg,
  parseNumberIn,
  parseQuietHours,
  parseSymbol,
  parseTextArgs,
  parseTypes,
  runCommand,
} from '#commands/index.js';
import { KEY_DEFS, SETTING_KEYS, settingKey } from '#commands/settings-keys.js';
import type { Args, Command, CommandContext, Reply } from '#commands/types.js';
import { ALERT_TYPES, type Settings } from '#src/domain/types.js';
import { translatorFor } from '#src/i18n/catalog.js';
import { LOCALES } from '#src/i18n/locales.js';
import { renderReply as discordReply } from '#src/platforms/discord/render.js';
import { renderReply as telegramReply } from '#src/platforms/telegram/render.js';
import { openSqliteStore } from '#src/store/sqlite/index.js';
import { checkHtml } from '../fakes/telegram-fake.js';
import { makeCtx, makeDeps, NOW } from './fakes.js';

/**
 * Property-based tests over every argument parser, every command handler and the settings values:
 * nothing throws, nothing invalid is stored, every reply is escaped for Telegram HTML and Discord
 * markdown. Run counts are moderate so the suite stays fast.
 */
const RUNS = { numRuns: 150 };

/** Characters that matter to parsers and markups, plus letters, digits and non-ASCII. */
const NASTY = [...'<>&"\'*_~`|\\@#:/$%-+.,; \n\t()[]{}=!?0123456789aAzZ', 'é', '👍', '\u200b', '\u202e'];
const nasty = fc.oneof(
  fc.string({ unit: fc.constantFrom(...NASTY), maxLength: 40 }),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(
    'all',
    'off',
    '1h',
    '22:00-07:00 Europe/Berlin',
    'SOL',
    '$btc',
    '1e309',
    '-0',
    'NaN',
    'hold',
  ),
);

describe('argument parsers never throw and only return valid values', () => {
  it('parseSymbol', () => {
    fc.assert(
      fc.property(nasty, (raw) => {
        const r = parseSymbol(raw, translatorFor('en'));
        if (r.ok) expect(r.value).toMatch(/^[A-Z0-9]{1,15}$/);
        else expect(r.error.length).toBeLessThan(200);
      }),
      RUNS,
    );
  });

  it('parseTypes', () => {
    fc.assert(
      fc.property(fc.option(nasty, { nil: undefined }), (raw) => {
        const r = parseTypes(raw, translatorFor('en'));
        if (r.ok) {
          expect(r.value.length).toBeGreaterThan(0);
          for (const t of r.value) expect(ALERT_TYPES).toContain(t);
        }
      }),
      RUNS,
    );
  });

  it('parseDurationArg', () => {
    fc.assert(
      fc.property(nasty, fc.nat(10_000_000), fc.nat(10_000_000_000), (raw, min, span) => {
        const r = parseDurationArg(raw, min, min + span, translatorFor('en'));
        if (r.ok) {
          expect(Number.isFinite(r.value)).toBe(true);
          expect(r.value).toBeGreaterThanOrEqual(min);
          expect(r.value).toBeLessThanOrEqual(min + span);
        }
      }),
      RUNS,
    );
  });

  it('parseNumberIn', () => {
    fc.assert(
      fc.property(
        fc.oneof(nasty, fc.double().map(String)),
        fc.double({ min: -1e6, max: 1e6, noNaN: true }),
        fc.boolean(),
        (raw, min, integer) => {
          const r = parseNumberIn(raw, min, min + 100, integer, translatorFor('en'));
          if (r.ok) {
            expect(r.value).toBeGreaterThanOrEqual(min);
            expect(r.value).toBeLessThanOrEqual(min + 100);
            if (integer) expect(Number.isInteger(r.value)).toBe(true);
          }
        },
      ),
      RUNS,
    );
  });

  it('parseQuietHours and canonicalTimeZone', () => {
    fc.assert(
      fc.property(nasty, (raw) => {
        canonicalTimeZone(raw);
        const r = parseQuietHours(raw, translatorFor('en'));
        if (r.ok && r.value) {
          expect(r.value.start).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(r.value.end).toMatch(/^([01]\d|2[0-3]):[0-5]\d$/);
          expect(r.value.start).not.toBe(r.value.end);
          expect(canonicalTimeZone(r.value.tz)).toBe(r.value.tz);
        }
      }),
      RUNS,
    );
  });

  it('parseTextArgs for every command and subcommand', () => {
    const specs = commands.flatMap((c) => [c, ...(c.subcommands ?? [])]);
    fc.assert(
      fc.property(fc.constantFrom(...specs), nasty, (spec, text) => {
        const r = parseTextArgs(spec, text);
        if (r.ok) for (const k of Object.keys(r.args)) expect(spec.options.map((o) => o.name)).toContain(k);
      }),
      RUNS,
    );
  });

  it('settings values: every key parses any input into an in-range value or a clear error', () => {
    fc.assert(
      fc.property(fc.constantFrom(...SETTING_KEYS), fc.oneof(nasty, fc.double().map(String)), (key, raw) => {
        expect(settingKey(key.toUpperCase())).toBe(key);
        const r = KEY_DEFS[key].parse(raw, NOW, translatorFor());
        if (r.ok) expect(invalidSettings(r.value)).toEqual([]);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
      RUNS,
    );
  });
});

/** Fields outside the product's ranges (see Settings in src/domain/types.ts). */
function invalidSettings(s: Settings): string[] {
  const bad: string[] = [];
  const inRange = (name: string, v: number | undefined, lo: number, hi: number, int = false) => {
    if (v === undefined) return;
    if (!Number.isFinite(v) || v < lo || v > hi || (int && !Number.isInteger(v))) bad.push(`${name}=${v}`);
  };
  inRange('proximityPct', s.proximityPct, 0.1, 20);
  inRange('sharpeThreshold', s.sharpeThreshold, -10, 10);
  inRange('cooldownSec', s.cooldownSec, 60, 7 * 86_400);
  inRange('maxPerHour', s.maxPerHour, 1, 120, true);
  inRange('minStrength', s.minStrength, 0, 100);
  if (s.mutedUntil != null) inRange('mutedUntil', s.mutedUntil, NOW, NOW + 30 * 86_400_000 + 1);
  if (s.muteMode !== undefined && s.muteMode !== 'hold' && s.muteMode !== 'drop') bad.push('muteMode');
  if (s.quietHours != null && canonicalTimeZone(s.quietHours.tz) === undefined) bad.push('quietHours.tz');
  return bad;
}

/** Discord markdown characters that must never reach the client unescaped from a reply line. */
function unescapedMarkdown(content: string): string | undefined {
  const body = content.split('\n').slice(1).join('\n'); // the first line is our own title markup
  for (let i = 0; i < body.length; i++) {
    const c = body[i] ?? '';
    if (!'*_`'.includes(c) && !((c === '~' || c === '|') && body[i + 1] === c)) continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && body[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0)
      return `unescaped ${c} at ${i}: ${JSON.stringify(body.slice(Math.max(0, i - 20), i + 5))}`;
    if (c === '~' || c === '|') i++;
  }
  return undefined;
}

function checkRendered(reply: Reply): void {
  const tg = telegramReply(reply, 'TokenWatchTestBot');
  for (const part of tg.parts) expect(checkHtml(part), part).toBeUndefined();
  const dc = discordReply(reply);
  expect(dc.allowedMentions).toEqual({ parse: [] });
  expect(unescapedMarkdown(dc.content), dc.content).toBeUndefined();
}

const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());

const basePlaces = fc.constantFrom<CommandContext[]>(
  makeCtx({ platform: 'telegram', userId: '11' }),
  makeCtx({
    platform: 'telegram',
    userId: '12',
    moderator: true,
    place: { kind: 'group', parentId: '-5', chatId: '-5' },
  }),
  makeCtx({ platform: 'telegram', userId: '13', place: { kind: 'group', parentId: '-5', chatId: '-5' } }),
  makeCtx({
    platform: 'discord',
    userId: '14',
    moderator: true,
    place: { kind: 'channel', parentId: 'g1', channelId: 'c1' },
  }),
  makeCtx({ platform: 'console', userId: '15' }),
);

/** Every place, with the caller's client in every shipped language (issue 22). */
const places = fc
  .tuple(basePlaces, fc.constantFrom(...LOCALES))
  .map(
    ([ctx, lang]): CommandContext => ({ ...ctx, clientLocale: lang, locale: lang, t: translatorFor(lang) }),
  );

/** The generic "something went wrong" reply, in any language: a handler threw. */
const threw = (reply: Reply) => LOCALES.some((l) => reply.lines.includes(translatorFor(l)('error-generic')));

async function storedSettingsProblems(): Promise<string[]> {
  const scopes = ['telegram:dm:11', 'telegram:group:-5', 'discord:channel:c1', 'console:dm:15'];
  const all = await store.settings.getMany([...scopes, 'parent:telegram:-5', 'parent:discord:g1']);
  return [...all.values()].flatMap((s) => invalidSettings(s));
}

const allCommands = commands.flatMap(
  (c): Array<[Command, string]> =>
    c.subcommands ? c.subcommands.map((s) => [s, `/${c.name} ${s.name}`]) : [[c, `/${c.name}`]],
);

describe('every command handler under random input', () => {
  const deps = makeDeps(store);

  it('text path (Telegram, console): never a crash, replies escaped, nothing invalid stored', async () => {
    await fc.assert(
      fc.asyncProperty(places, fc.constantFrom(...allCommands), nasty, async (ctx, [, prefix], rest) => {
        const line = `${prefix} ${rest}`;
        const m = matchTextCommand(line);
        if (!m) return;
        const parsed = parseTextArgs(m.command, m.argsText);
        const reply = parsed.ok
          ? await runCommand(m.command, ctx, parsed.args, deps)
          : ({ kind: 'error', lines: [parsed.message(ctx.t)] } satisfies Reply);
        expect(threw(reply), reply.lines.join('\n')).toBe(false);
        checkRendered(reply);
        expect(await storedSettingsProblems()).toEqual([]);
      }),
      RUNS,
    );
  });

  it('structured path (Discord options): never a crash, replies escaped, nothing invalid stored', async () => {
    const argValue = fc.oneof(nasty, fc.double(), fc.integer(), fc.boolean());
    await fc.assert(
      fc.asyncProperty(
        places,
        fc.constantFrom(...allCommands),
        fc.array(argValue, { maxLength: 4 }),
        async (ctx, [cmd], values) => {
          const args: Record<string, Args[string]> = {};
          cmd.options.forEach((o, i) => {
            if (values[i] !== undefined) args[o.name] = values[i];
          });
          const reply = await runCommand(cmd, ctx, args, deps);
          expect(threw(reply), reply.lines.join('\n')).toBe(false);
          checkRendered(reply);
          expect(await storedSettingsProblems()).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('settings with random values for each key: stored values stay in range', async () => {
    await fc.assert(
      fc.asyncProperty(
        places,
        fc.constantFrom(...SETTING_KEYS),
        fc.oneof(nasty, fc.double().map(String)),
        async (ctx, key, value) => {
          const cmd = commands.find((c) => c.name === 'settings');
          if (!cmd) throw new Error('no /settings');
          const reply = await runCommand(cmd, ctx, { key, value }, deps);
          expect(threw(reply), reply.lines.join('\n')).toBe(false);
          checkRendered(reply);
          expect(await storedSettingsProblems()).toEqual([]);
        },
      ),
      RUNS,
    );
  });

  it('alert buttons with random action data: never a crash, replies escaped', async () => {
    await fc.assert(
      fc.asyncProperty(
        places,
        fc.oneof(nasty, fc.constantFrom('mute:1:3375', 'unsub:3375', 'mute:x:y:z')),
        async (ctx, data) => {
          const reply = await handleAction(data, ctx, deps);
          expect(threw(reply), reply.lines.join('\n')).toBe(false);
          checkRendered(reply);
        },
      ),
      RUNS,
    );
  });
});

describe('the escape checks themselves', () => {
  it('GIVEN unescaped markup THEN the checks fail (they can catch a regression)', () => {
    expect(unescapedMarkdown('title\n*bold* and __u__')).toBeDefined();
    expect(unescapedMarkdown('title\n\\*fine\\*')).toBeUndefined();
    expect(checkHtml('a < b')).toBeDefined();
  });

  it('property: any reply line renders escaped on both platforms (backslashes and markup included)', () => {
    // Titles are one line (the checker treats the first line as our own title markup).
    const title1 = fc.option(
      nasty.map((t) => t.replace(/\n/g, ' ')),
      { nil: undefined },
    );
    fc.assert(
      fc.property(fc.array(nasty, { maxLength: 3 }), title1, (lines, title) => {
        checkRendered(title === undefined ? { kind: 'info', lines } : { kind: 'info', title, lines });
      }),
      RUNS,
    );
  });
});
