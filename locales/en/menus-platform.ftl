# Platform-level texts (menus helper): Telegram refusals and button toasts (tg-), Discord interaction
# replies, channel and role checks, and the moderators' notice of a stopped channel (discord-).
# Hand-written (locales/en/menus.ftl is generated). Plain text: the platforms escape it.

## Telegram
tg-unknown-command = I don't know { $command }.
tg-send-help = Send /help for the list.
tg-command-too-long = { $count ->
    [one] That command is too long ({ $count } character). Send /help for usage.
   *[other] That command is too long ({ $count } characters). Send /help for usage.
}
tg-picture-failed = The picture could not be sent just now.
tg-toast-done = Done.
tg-button-gone = This button no longer works here.
tg-toast-failed = Something went wrong. Please try again.

## Discord interactions
discord-moderators-only = Moderators only
discord-moderators-only-why = You need the Manage Channels or Manage Server permission for this.
discord-unknown-command = Unknown command. Try /help.
discord-failed = Something went wrong. Please try again in a minute.
discord-not-this-channel = Not this channel

## Discord channel and role checks (/channel subscribe)
discord-channel-invalid = That is not a channel of this server.
discord-not-in-server = I am not in this server any more. Invite me again.
discord-channel-other-server = That channel belongs to another server. Pick a channel of this server.
discord-channel-not-found = I cannot find that channel in this server, or I cannot see it.
discord-channel-not-postable = Alerts can only go to a text or announcement channel.
discord-channel-missing-permissions = I cannot post in that channel. Give me { $permissions } there, then try again.
# Discord's own names of the permissions, as its settings show them in this language.
discord-perm-view-channel = View Channel
discord-perm-send-messages = Send Messages
discord-perm-embed-links = Embed Links
discord-role-everyone = alerts never ping @everyone. Pick a role members opt into.
discord-role-not-here = that role is not in this server.
discord-role-not-mentionable = { $role } is not mentionable and I lack the "Mention @everyone, @here and All Roles" permission. Allow anyone to mention the role (Server Settings → Roles) or give me that permission, then try again.

## Discord: moderators told that a channel stopped getting alerts
discord-deactivated = ⚠️ tokenwatch stopped posting alerts to { $channel }: { $why }. A moderator can fix that and run { $command } there again.
discord-deactivated-permissions = I lack permission to post there. Give me View Channel, Send Messages and Embed Links in that channel
discord-deactivated-not-found = the channel no longer exists (or I can no longer see it)
