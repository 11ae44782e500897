# Core command texts (commands/): help, validation, settings, subscriptions, targets, buttons.
# Typed keywords (on, off, hold, drop, none, auto, all), command names and examples stay in English.

## Targets (commands/target.ts)
target-you = you
target-group = this group
target-topic = this topic
target-channel = this channel
target-admins-add = Only group admins can add alerts to this group.
target-subscribe-privately = To get { $symbol } alerts yourself, subscribe in a private chat with me: tap the button below.
target-admins-settings = Only group admins can change this group's alert settings.
target-admins-alerts = Only group admins can change this group's price alerts.
target-admins-subscriptions = Only group admins can change this group's subscriptions.
target-use-private = To manage your own alerts, send me this command in a private chat.
target-channel-only = /channel commands work in a server channel only.
target-moderators-only = Only moderators (Manage Channels or Manage Server) can configure channel alerts.
target-no-other-channels = I can't check other channels here.
target-channel-refused = I can't use that channel: { $reason }
target-other-server = That channel is not in this server.

## Usage lines (commands/replies.ts): the usage itself stays as typed.
usage-line = Usage: { $usage }

## Tokens (commands/tokens.ts)
token-unknown = I don't know the token { $symbol }. Check the symbol, or try /levels BTC to see how it works.

## Argument parsers (commands/parse.ts, commands/text-args.ts)
parse-symbol-too-long = That symbol is too long ({ $length } characters).
parse-symbol-invalid-shown = "{ $input }" is not a token symbol. Use letters and digits, like SOL or BTC.
parse-symbol-invalid = That is not a token symbol. Use letters and digits, like SOL or BTC.
parse-type-unknown = Unknown alert type "{ $input }". Use { $types } or all.
parse-duration-invalid = "{ $input }" is not a duration. Use e.g. 30m, 2h, 1d or 1w.
parse-duration-range = Pick a duration between { $min } and { $max }.
parse-quiet-format = Use quiet hours like 22:00-07:00 Europe/Berlin, or off.
parse-quiet-same = Quiet hours must start and end at different times.
parse-timezone-unknown = Unknown time zone "{ $input }". Use an IANA name like Europe/Berlin or UTC.
parse-not-number = "{ $input }" is not a number.
parse-whole-between = Use a whole number between { $min } and { $max }.
parse-between = Use a value between { $min } and { $max }.
parse-arg-not-integer = { $name } must be a whole number, not "{ $input }".
parse-arg-not-number = { $name } must be a number, not "{ $input }".
parse-arg-yes-no = { $name } must be yes or no.
parse-too-many = Too many arguments.

## Runner (commands/run.ts): option checks, access, pause notices. $name is the option's name as typed.
run-missing = Missing { $name }.
run-too-long = { $name } is too long ({ $length } characters, at most { $max }).
run-not-choice = { $name } "{ $input }" is not one of: { $choices }.
run-not-number = { $name } must be a number.
run-not-integer = { $name } must be a whole number.
run-range = { $name } must be between { $min } and { $max }.
run-not-boolean = { $name } must be true or false.
run-not-here = /{ $command } is not available here.
run-moderators-only = Only moderators can use this command, in a server channel.
run-needs-subcommand = /{ $command } needs a subcommand.
run-paused-dms-closed = Your alerts were paused because I could not send you direct messages (they seem to be closed). Running a command re-enabled them.
run-paused-blocked = Your alerts were paused because the bot was blocked. Running a command re-enabled them.
run-paused-not-found = Your alerts were paused because the chat could not be found. Running a command re-enabled them.
run-paused-undelivered = Your alerts were paused because your alerts could not be delivered. Running a command re-enabled them.

## Command rate limit (commands/limits.ts)
limit-too-fast = You are sending commands too fast (more than { $max } in { $window }).
limit-try-again = Please try again in { $wait }.
limit-seconds = { $count ->
    [one] { $count } second
   *[other] { $count } seconds
}
limit-minutes = { $count ->
    [one] { $count } minute
   *[other] { $count } minutes
}

## Settings (commands/settings.ts, commands/settings-keys.ts). Keys and keywords (on, off, hold, drop,
## none, all, auto, reset) are typed in English in every language.
settings-hint-proximity = percent of price, 0.1 to 20 (e.g. 1.5)
settings-hint-sharpe = a number from -10 to 10 (e.g. 1)
settings-hint-cooldown = a duration from 1m to 7d (e.g. 30m, 2h)
settings-hint-maxperhour = a whole number from 1 to 120
settings-hint-minstrength = level strength from 0 to 100
settings-hint-quiet = HH:MM-HH:MM and a time zone (e.g. 22:00-07:00 Europe/Berlin), or off
settings-hint-mute = a duration up to 30d (e.g. 2h, 1d), or off
settings-hint-mutemode = hold (deliver after the mute) or drop
settings-hint-charts = on (a chart with level alerts) or off
settings-hint-pingon = which alerts ping a channel's role (Discord): { $kinds }, all or none
settings-hint-language = { $languages }, or auto (the platform's language)
settings-muted-until = until { $time } ({ $left } left)
settings-not-hold-drop = "{ $input }" is neither hold nor drop.
settings-not-on-off = "{ $input }" is neither on nor off.
settings-not-ping-kind = "{ $input }" is not an alert kind to ping on. Use { $kinds }, all or none.
settings-not-language = "{ $input }" is not a language I speak. Use { $languages } or auto.
settings-source-default = default
settings-source-yours = yours
settings-source-group = this group
settings-source-topic = this topic
settings-source-channel = this channel
settings-source-group-default = group default
settings-source-server-default = server default
settings-footer = Change one: /settings proximity 1.5 · undo one: /settings proximity reset
settings-title = { $who ->
    [you] Settings for you
    [group] Settings for this group
    [topic] Settings for this topic
    [channel] Settings for this channel
   *[server] Settings for this server (default for its channels)
}
settings-reset-all = { $who ->
    [you] All settings for you are back to their inherited values.
    [group] All settings for this group are back to their inherited values.
    [topic] All settings for this topic are back to their inherited values.
    [channel] All settings for this channel are back to their inherited values.
   *[server] All settings for this server (default for its channels) are back to their inherited values.
}
settings-reset-one = { $who ->
    [you] Reset { $key } for you.
    [group] Reset { $key } for this group.
    [topic] Reset { $key } for this topic.
    [channel] Reset { $key } for this channel.
   *[server] Reset { $key } for this server (default for its channels).
}
settings-saved = { $who ->
    [you] Saved for you.
    [group] Saved for this group.
    [topic] Saved for this topic.
    [channel] Saved for this channel.
   *[server] Saved for this server (default for its channels).
}
settings-which = Which setting?
settings-unknown-key = There is no setting "{ $input }". Keys: { $keys }.
settings-accepted = Accepted: { $hint }.
settings-parse-error = { $error } ({ $key }: { $hint })
settings-no-scope = No settings scope.

## /channel (commands/channel.ts)
channel-list-empty = No channel in this server gets alerts yet.
channel-list-start = Start with /channel subscribe SOL.
channel-list-heading = Channel { $channel }:
channel-list-title = Channel subscriptions
channel-scope = Scope is channel or server.
channel-no-server = This channel has no server.

## Subscriptions (commands/subscriptions.ts). $who: you, group, topic, channel. $types: alert type
## keywords as typed (signal, levels…). $name: the token's name in brackets with a leading space, or empty.
subscribe-cap = { $who ->
    [you] You already follow { $count } tokens, the limit is { $max }.
    [group] This group already follows { $count } tokens, the limit is { $max }.
    [topic] This topic already follows { $count } tokens, the limit is { $max }.
   *[channel] This channel already follows { $count } tokens, the limit is { $max }.
}
subscribe-cap-hint = Unsubscribe from one first, e.g. /unsubscribe BTC.
subscribe-parent-cap = { $where ->
    [group] This group already follow { $count } tokens in all, the limit is { $max }.
   *[server] This server's channels already follow { $count } tokens in all, the limit is { $max }.
}
subscribe-parent-hint = Unsubscribe one first, e.g. { $command } BTC.
subscribe-covers = { $who ->
    [you] { $symbol } alerts for you now cover: { $types }.
    [group] { $symbol } alerts for this group now cover: { $types }.
    [topic] { $symbol } alerts for this topic now cover: { $types }.
   *[channel] { $symbol } alerts for this channel now cover: { $types }.
}
subscribe-done = { $who ->
    [you] Subscribed you to { $symbol }{ $name }: { $types }.
    [group] Subscribed this group to { $symbol }{ $name }: { $types }.
    [topic] Subscribed this topic to { $symbol }{ $name }: { $types }.
   *[channel] Subscribed this channel to { $symbol }{ $name }: { $types }.
}
subscribe-discord-dms = Alerts arrive as DMs: keep "Allow direct messages from server members" on.
subscribe-removed-all = { $who ->
    [you] Removed all { $count } subscriptions of you.
    [group] Removed all { $count } subscriptions of this group.
    [topic] Removed all { $count } subscriptions of this topic.
   *[channel] Removed all { $count } subscriptions of this channel.
}
subscribe-had-none = { $who ->
    [you] You had no subscriptions.
    [group] This group had no subscriptions.
    [topic] This topic had no subscriptions.
   *[channel] This channel had no subscriptions.
}
subscribe-not-subscribed = { $who ->
    [you] You are not subscribed to { $symbol }.
    [group] This group is not subscribed to { $symbol }.
    [topic] This topic is not subscribed to { $symbol }.
   *[channel] This channel is not subscribed to { $symbol }.
}
subscribe-unsubscribed = { $who ->
    [you] Unsubscribed you from { $symbol }.
    [group] Unsubscribed this group from { $symbol }.
    [topic] Unsubscribed this topic from { $symbol }.
   *[channel] Unsubscribed this channel from { $symbol }.
}
subscribe-stopped = Stopped { $symbol } { $types } alerts. Still on: { $left }.
subscribe-none-yet = { $who ->
    [you] No subscriptions for you yet.
    [group] No subscriptions for this group yet.
    [topic] No subscriptions for this topic yet.
   *[channel] No subscriptions for this channel yet.
}
subscribe-start-with = Start with /subscribe BTC.
subscribe-list-title = { $who ->
    [you] Your subscriptions ({ $count }/{ $max })
    [group] This group's subscriptions ({ $count }/{ $max })
    [topic] This topic's subscriptions ({ $count }/{ $max })
   *[channel] This channel's subscriptions ({ $count }/{ $max })
}

## Role pings (commands/pings.ts). $kinds: ping kind keywords as typed (breakout, flip).
ping-not-role = That is not a role of this server.
ping-discord-only = Role pings work on Discord only.
ping-refused = I can't ping that role: { $reason }
ping-nothing-changed = Nothing was changed.
ping-line = Pings @{ $role } on { $kinds }. Change which alerts ping with /channel settings pingon.
ping-line-none = Pings @{ $role } on nothing yet (pingon is none). Change which alerts ping with /channel settings pingon.

## Alert buttons (commands/actions.ts)
action-invalid = That button is not valid anymore.
action-moderators-only = Only moderators can change alerts here.
action-token-id = token { $id }
action-muted = Muted { $symbol } alerts for { $duration } (until { $time }).
action-already-unsubscribed = Already unsubscribed from { $symbol }.
action-unsubscribed = Unsubscribed from { $symbol }.
action-undo = Undo: /subscribe { $symbol }

## /help and /start (commands/registry.ts). Command descriptions come from menus.ftl.
help-intro = tokenwatch sends Token Metrics alerts: trading signal flips, support/resistance levels, Sharpe crossings and grade changes.
help-group-admin = As a group admin, /subscribe, /unsubscribe, /settings, /mute and /quiet in a group change the group's alerts.
help-details = Details: /help <command>, e.g. /help settings
help-title = tokenwatch help
help-unknown = I have no command by that name here.
help-send-help = Send /help for the list.
help-optional = { $name } (optional)
help-keys = Keys:
start-welcome = Welcome to tokenwatch!
start-see-help = See /help for everything else.
