import type { Client } from 'discord.js';
import { PermissionsBitField } from 'discord.js';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandDeps, Reply } from '#commands/types.js';
import { type Translate, translatorFor } from '#src/i18n/catalog.js';
import type { Locale } from '#src/i18n/locales.js';
import { checkPingRole, resolveGuildChannel } from '#src/platforms/discord/channels.js';
import { deactivationNotice } from '#src/platforms/discord/deactivation.js';
import {
  type Incoming,
  interactionTranslator,
  type Responder,
  runInteraction,
} from '#src/platforms/discord/interaction-core.js';
import { openSqliteStore } from '#src/store/index.js';
import { memoryDirectory } from './twin-setup.js';

/** Discord's platform-level texts (issue 22) in every shipped language; English unchanged. */
const store = openSqliteStore({ file: ':memory:' });
afterAll(() => store.close());
const deps: CommandDeps = {
  store,
  directory: memoryDirectory(),
  market: { view: async () => undefined },
  limits: { maxSubscriptionsPerDestination: 25 },
};
const interactionDeps = { commands: deps, logger: pino({ level: 'silent' }), now: () => Date.now() };
const noGuild = {
  channel: async () => ({ ok: false as const, reason: 'x' }),
  pingRole: async () => ({ ok: false as const, reason: 'x' }),
};

function responder(failAnswer = false) {
  const answers: Reply[] = [];
  const r: Responder = {
    ack: async () => undefined,
    answer: async (reply) => {
      if (failAnswer) throw new Error('boom');
      answers.push(reply);
    },
    choices: async () => undefined,
    fail: async (reply) => void answers.push(reply),
  };
  return { r, answers };
}

let user = 7000;
const incoming = (over: Partial<Incoming>): Incoming => ({
  kind: 'command',
  type: 2,
  name: 'channel',
  sub: 'list',
  options: new Map(),
  guildId: '500',
  channelId: '600',
  userId: String(user++),
  memberPermissions: new PermissionsBitField(),
  ...over,
});

const CASES: ReadonlyArray<[string, Locale, string, string, string]> = [
  [
    'en-US',
    'en',
    'Moderators only',
    'Unknown command. Try /help.',
    'Something went wrong. Please try again in a minute.',
  ],
  [
    'es-419',
    'es',
    'Solo moderadores',
    'Comando desconocido. Prueba /help.',
    'Algo salió mal. Inténtalo de nuevo en un minuto.',
  ],
  [
    'pt-BR',
    'pt-BR',
    'Só moderadores',
    'Comando desconhecido. Tente /help.',
    'Algo deu errado. Tente de novo em um minuto.',
  ],
  [
    'ru',
    'ru',
    'Только для модераторов',
    'Неизвестная команда. Попробуйте /help.',
    'Что-то пошло не так. Попробуйте ещё раз через минуту.',
  ],
];

describe('interaction replies in the interaction language', () => {
  it.each(CASES)(
    '%s: moderators only, unknown command, failure',
    async (locale, _l, mods, unknown, failed) => {
      const a = responder();
      await runInteraction(incoming({ locale }), a.r, interactionDeps, noGuild);
      expect(a.answers[0]).toMatchObject({ kind: 'error', title: mods, ephemeral: true });
      const b = responder();
      await runInteraction(incoming({ locale, name: 'nope', sub: undefined }), b.r, interactionDeps, noGuild);
      expect(b.answers[0]?.lines).toEqual([unknown]);
      const c = responder(true);
      await runInteraction(incoming({ locale, name: 'help', sub: undefined }), c.r, interactionDeps, noGuild);
      expect(c.answers[0]?.lines).toEqual([failed]);
    },
  );

  it('no client locale: the server locale, else English', () => {
    expect(interactionTranslator({ guildLocale: 'ru' })('discord-failed')).toMatch(/^Что-то/);
    expect(interactionTranslator({ locale: 'de', guildLocale: 'fr' })('discord-failed')).toMatch(
      /^Something/,
    );
  });
});

/** A guild stand-in: a role that cannot be pinged, a text channel the bot cannot write to. */
function clientWith(roleName: string): Client {
  const none = new PermissionsBitField();
  const channel = { id: '600', guildId: '500', type: 0, permissionsFor: () => none };
  const guild = {
    id: '500',
    client: { user: { id: '1' } },
    members: { me: { permissions: none } },
    roles: { cache: new Map([['42', { name: roleName, mentionable: false }]]) },
    channels: { cache: new Map([['600', channel]]) },
  };
  return { guilds: { cache: new Map([['500', guild]]) } } as unknown as Client;
}

describe('channel and role checks in every language', () => {
  it.each<[Locale, string, string]>([
    [
      'en',
      'I cannot post in that channel. Give me View Channel, Send Messages, Embed Links there',
      'is not mentionable',
    ],
    [
      'es',
      'No puedo publicar en ese canal. Dame Ver canal, Enviar mensajes, Insertar enlaces allí',
      'no se puede mencionar',
    ],
    [
      'pt-BR',
      'Não consigo publicar nesse canal. Dê-me Ver canal, Enviar mensagens, Inserir links lá',
      'não pode ser mencionado',
    ],
    ['ru', 'Я не могу писать в этот канал. Дайте мне там права «Просматривать канал»', 'нельзя упомянуть'],
  ])('%s', async (locale, channelReason, roleReason) => {
    const t = translatorFor(locale);
    const client = clientWith('**Traders**');
    const ch = await resolveGuildChannel(client, '500', '600', t);
    expect(ch.ok ? '' : ch.reason).toContain(channelReason);
    const role = await checkPingRole(client, '500', '42', '600', t);
    // The role name is data: passed as is (the reply renderer escapes it), never read as markup here.
    expect(role.ok ? '' : role.reason).toContain(`@**Traders** ${roleReason}`);
    const bad = await resolveGuildChannel(client, '500', 'x', t);
    expect(bad.ok ? '' : bad.reason).toBe(t('discord-channel-invalid'));
  });
});

describe('the checks answer in the caller’s own setting, not the client’s language', () => {
  it('an en-US moderator with /settings language ru: this channel and the ping role are refused in Russian', async () => {
    const mod = String(user++);
    const set = responder();
    const settings = new Map([
      ['key', 'language'],
      ['value', 'ru'],
    ]);
    const inDm = { guildId: undefined, channelId: undefined, userId: mod, locale: 'en-US' };
    await runInteraction(
      incoming({ ...inDm, name: 'settings', sub: undefined, options: settings }),
      set.r,
      interactionDeps,
      noGuild,
    );
    expect(set.answers[0]?.kind).toBe('ok');
    const client = clientWith('Traders');
    const guild = {
      channel: (g: string, c: string, t: Translate) => resolveGuildChannel(client, g, c, t),
      pingRole: (g: string, r: string, c: string, t: Translate) => checkPingRole(client, g, r, c, t),
    };
    const moderator = new PermissionsBitField(PermissionsBitField.Flags.ManageChannels);
    const here = responder();
    const subscribe = (options: Map<string, string>) =>
      incoming({
        name: 'channel',
        sub: 'subscribe',
        options,
        userId: mod,
        locale: 'en-US',
        memberPermissions: moderator,
      });
    await runInteraction(subscribe(new Map([['symbol', 'SOL']])), here.r, interactionDeps, guild);
    const ru = translatorFor('ru');
    expect(here.answers[0]).toMatchObject({ kind: 'error', title: ru('discord-not-this-channel') });
    expect(here.answers[0]?.lines.join('\n')).toContain('Я не могу писать в этот канал');
    // Another channel the bot can post in, with a role it cannot ping: the role's reason in Russian.
    const role = responder();
    const open = {
      ...guild,
      channel: async () => ({
        ok: true as const,
        destination: { platform: 'discord' as const, kind: 'channel' as const, id: '601', parentId: '500' },
      }),
    };
    await runInteraction(
      subscribe(
        new Map([
          ['symbol', 'SOL'],
          ['channel', '601'],
          ['ping', '42'],
        ]),
      ),
      role.r,
      interactionDeps,
      open,
    );
    expect(role.answers[0]?.lines.join('\n')).toContain('нельзя упомянуть');
    expect(role.answers[0]?.lines.join('\n')).not.toContain('is not mentionable');
  });
});

describe('the stopped-channel notice', () => {
  it('English is unchanged apart from escaping; the mention and command stay markup', () => {
    const t = translatorFor('en');
    const text = deactivationNotice(t, t('discord-deactivated-not-found'), '<#600> (#alerts)');
    expect(text).toBe(
      '⚠️ tokenwatch stopped posting alerts to <#600> (#alerts): the channel no longer exists (or I can no longer see it). ' +
        'A moderator can fix that and run `/channel subscribe` there again.',
    );
  });

  it.each<[Locale, string]>([
    ['es', 'dejó de publicar alertas en <#600>'],
    ['pt-BR', 'parou de publicar alertas em <#600>'],
    ['ru', 'перестал публиковать оповещения в <#600>'],
  ])('%s: translated; markup in a translated text would be escaped', (locale, part) => {
    const t = translatorFor(locale);
    const text = deactivationNotice(t, t('discord-deactivated-permissions'), '<#600>');
    expect(text).toContain(part);
    expect(text).toContain('`/channel subscribe`');
    const forged = deactivationNotice(
      (id) => (id === 'discord-deactivated' ? '**{ $channel }** `x`' : id),
      'w',
      '<#1>',
    );
    expect(forged).not.toContain('**');
  });
});
