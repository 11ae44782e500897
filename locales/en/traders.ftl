# Market and trader commands: /levels, /signal, /chart, /stats, /why, /alert, /backtest.
# Prices, percentages and numbers arrive already formatted ($64,210.50, +1.5%); symbols and the
# condition keywords users type (above, below, move, near, signal, hourly, grade, sharpe, once, every, and)
# stay English.

## Shared words
market-signal = { $value ->
    [bullish] bullish
    [bearish] bearish
   *[neutral] neutral
}
market-age-seconds = { $n } s ago
market-age-minutes = { $n } min ago
market-age-hours = { $n } h ago
market-age-days = { $n } d ago
market-price = Price: { $price }
market-price-source = Price: { $price } ({ $source }, { $age })
market-updated = Updated { $time }
market-no-data = No data for { $symbol } yet: subscribe and I'll start watching it.
market-no-data-hint = Try /subscribe { $symbol }, then ask again in a few minutes.
market-unavailable = { $kind ->
    [price] Prices are not available on this API plan.
    [daily] Daily trading signals are not available on this API plan.
    [hourly] Hourly trading signals are not available on this API plan.
    [levels] Support/resistance levels are not available on this API plan.
    [quant] Quant metrics (Sharpe) are not available on this API plan.
   *[grade] TM grades are not available on this API plan.
}

## /levels
levels-title = { $symbol } levels
levels-row = { $price }  { $pct } away · strength { $strength }/100
levels-none = none
levels-none-strong = No strong levels (strength ≥ { $min }) right now.
levels-resistance-above = Resistance above:
levels-support-below = Support below:

## /signal
signal-title = { $symbol } signals
signal-daily = Daily: trend { $trend }, signal { $signal } ({ $date })
signal-hourly = Hourly: position { $position }, signal { $signal } ({ $time })
signal-grade = TM grade: { $grade }
signal-sharpe = Sharpe: { $value }

## /chart
chart-unavailable = Charts are not available on this bot.
chart-no-levels = No levels for { $symbol } yet.
chart-alt = { $symbol } · { $range } price chart

## /stats (table headers and cells stay short: the table is monospaced)
stats-col-kind = Kind
stats-col-n = n
stats-col-hit = Hit
stats-col-median = Median
stats-col-best = Best
stats-col-worst = Worst
stats-hit = { $pct } of { $n }
stats-recorded = recorded
stats-all-tokens = all tokens
stats-title = Alert outcomes, { $name }, last { $window }
stats-none = No alerts were delivered for { $name } in the last { $window }.
stats-legend-hit = Hit: levels held (price turned away by a band) or broke; breakouts still beyond the level 24 h later;
stats-legend-flips = flips: return after 7 d (hourly: 24 h) in the signal direction. Moves are in the alert direction.
stats-too-few = * Too few decided alerts to mean much (under { $min }): { $kinds }.
stats-open = { $count } still open (not decided yet).
stats-bad-window = The window must be 7d, 30d or 90d, not "{ $window }".
stats-unavailable = Alert outcomes are not recorded on this bot.

## /why
why-which-token = Which token? For example: /why SOL
why-nothing = Nothing known yet.
why-title = { $place ->
    [dm] Why: { $symbol } in your DMs
    [group] Why: { $symbol } in this group
   *[channel] Why: { $symbol } in this channel
}
why-price = Price { $price } from { $source }, { $age } old
why-market-feed = the market feed
why-price-unseen = Price: not seen yet (nobody follows this token, or the first tick has not run)
why-streamed = Streamed from { $source }, { $age } old
why-not-followed = Not followed here, so no { $symbol } alerts come here. Add them with /subscribe { $symbol }.
why-followed = Followed here for: { $types }
why-followed-except = Followed here for: { $types }; not for { $others }
why-levels-none = Levels: none known yet.
why-levels-head = Levels (proximity { $pct }%, minstrength { $min }):
why-levels-none-strong = no level is at least { $min } strong
why-level-r = R
why-level-s = S
why-level-row-inside = { $side } { $price } { $pct } (inside the band) · strength { $strength }
why-level-row-outside = { $side } { $price } { $pct } (outside the band) · strength { $strength }
why-level-weak = { $price } is within the band but strength { $strength } is below minstrength { $min }
why-level-untracked = not tracked yet at { $pct }% (from the next profile scan)
why-level-rearm = re-arms once price is over { $pct }% away (now { $now }%)
why-level-pending = breakout pending since { $time }
why-level-armed-inside = armed, inside the band
why-level-far = far (armed)
why-level-approaching = approaching (since { $time })
why-level-touched = touched (since { $time })
why-level-broken = broken ({ $time }), re-arming
why-daily-signal = Daily signal: { $signal } ({ $date })
why-daily-signal-none = Daily signal: none yet
why-hourly-signal = Hourly signal: { $signal } ({ $time })
why-hourly-signal-none = Hourly signal: none yet
why-threshold-no-data = { $name }: no data yet
why-threshold-side = { $side ->
    [above] above threshold { $threshold }
   *[below] below threshold { $threshold }
}
why-threshold-untracked = threshold { $threshold } not tracked yet
why-threshold = { $name }: { $value }, { $where }; alerts on crossing { $up } up or { $down } down
why-muted-until = Muted until { $time } ({ $what })
why-mute-dropped = alerts dropped
why-mute-held = alerts held
why-mute-held-until = alerts held until { $time }
why-mute-off = Mute: off
why-token-muted = This token is muted until { $time }
why-quiet = Quiet hours { $hours }
why-quiet-open = Quiet hours { $hours }: now, alerts held until { $time }
why-quiet-none = Quiet hours: none
why-cooldown = Cooldown { $duration } per kind: { $list }
why-cooldown-running = { $kind } until { $time }
why-cooldown-none = none running
why-cap = Hourly cap: { $sent } of { $limit } sent this hour
why-cap-held = Hourly cap: { $sent } of { $limit } sent this hour; alerts held until { $time }
why-suppressions-none = Recent suppressions: none
why-suppressions = Recent suppressions:
why-or = or
why-reason-cooldown-until = cooldown until { $time }
why-reason-cooldown-ended = cooldown (since ended)
why-reason-quiet = held for quiet hours
why-reason-quiet-until = held for quiet hours until { $time }
why-reason-muted = held while muted
why-reason-muted-until = held while muted until { $time }
why-reason-muted-dropped = dropped while muted (mute mode drop)
why-reason-token-muted = token muted
why-reason-token-muted-until = token muted until { $time }
why-reason-rate-cap = held by the hourly cap
why-reason-rate-cap-until = held by the hourly cap until { $time }
why-reason-inhibited = inhibited by { $kind }
why-reason-stronger = a stronger alert
why-reason-below-minstrength = below minstrength
why-reason-dedup = already sent (duplicate)
# Alert kinds as /why names them (the same words as the alerts): short in lists, long in running text.
# /why's lines about the place's own price alerts
why-alerts-none = Price alerts on { $symbol } here: none (e.g. /alert { $symbol } above 210)
why-alerts-head = Price alerts on { $symbol } here ({ $count }):
why-alerts-fired = { $repeat }, last fired { $ago } ago
why-alerts-holds = holds now
why-alerts-not-holds = does not hold now
why-alerts-edge = An alert that holds now fires the next time it becomes true again (after being false).
part-no-data = no data yet
part-move = { $pct } from { $from }
part-near-none = no strong { $side } within { $pct }
part-near = { $side } { $price }, { $pct } away

## /alert, /alerts (price alerts)
pricealert-unavailable = Price alerts are not available on this bot.
pricealert-once = once
pricealert-every = every time
pricealert-unknown = Not known yet for { $symbol }: { $parts }. The data is fetched from the next update on; the alert waits for it.
pricealert-already = { $side ->
    [above] { $symbol } is already above { $price }: the alert fires when the price crosses it again.
   *[below] { $symbol } is already below { $price }: the alert fires when the price crosses it again.
}
pricealert-holds = The condition holds already: the alert fires the next time it becomes true again.
pricealert-limit = { $place ->
    [dm] You have { $count } price alerts, the limit is { $max }.
    [topic] This topic has { $count } price alerts, the limit is { $max }.
    [group] This group has { $count } price alerts, the limit is { $max }.
   *[channel] This channel has { $count } price alerts, the limit is { $max }.
}
pricealert-limit-hint = Delete one first: /alerts shows their ids, /alert delete <id> removes one.
pricealert-set = { $place ->
    [dm] Alert { $id } set for you: { $alert }.
    [topic] Alert { $id } set for this topic: { $alert }.
    [group] Alert { $id } set for this group: { $alert }.
   *[channel] Alert { $id } set for this channel: { $alert }.
}
pricealert-price-now = Price now: { $price }.
pricealert-every-cooldown = It fires at most once per cooldown (see /settings cooldown).
pricealert-near-strength = "near" counts levels of strength { $min } or more (the minstrength here now; the alert keeps it).
pricealert-remove = Remove it with /alert delete { $id }.
pricealert-delete-id = Give the id of the alert to delete (6 letters and digits, see /alerts).
pricealert-delete-unknown = { $place ->
    [dm] No price alert { $id } for you. See /alerts for the ids.
    [topic] No price alert { $id } for this topic. See /alerts for the ids.
    [group] No price alert { $id } for this group. See /alerts for the ids.
   *[channel] No price alert { $id } for this channel. See /alerts for the ids.
}
pricealert-deleted = Deleted price alert { $id }.
pricealert-list-none = { $place ->
    [dm] No price alerts for you.
    [topic] No price alerts for this topic.
    [group] No price alerts for this group.
   *[channel] No price alerts for this channel.
}
pricealert-list-hint = Set one with /alert SOL above 210 or /alert SOL move 5% 1h.
pricealert-list-delete = Delete one with /alert delete <id>.
pricealert-list-title = { $place ->
    [dm] Your price alerts ({ $count })
    [topic] Price alerts of this topic ({ $count })
    [group] Price alerts of this group ({ $count })
   *[channel] Price alerts of this channel ({ $count })
}
pricealert-say-what = Say what to watch, e.g. above 210 or move 5% 1h.

## Condition parse errors (the keywords in the examples are what users type, in every language)
cond-price-positive = A price must be above zero.
cond-not-price = "{ $text }" is not a price. Use e.g. 210 or 0.0012.
cond-price-too-large = That price is too large.
cond-not-pct = "{ $text }" is not a percentage. Use e.g. 5%.
cond-move-range = A move must be between { $min } and { $max }.
cond-window-seconds = The window must be at least 1 minute (e.g. 5m, 1h, 1d).
cond-window-min = The window must be at least 1 minute.
cond-window-range = Pick a window between { $min } and { $max }.
cond-not-window = "{ $text }" is not a window. Use e.g. 30m, 2h, 1d or 1w.
cond-usage-hint = Use e.g. above 210, below 180, move 5% 1h, near support 2%, signal bullish, hourly bearish, grade >= 70 or sharpe >= 1, up to 3 joined by "and", then once (default) or every.
cond-one-price = Give one price, e.g. { $example }.
cond-move-args = Give a percentage and a window, e.g. move 5% 1h.
cond-near-side = Say near support or near resistance, optionally with a distance: near support 2%.
cond-near-range = The distance must be a percentage above 0 and at most { $max }, e.g. 2%.
cond-signal-value = Say { $bullish } or { $bearish }.
cond-compare-op = Compare with >= or <=, e.g. { $example }.
cond-not-number = "{ $text }" is not a number. Use e.g. { $example }.
cond-grade-range = The TM grade runs from 0 to 100.
cond-sharpe-range = A Sharpe ratio that large never occurs; use e.g. sharpe >= 1.5.
cond-say-what = Say what to watch.
cond-not-condition = "{ $text }" is not a condition.
cond-too-many-parts = At most { $max } parts can be joined by "and".
cond-part-empty = empty
cond-part-error = Part { $n } ({ $said }): { $error }
cond-never = { $parts } can never hold together: the alert would never fire.

## /backtest
backtest-period = Pick 7d or 30d: the price history keeps 30 days.
backtest-na = n/a
backtest-firing = { $time } at { $price } · 1 h after { $after1h } · 24 h after { $after24h }
backtest-after-none = After { $label }: no price that long after any firing yet.
backtest-after = After { $label }: mean { $mean }, up { $up } of { $n } (sample { $n })
backtest-replayed = Replayed { $count } price points of { $symbol } from { $from } to { $to } (hourly before the last 24 h, by the minute after).
backtest-skipped = Not replayed: { $skipped }. tokenwatch keeps only the latest TM grade and Sharpe, and signals only as the flips it alerted on, so this counts the other parts only.
backtest-skipped-rest = Not replayed: { $skipped }. tokenwatch keeps only the latest TM grade and Sharpe, and signals only as the flips it alerted on, so this counts the other parts only ({ $replayed }).
backtest-levels-now = near parts are judged against today's strong levels.
backtest-never = It would not have fired.
backtest-fired = { $count ->
    [one] It would have fired { $count } time:
   *[other] It would have fired { $count } times:
}
backtest-earlier = … and { $count } earlier.
backtest-signal-flips = { $timeframe ->
    [daily] { $count ->
        [one] The daily signal replays from { $count } stored flip in the period.
       *[other] The daily signal replays from { $count } stored flips in the period.
    }
   *[hourly] { $count ->
        [one] The hourly signal replays from { $count } stored flip in the period.
       *[other] The hourly signal replays from { $count } stored flips in the period.
    }
}
backtest-signal-today = { $timeframe ->
    [daily] The daily signal: no flip stored in the period, so today's ({ $signal }) counts throughout.
   *[hourly] The hourly signal: no flip stored in the period, so today's ({ $signal }) counts throughout.
}
backtest-unavailable = Backtests are not available on this bot.
backtest-title = Backtest: { $symbol } { $condition }, last { $period }
backtest-not-replayable = Nothing in { $condition } can be replayed: tokenwatch keeps only the latest TM grade and Sharpe, and a token's signals only as the flips it alerted on.
backtest-add-price = Add a price part, e.g. above 210 and signal bullish.
backtest-no-history = No price history of { $symbol } for that period yet: tokenwatch records the prices of tokens someone follows or has an alert on.
backtest-no-history-hint = Follow it (/subscribe { $symbol }) or set an alert, and try again later.
backtest-created-none = No alert was created. To set it: /alert { $symbol } { $condition }
backtest-which-token = Which token? For example: /backtest SOL above 210
backtest-say-what = Say what to test, e.g. above 210 or move 5% 1h.
