import { PermissionFlagsBits as P, PermissionsBitField } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { isModeratorPerms } from '#src/platforms/discord/interactions.js';

describe('isModeratorPerms (server-side re-check of interaction.memberPermissions)', () => {
  const table: ReadonlyArray<{ name: string; perms: bigint[] | null; moderator: boolean }> = [
    { name: 'Manage Channels', perms: [P.ViewChannel, P.ManageChannels], moderator: true },
    { name: 'Manage Server', perms: [P.ManageGuild], moderator: true },
    { name: 'Administrator', perms: [P.Administrator], moderator: true },
    {
      name: 'plain member',
      perms: [P.ViewChannel, P.SendMessages, P.UseApplicationCommands],
      moderator: false,
    },
    { name: 'Manage Messages only', perms: [P.ManageMessages, P.ManageRoles], moderator: false },
    { name: 'no permissions (DM)', perms: null, moderator: false },
  ];
  it.each(table)('$name → $moderator', ({ perms, moderator }) => {
    expect(isModeratorPerms(perms ? new PermissionsBitField(perms).freeze() : null)).toBe(moderator);
  });
});
