import { OAuth2Scopes, PermissionFlagsBits, PermissionsBitField } from 'discord.js';

/**
 * Least privilege: the bot only posts embeds with their chart (an uploaded PNG: Attach Files) and answers
 * interactions. Buttons and slash commands need no extra permission (interaction replies go through the
 * interaction webhook), and the bot never reads history, so no Read Message History. No Administrator,
 * no Manage anything.
 */
export const BOT_PERMISSIONS = new PermissionsBitField([
  PermissionFlagsBits.ViewChannel,
  PermissionFlagsBits.SendMessages,
  PermissionFlagsBits.EmbedLinks,
  PermissionFlagsBits.AttachFiles,
]);

/** The OAuth2 URL a server admin opens to add the bot (scopes bot + applications.commands). */
export function inviteUrl(applicationId: string): string {
  const params = new URLSearchParams({
    client_id: applicationId,
    scope: [OAuth2Scopes.Bot, OAuth2Scopes.ApplicationsCommands].join(' '),
    permissions: BOT_PERMISSIONS.bitfield.toString(),
  });
  return `https://discord.com/oauth2/authorize?${params.toString()}`;
}
