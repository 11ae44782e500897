# Alerts: headlines, facts, digests, alert buttons and chart labels (src/delivery/describe*.ts, the renderers, src/charts).
# Symbols, prices, percents, numbers and times arrive already formatted; never put markup here.

## Headlines: they follow the token's symbol (`SOL approaching resistance $150.00`).
event-signal-flip = { $timeframe ->
    [daily] daily
   *[other] hourly
} signal flipped { $from } → { $to }
event-signal = { $signal ->
    [bullish] bullish
    [bearish] bearish
   *[other] neutral
}
event-level-approach = approaching { $side ->
    [resistance] resistance
   *[other] support
} { $level }
event-level-touch = touching { $side ->
    [resistance] resistance
   *[other] support
} { $level }
event-level-breakout = broke { $direction ->
    [up] above
   *[other] below
} { $side ->
    [resistance] resistance
   *[other] support
} { $level }
event-metric-cross = { $metric } crossed { $direction ->
    [up] above
   *[other] below
} { $threshold }
event-grade-change = TM grade signal { $from } → { $to }
event-price-move = moved { $change } in { $window } (your alert)
event-price-condition = { $condition } (your alert)

## Alert kinds as people call them (/why, /stats, chart captions): short in lists, long in running text.
event-kind-short = { $kind ->
    [signal_flip] flip
    [level_approach] approach
    [level_touch] touch
    [level_breakout] breakout
    [metric_cross] metric
    [grade_change] grade
   *[other] price alert
}
event-kind-long = { $kind ->
    [signal_flip] signal flip
    [level_approach] approach
    [level_touch] touch
    [level_breakout] breakout
    [metric_cross] metric crossing
    [grade_change] grade change
   *[other] price alert
}
event-kind-flip-short = { $timeframe ->
    [daily] daily flip
   *[other] hourly flip
}
event-kind-flip-long = { $timeframe ->
    [daily] daily signal flip
   *[other] hourly signal flip
}
event-kind-metric-long = { $metric } crossing

## Facts under the headline: a label and its value.
fact-price = Price
fact-price-now = Price now
fact-price-seen = { $price } ({ $time }, { $source })
fact-source-demo = demo replay
fact-source-live = live exchange price
fact-level = Level
fact-level-value = { $price } ({ $side ->
    [resistance] resistance
   *[other] support
})
fact-level-ref = { $price } ({ $side ->
    [resistance] resistance
   *[other] support
}, { $strength }/100)
fact-distance = Distance
fact-strength = Strength
fact-target = Target
fact-fails-below = Fails below
fact-fails-above = Fails above
fact-signal-date = Signal date
fact-signal-hour = Signal hour
fact-trader-grade = Trader grade
fact-tm-grade = TM grade
fact-threshold = Threshold
fact-previous = Previous
fact-move = Move
fact-move-value = { $change } in { $window }, from { $price }
fact-move-value-at = { $change } in { $window }, from { $price } at { $time }
fact-condition = Condition
fact-part-held = held
fact-alert = Alert
fact-alert-once = { $id } · once: removed
fact-alert-every = { $id } · every: next after cooldown
fact-data = Data
fact-demo = demo data (bundled replay, not the live market)

## Digests: one message's alerts.
digest-count = { $count ->
    [one] { $count } alert
   *[other] { $count } alerts
}
digest-held = Held during your quiet hours or mute

## Buttons under an alert (the symbol is the token's; `1d` stays as typed).
button-mute = 🔕 Mute { $symbol } 1d
button-mute-plain = Mute { $symbol } 1d
button-unsubscribe = Unsubscribe { $symbol }

## Chart labels.
chartlabel-caption = { $kind } of { $side ->
    [resistance] resistance
   *[other] support
}
chartlabel-strength = str { $strength }
chartlabel-now = now { $price }
chartlabel-empty = No price history yet
chartlabel-alt = { $title } price chart

## Why a token has no live exchange stream (/levels, /signal, /why). Pairs, exchanges, prices and durations arrive formatted.
livenote-forbidden = No live stream: turned off for this token by the operator.
livenote-this-token = this token
livenote-unloaded = No live stream yet: the pair lists of { $exchanges } could not be loaded; retrying.
livenote-no-pair = No live stream: no { $symbol } pair quoted in USD, USDT or USDC on { $exchanges }.
livenote-not-listed = No live stream: Token Metrics lists { $symbol } on none of the exchanges the bot streams from.
livenote-pending-held = Live stream not verified yet: { $disagreement }; that price is too old to judge by, waiting for a fresher one.
livenote-pending = Live stream starting: waiting for the first price from { $pair } to check it.
livenote-reasons = No live stream: { $reasons }.
livenote-generic-ambiguous = No live stream: the exchange price differs from Token Metrics (see docs/how-it-works.md, Live prices).
livenote-generic-unavailable = No live stream right now: its exchanges refuse this server; back within the hour.
livenote-refused = { $exchange } refuses this server, tried again { $time }
livenote-refused-status = { $exchange } refuses this server (HTTP { $status }), tried again { $time }
livenote-when-just = just before; { $tolerance }% allowed
livenote-when = { $gap } before; { $tolerance }% allowed
livenote-ref-tm = Token Metrics' { $price } ({ $when })
livenote-ref-live = the last live price { $price } ({ $source }, { $when })
livenote-disagreement-pct = { $pair } was { $price }, { $pct } off { $ref }
livenote-disagreement-factor = { $pair } was { $price }, off by a factor of { $factor } from { $ref }

## Words the platforms add to a reply (Telegram).
render-continue-private = 💬 Continue in a private chat
render-done = Done.
render-failed = Failed.
render-chart-link = chart

## Token Metrics words: metric names (the API's field, $metric) and grade signals ($signal: the API's words in
## lower case, spaces as dashes). Anything else shows as the API gave it ($fallback, $raw).
metric-name = { $metric ->
    [SHARPE] Sharpe
    [SORTINO] Sortino
    [VOLATILITY] volatility
    [ALL_TIME_RETURN] all time return
    [CAGR] CAGR
    [MAX_DRAWDOWN] max drawdown
    [SKEW] skew
    [TAIL_RATIO] tail ratio
    [RISK_REWARD_RATIO] risk reward ratio
    [PROFIT_FACTOR] profit factor
    [KURTOSIS] kurtosis
    [DAILY_VALUE_AT_RISK] daily value at risk
    [DAILY_RETURN_AVG] daily return avg
    [DAILY_RETURN_STD] daily return std
    [EXPECTED_SHORTFALL_CVAR] expected shortfall (CVaR)
   *[other] { $fallback }
}
grade-signal = { $signal ->
    [strong-buy] Strong Buy
    [buy] Buy
    [neutral] Neutral
    [sell] Sell
    [strong-sell] Strong Sell
   *[other] { $raw }
}
