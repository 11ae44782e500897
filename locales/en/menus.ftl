# Command menus: descriptions (cmd-, opt-), Discord names (cmdname-, optname-) and choice names (choice-).
# GENERATED from the command registry by `npm run i18n:menus`: edit the specs in commands/, not this file.
# Translations (es, pt-BR, ru): Discord names are 1-32 chars of letters, digits, - and _, lowercase,
# no spaces, unique among siblings; descriptions at most 100 chars (Discord) and 256 (Telegram).

## /start
cmd-start = Welcome, and deep links such as subscribing from a group
cmdname-start = start
opt-start-payload = Deep-link payload
optname-start-payload = payload

## /help
cmd-help = What I can do, or details about one command
cmdname-help = help
opt-help-command = A command name, e.g. subscribe
optname-help-command = command

## /subscribe
cmd-subscribe = Get alerts for a token
cmdname-subscribe = subscribe
opt-subscribe-symbol = Token symbol, e.g. SOL
optname-subscribe-symbol = symbol
opt-subscribe-types = Alert types: signal, hourly, levels, risk, grade or all (default: all but hourly)
optname-subscribe-types = types

## /unsubscribe
cmd-unsubscribe = Stop alerts for a token (or some alert types of it)
cmdname-unsubscribe = unsubscribe
opt-unsubscribe-symbol = Token symbol, or all
optname-unsubscribe-symbol = symbol
opt-unsubscribe-types = Alert types: signal, hourly, levels, risk, grade or all (default: all but hourly)
optname-unsubscribe-types = types

## /subscriptions
cmd-subscriptions = List the tokens you get alerts for
cmdname-subscriptions = subscriptions

## /levels
cmd-levels = Strong support and resistance levels of a token
cmdname-levels = levels
opt-levels-symbol = Token symbol, e.g. SOL
optname-levels-symbol = symbol

## /signal
cmd-signal = Trading signals, grade and Sharpe of a token
cmdname-signal = signal
opt-signal-symbol = Token symbol, e.g. SOL
optname-signal-symbol = symbol

## /why
cmd-why = Why an alert came or did not: price, levels, signals, your price alerts, settings, suppressions
cmdname-why = why
opt-why-symbol = Token symbol, e.g. SOL
optname-why-symbol = symbol

## /stats
cmd-stats = How past alerts turned out: hit rates, median move, best and worst, per kind
cmdname-stats = stats
opt-stats-symbol = Token symbol (default: every token)
optname-stats-symbol = symbol
opt-stats-window = How far back (default 30d)
optname-stats-window = window
choice-stats-window-7d = 7d
choice-stats-window-30d = 30d
choice-stats-window-90d = 90d

## /chart
cmd-chart = A price chart of a token with its strong levels
cmdname-chart = chart
opt-chart-symbol = Token symbol, e.g. SOL
optname-chart-symbol = symbol
opt-chart-range = Time window (default 7d)
optname-chart-range = range
choice-chart-range-24h = 24h
choice-chart-range-7d = 7d
choice-chart-range-30d = 30d

## /alert
cmd-alert = Your own alert: a price, a move, a level, a signal, grade or Sharpe, up to 3 joined by "and"
cmdname-alert = alert
opt-alert-symbol = Token symbol (or delete)
optname-alert-symbol = symbol
opt-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, up to 3 joined by "and"; or delete <id>
optname-alert-condition = condition

## /alerts
cmd-alerts = List your price alerts with their ids
cmdname-alerts = alerts

## /backtest
cmd-backtest = Replay an alert condition over the stored price history: how often it would have fired and what followed
cmdname-backtest = backtest
opt-backtest-symbol = Token symbol, e.g. SOL
optname-backtest-symbol = symbol
opt-backtest-condition = Any /alert condition (above 210 and signal bullish), then 7d (default) or 30d
optname-backtest-condition = condition

## /settings
cmd-settings = Show or change alert settings (thresholds, cooldown, quiet hours, mute)
cmdname-settings = settings
opt-settings-key = Setting to show or change
optname-settings-key = key
choice-settings-key-proximity = proximity
choice-settings-key-sharpe = sharpe
choice-settings-key-cooldown = cooldown
choice-settings-key-maxperhour = maxperhour
choice-settings-key-minstrength = minstrength
choice-settings-key-quiet = quiet
choice-settings-key-mute = mute
choice-settings-key-mutemode = mutemode
choice-settings-key-charts = charts
choice-settings-key-pingon = pingon
choice-settings-key-language = language
choice-settings-key-reset = reset
opt-settings-value = New value, or reset
optname-settings-value = value

## /mute
cmd-mute = Pause alerts for a while (e.g. 2h, 1d) or turn the mute off
cmdname-mute = mute
opt-mute-duration = e.g. 30m, 2h, 1d (max 30d), or off
optname-mute-duration = duration

## /quiet
cmd-quiet = Quiet hours: alerts wait until the window ends
cmdname-quiet = quiet
opt-quiet-hours = HH:MM-HH:MM and an IANA time zone, or off
optname-quiet-hours = hours

## /channel
cmd-channel = Moderators: choose which channels get which token alerts
cmdname-channel = channel

## /channel subscribe
cmd-channel-subscribe = Post alerts for a token in a channel
cmdname-channel-subscribe = subscribe
opt-channel-subscribe-symbol = Token symbol, e.g. SOL
optname-channel-subscribe-symbol = symbol
opt-channel-subscribe-channel = Channel (default: this one)
optname-channel-subscribe-channel = channel
opt-channel-subscribe-types = Alert types: signal, hourly, levels, risk, grade or all (default: all but hourly)
optname-channel-subscribe-types = types
opt-channel-subscribe-ping = Role to ping on this token's alerts (which ones: /channel settings pingon)
optname-channel-subscribe-ping = ping

## /channel unsubscribe
cmd-channel-unsubscribe = Stop a token's alerts in a channel
cmdname-channel-unsubscribe = unsubscribe
opt-channel-unsubscribe-symbol = Token symbol, or all
optname-channel-unsubscribe-symbol = symbol
opt-channel-unsubscribe-channel = Channel (default: this one)
optname-channel-unsubscribe-channel = channel

## /channel list
cmd-channel-list = This server's channel subscriptions
cmdname-channel-list = list

## /channel settings
cmd-channel-settings = Show or change a channel's (or the server default) alert settings
cmdname-channel-settings = settings
opt-channel-settings-key = Setting
optname-channel-settings-key = key
opt-channel-settings-value = New value, or reset
optname-channel-settings-value = value
opt-channel-settings-channel = Channel (default: this one)
optname-channel-settings-channel = channel
opt-channel-settings-scope = channel (default) or server (the default every channel inherits)
optname-channel-settings-scope = scope
choice-channel-settings-scope-channel = channel
choice-channel-settings-scope-server = server

## /channel alert
cmd-channel-alert = A price alert posted in a channel (or delete one)
cmdname-channel-alert = alert
opt-channel-alert-symbol = Token symbol (or delete)
optname-channel-alert-symbol = symbol
opt-channel-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, up to 3 joined by "and"; or delete <id>
optname-channel-alert-condition = condition
opt-channel-alert-channel = Channel (default: this one)
optname-channel-alert-channel = channel

## /channel alerts
cmd-channel-alerts = A channel's price alerts with their ids
cmdname-channel-alerts = alerts
opt-channel-alerts-channel = Channel (default: this one)
optname-channel-alerts-channel = channel

## /channel brief
cmd-channel-brief = A channel's daily watchlist at a local time, or off
cmdname-channel-brief = brief
opt-channel-brief-time = Local time HH:MM (e.g. 08:00), or off
optname-channel-brief-time = time
opt-channel-brief-zone = IANA time zone, e.g. Europe/Berlin (default UTC)
optname-channel-brief-zone = zone
opt-channel-brief-channel = Channel (default: this one)
optname-channel-brief-channel = channel

## /channel webhook
cmd-channel-webhook = A channel's webhooks: its alerts also POSTed, signed, to an https:// endpoint
cmdname-channel-webhook = webhook
opt-channel-webhook-action = add, list, test or remove
optname-channel-webhook-action = action
choice-channel-webhook-action-add = add
choice-channel-webhook-action-list = list
choice-channel-webhook-action-test = test
choice-channel-webhook-action-remove = remove
opt-channel-webhook-value = add: the https:// URL; test/remove: the webhook id
optname-channel-webhook-value = value
opt-channel-webhook-channel = Channel (default: this one)
optname-channel-webhook-channel = channel

## /channel export
cmd-channel-export = A channel's delivered alerts as a CSV file
cmdname-channel-export = export
opt-channel-export-window = How far back: 7d, 30d (default) or 90d
optname-channel-export-window = window
choice-channel-export-window-7d = 7d
choice-channel-export-window-30d = 30d
choice-channel-export-window-90d = 90d
opt-channel-export-channel = Channel (default: this one)
optname-channel-export-channel = channel

## /watchlist
cmd-watchlist = Every token followed here at a glance: price, 24 h change, signal, grade, levels, Sharpe
cmdname-watchlist = watchlist

## /brief
cmd-brief = A daily watchlist at a local time (e.g. 08:00 Europe/Berlin), or off
cmdname-brief = brief
opt-brief-time = Local time HH:MM (e.g. 08:00), or off
optname-brief-time = time
opt-brief-zone = IANA time zone, e.g. Europe/Berlin (default UTC)
optname-brief-zone = zone

## /webhook
cmd-webhook = Also send your alerts, signed, to your own https:// endpoint
cmdname-webhook = webhook

## /webhook add
cmd-webhook-add = Add a webhook (at most 3); the reply shows its signing secret once
cmdname-webhook-add = add
opt-webhook-add-url = https:// address that receives your alerts as signed JSON
optname-webhook-add-url = url

## /webhook test
cmd-webhook-test = Send a signed test event to a webhook
cmdname-webhook-test = test
opt-webhook-test-id = Webhook id (see /webhooks)
optname-webhook-test-id = id

## /webhook remove
cmd-webhook-remove = Remove a webhook
cmdname-webhook-remove = remove
opt-webhook-remove-id = Webhook id (see /webhooks)
optname-webhook-remove-id = id

## /webhooks
cmd-webhooks = Your webhooks
cmdname-webhooks = webhooks

## /export
cmd-export = Your delivered alerts as a CSV file (time, token, kind, price, level, outcome, move after)
cmdname-export = export
opt-export-window = How far back: 7d, 30d (default) or 90d
optname-export-window = window
choice-export-window-7d = 7d
choice-export-window-30d = 30d
choice-export-window-90d = 90d
