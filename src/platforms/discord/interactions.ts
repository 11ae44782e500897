import {
  AttachmentBuilder,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  MessageFlags,
} from 'discord.js';
import type { ArgValue, Reply } from '#commands/types.js';
import { checkPingRole, resolveGuildChannel } from './channels.js';
import { type Incoming, type InteractionDeps, type Responder, runInteraction } from './interaction-core.js';
import { renderReply } from './render.js';

export { type InteractionDeps, isModeratorPerms } from './interaction-core.js';

/**
 * The gateway's interactions (INTERACTION_CREATE through discord.js): slash commands, symbol
 * autocomplete and alert buttons, translated for the shared steps in interaction-core.ts. Every
 * interaction is acknowledged first (deferReply, ephemeral) and answered with editReply, so slow store
 * or directory calls never miss Discord's 3-second deadline. Nothing here throws into the client.
 */
type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** Option values by name, subcommand (and group) options flattened, as discord.js resolves them. */
function optionsOf(list: readonly CommandInteractionOption[]): Map<string, ArgValue> {
  const out = new Map<string, ArgValue>();
  const walk = (opts: readonly CommandInteractionOption[]) => {
    for (const o of opts) {
      if (o.options) walk(o.options);
      else if (o.value !== undefined && o.value !== null) out.set(o.name, o.value);
    }
  };
  walk(list);
  return out;
}

function placeOf(i: Answerable | AutocompleteInteraction) {
  return {
    type: i.type,
    userId: i.user.id,
    ...(i.inGuild() && i.guildId && i.channelId ? { guildId: i.guildId, channelId: i.channelId } : {}),
    memberPermissions: i.memberPermissions,
    locale: i.locale,
    guildLocale: i.guildLocale ?? undefined,
  };
}

function incomingOf(i: Interaction): Incoming | undefined {
  if (i.isChatInputCommand()) {
    const sub = i.options.getSubcommand(false) ?? undefined;
    return { kind: 'command', name: i.commandName, sub, options: optionsOf(i.options.data), ...placeOf(i) };
  }
  if (i.isAutocomplete()) {
    const f = i.options.getFocused(true);
    const sub = i.options.getSubcommand(false) ?? undefined;
    return {
      kind: 'autocomplete',
      name: i.commandName,
      sub,
      options: new Map(),
      focused: { name: f.name, value: String(f.value) },
      ...placeOf(i),
    };
  }
  if (i.isButton())
    return { kind: 'button', name: '', options: new Map(), customId: i.customId, ...placeOf(i) };
  return undefined;
}

async function answer(i: Answerable, reply: Reply): Promise<void> {
  const r = renderReply(reply);
  // /chart: the PNG goes along as an attachment, which Discord shows under the text.
  const files = reply.image
    ? [
        new AttachmentBuilder(Buffer.from(reply.image.png), {
          name: reply.image.filename,
          description: reply.image.alt.slice(0, 1000),
        }),
      ]
    : [];
  // /export: the CSV goes along as an attachment of the reply.
  if (reply.document) {
    files.push(new AttachmentBuilder(Buffer.from(reply.document.bytes), { name: reply.document.filename }));
  }
  await i.editReply({
    content: r.content,
    components: r.components,
    allowedMentions: r.allowedMentions,
    ...(r.embeds ? { embeds: r.embeds } : {}),
    ...(files.length > 0 ? { files } : {}),
  });
}

function responderOf(i: Interaction): Responder {
  const answerable = i.isChatInputCommand() || i.isButton() ? i : undefined;
  return {
    ack: async () => void (await answerable?.deferReply({ flags: MessageFlags.Ephemeral })),
    answer: async (reply) => (answerable ? answer(answerable, reply) : undefined),
    choices: async (list) => (i.isAutocomplete() ? i.respond([...list]) : undefined),
    async fail(reply) {
      if (!i.isRepliable()) return;
      const r = renderReply(reply);
      if (i.deferred || i.replied) {
        await i.editReply({ content: r.content, components: [], allowedMentions: r.allowedMentions });
      } else {
        await i.reply({
          content: r.content,
          flags: MessageFlags.Ephemeral,
          allowedMentions: r.allowedMentions,
        });
      }
    },
  };
}

/** The `interactionCreate` listener. Catches everything: a failing handler must never crash the bot. */
export async function handleInteraction(i: Interaction, deps: InteractionDeps): Promise<void> {
  const inc = incomingOf(i);
  if (!inc) return;
  await runInteraction(inc, responderOf(i), deps, {
    channel: (guildId, channelId, t) => resolveGuildChannel(i.client, guildId, channelId, t),
    pingRole: (guildId, roleId, channelId, t) => checkPingRole(i.client, guildId, roleId, channelId, t),
  });
}
