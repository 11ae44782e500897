# Community features: /watchlist, the daily brief (/brief), the watchlist card, /export replies,
# webhooks (/webhook, /webhooks, the SSRF refusals, the 410 removal notice) and the topic-moved notice.
# $place is one of: you, topic, group, channel.
# Kept English in every language: the CSV file's column headers and values, and webhook JSON payloads
# (machine-readable contracts).

## /watchlist: the table

watchlist-col-token = Token
watchlist-col-price = Price
watchlist-col-source = Source
watchlist-col-24h = 24h
watchlist-col-signal = Daily signal
watchlist-col-grade = Grade
watchlist-col-support = Support
watchlist-col-resistance = Resistance
watchlist-col-sharpe = Sharpe
watchlist-signal-bull = bull
watchlist-signal-bear = bear
watchlist-signal-flat = flat
# Short ages in a table cell: keep them short.
watchlist-age-s = { $n }s
watchlist-age-m = { $n }m
watchlist-age-h = { $n }h
watchlist-age-d = { $n }d

## /watchlist: the footnote under the table

watchlist-field-price = price
watchlist-field-24h = 24h change
watchlist-field-signal = daily signal
watchlist-field-grade = grade
watchlist-field-support = support
watchlist-field-resistance = resistance
watchlist-field-sharpe = Sharpe
watchlist-note-plan = not on this API plan: { $fields }
watchlist-note-no-data = no data yet: { $items }
watchlist-note-stale = stale: { $items }
watchlist-note-stale-item = { $symbol } { $field } { $age } old
watchlist-note-all = { $symbol } (all)

## /watchlist: replies

watchlist-title = Watchlist of { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} ({ $count ->
    [one] { $count } token
   *[other] { $count } tokens
})
watchlist-unavailable = The watchlist is not available on this bot.
watchlist-channel-empty-own = This channel follows nothing; here is your own list.
watchlist-empty = Nothing is followed by { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} yet.
watchlist-empty-start-own = Start with /subscribe SOL.
watchlist-empty-start-place = An admin or moderator can start with /subscribe SOL (or /channel subscribe SOL).

## The watchlist card (PNG)

card-title = Watchlist · { $time } UTC
card-days = 7 days
card-support = support
card-resistance = resistance
card-empty = Nothing followed here yet
card-alt = { $title }: prices and 7-day lines

## The daily brief

brief-title = Daily brief · { $date } { $time } { $zone }
brief-unavailable = Daily briefs are not available on this bot.
brief-none = No daily brief for { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
}.
brief-set-one = Set one: { $example }
brief-daily = Daily brief for { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
}: every day at { $time } { $zone }.
brief-explain = It posts the watchlist (/watchlist); mute and quiet hours hold it like any alert. Stop it with off.
brief-stopped = Daily brief for { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} stopped.
brief-had-none = { $place ->
    [topic] This topic has
    [group] This group has
    [channel] This channel has
   *[you] You have
} no daily brief.
brief-bad-time = "{ $input }" is not a time of day. Use HH:MM from 00:00 to 23:59, e.g. 08:00.
brief-bad-zone = Unknown time zone "{ $input }". Use an IANA name like Europe/Berlin, America/New_York or UTC.
brief-will-list = It will list the { $count ->
    [one] { $count } token
   *[other] { $count } tokens
} followed here, like /watchlist.
brief-nothing-followed = Nothing is followed here yet: subscribe to a token first, or the brief has nothing to show.

## /export (the CSV itself stays English)

export-unavailable = Exports are not available on this bot.
export-admins-only = Only group admins can export this group's alerts.
export-own-in-dm = For your own alerts, send me /export in a private chat.
export-bad-window = The window is 7d, 30d or 90d.
export-none = No alerts were delivered to { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} in the last { $window }.
export-title = Alerts export, last { $window }
export-count = { $count ->
    [one] { $count } alert
   *[other] { $count } alerts
} delivered to { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
}, times in UTC.
export-count-capped = { $count ->
    [one] { $count } alert
   *[other] { $count } alerts
} delivered to { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} (the first { $max }), times in UTC.
export-columns = Columns: { $columns }.

## Webhooks (the JSON payloads stay English)

webhook-unavailable = Webhooks are not available on this bot.
webhook-url-unreadable = (unreadable URL)
webhook-dm-only = Webhooks are set up in a private chat with me: the reply shows a signing secret.
webhook-dm-only-hint = Send me /webhook there.
webhook-add-give-url = Give the https:// URL that should receive the alerts.
webhook-add-nothing = Nothing was added.
webhook-limit = { $place ->
    [topic] This topic has
    [group] This group has
    [channel] This channel has
   *[you] You have
} { $count } webhooks already, the most allowed.
webhook-limit-hint = Remove one first with /webhook remove <id>.
webhook-added = Webhook { $id } added: { $url }
webhook-secret = Signing secret (shown only now, keep it safe): { $secret }
webhook-added-every-alert = Every alert { $place ->
    [topic] this topic gets
    [group] this group gets
    [channel] this channel gets
   *[you] you get
} is also POSTed there as JSON, signed per Standard Webhooks.
webhook-try = Try it: /webhook test { $id }
webhook-docs = How to verify the signature: docs/traders.md (Standard Webhooks).
webhook-added-title = Webhook added
webhook-none = No webhooks for { $place ->
    [topic] this topic
    [group] this group
    [channel] this channel
   *[you] you
} yet.
webhook-none-hint = Add one with /webhook add https://…
webhook-list-line = { $id }  { $url }  (added { $date })
webhook-list-max = At most { $max }; /webhook test <id> sends a signed test event.
webhook-list-title = Webhooks
webhook-give-id = Give a webhook id like wh1a2b3c4d (see /webhooks).
webhook-no-such = There is no webhook { $id } here. See /webhooks.
webhook-test-sent = Test event { $id } sent to { $hook }. { $answer }
webhook-test-title = Webhook test
webhook-test-failed = Test event to { $hook } not delivered. { $answer }
webhook-test-failed-hint = The webhook stays; fix the receiver and test again.
webhook-removed = Webhook { $id } removed.
webhook-gone-here = There is no webhook { $id } here.
webhook-say-action = Say add, list, test or remove.
webhook-post-failed = The request failed ({ $error }).
webhook-post-answered = The receiver answered { $status }.
webhook-post-redirect = The receiver answered with a redirect ({ $status }); webhooks do not follow redirects.
webhook-refused-not-url = That is not a URL (at most { $max } characters).
webhook-refused-https = Webhook URLs must start with https://.
webhook-refused-credentials = Webhook URLs may not contain a user name or password.
webhook-refused-unresolved = I could not resolve { $host }.
webhook-refused-private = { $host } points to a non-public address ({ $range }); webhooks only go to public internet hosts.
webhook-removed-410 = Your webhook { $id } answered 410 Gone, so I removed it. Add it again with /webhook add if that was a mistake.

## Telegram forum topic deleted or closed: told once in General

topic-gone = I could not post to forum topic #{ $thread }: it was deleted or closed. Its subscriptions and settings now post here in General, and nothing was lost. An admin can move a token back by sending /subscribe inside an open topic (and /unsubscribe here).
topic-gone-unknown = I could not post to a forum topic: it was deleted or closed. Its subscriptions and settings now post here in General, and nothing was lost. An admin can move a token back by sending /subscribe inside an open topic (and /unsubscribe here).
