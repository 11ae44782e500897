# Alertas: titulares, datos, resúmenes, botones y etiquetas de gráficos. Símbolos, precios, números y horas llegan ya formateados.

## Titulares: siguen al símbolo del token.
event-signal-flip = señal { $timeframe ->
    [daily] diaria
   *[other] horaria
} cambió { $from } → { $to }
event-signal = { $signal ->
    [bullish] alcista
    [bearish] bajista
   *[other] neutral
}
event-level-approach = acercándose { $side ->
    [resistance] a la resistencia
   *[other] al soporte
} { $level }
event-level-touch = tocando { $side ->
    [resistance] la resistencia
   *[other] el soporte
} { $level }
event-level-breakout = rompió { $direction ->
    [up] por encima de
   *[other] por debajo de
} { $side ->
    [resistance] la resistencia
   *[other] el soporte
} { $level }
event-metric-cross = { $metric } cruzó { $direction ->
    [up] por encima de
   *[other] por debajo de
} { $threshold }
event-grade-change = señal de calificación TM { $from } → { $to }
event-price-move = se movió { $change } en { $window } (tu alerta)
event-price-condition = { $condition } (tu alerta)

## Tipos de alerta.
event-kind-short = { $kind ->
    [signal_flip] cambio
    [level_approach] acercamiento
    [level_touch] toque
    [level_breakout] ruptura
    [metric_cross] métrica
    [grade_change] calificación
   *[other] alerta de precio
}
event-kind-long = { $kind ->
    [signal_flip] cambio de señal
    [level_approach] acercamiento
    [level_touch] toque
    [level_breakout] ruptura
    [metric_cross] cruce de métrica
    [grade_change] cambio de calificación
   *[other] alerta de precio
}
event-kind-flip-short = { $timeframe ->
    [daily] cambio diario
   *[other] cambio horario
}
event-kind-flip-long = { $timeframe ->
    [daily] cambio de señal diario
   *[other] cambio de señal horario
}
event-kind-metric-long = cruce de { $metric }

## Datos bajo el titular.
fact-price = Precio
fact-price-now = Precio actual
fact-price-seen = { $price } ({ $time }, { $source })
fact-source-demo = reproducción de demostración
fact-source-live = precio en vivo del exchange
fact-level = Nivel
fact-level-value = { $price } ({ $side ->
    [resistance] resistencia
   *[other] soporte
})
fact-level-ref = { $price } ({ $side ->
    [resistance] resistencia
   *[other] soporte
}, { $strength }/100)
fact-distance = Distancia
fact-strength = Fuerza
fact-target = Objetivo
fact-fails-below = Falla por debajo de
fact-fails-above = Falla por encima de
fact-signal-date = Fecha de la señal
fact-signal-hour = Hora de la señal
fact-trader-grade = Calificación de trader
fact-tm-grade = Calificación TM
fact-threshold = Umbral
fact-previous = Anterior
fact-move = Movimiento
fact-move-value = { $change } en { $window }, desde { $price }
fact-move-value-at = { $change } en { $window }, desde { $price } ({ $time })
fact-condition = Condición
fact-part-held = se cumplió
fact-alert = Alerta
fact-alert-once = { $id } · once: se elimina
fact-alert-every = { $id } · every: la próxima tras el período de espera
fact-data = Datos
fact-demo = datos de demostración (reproducción incluida, no el mercado en vivo)

## Resúmenes.
digest-count = { $count ->
    [one] { $count } alerta
   *[other] { $count } alertas
}
digest-held = Retenidas durante tus horas de silencio o un silenciamiento

## Botones.
button-mute = 🔕 Silenciar { $symbol } 1d
button-mute-plain = Silenciar { $symbol } 1d
button-unsubscribe = Desuscribirse de { $symbol }

## Etiquetas de gráficos.
chartlabel-caption = { $kind } de { $side ->
    [resistance] resistencia
   *[other] soporte
}
chartlabel-strength = fza. { $strength }
chartlabel-now = ahora { $price }
chartlabel-empty = Aún no hay historial de precios
chartlabel-alt = Gráfico de precios { $title }

## Por qué un token no tiene transmisión en vivo del exchange.
livenote-forbidden = Sin transmisión en vivo: el operador la desactivó para este token.
livenote-this-token = este token
livenote-unloaded = Aún sin transmisión en vivo: no se pudieron cargar las listas de pares de { $exchanges }; reintentando.
livenote-no-pair = Sin transmisión en vivo: no hay par de { $symbol } cotizado en USD, USDT o USDC en { $exchanges }.
livenote-not-listed = Sin transmisión en vivo: Token Metrics no lista { $symbol } en ninguno de los exchanges de los que transmite el bot.
livenote-pending-held = Transmisión en vivo aún sin verificar: { $disagreement }; ese precio es demasiado antiguo para juzgar, esperando uno más reciente.
livenote-pending = Transmisión en vivo iniciando: esperando el primer precio de { $pair } para comprobarlo.
livenote-reasons = Sin transmisión en vivo: { $reasons }.
livenote-generic-ambiguous = Sin transmisión en vivo: el precio del exchange difiere del de Token Metrics (consulta docs/how-it-works.md, Live prices).
livenote-generic-unavailable = Sin transmisión en vivo por ahora: sus exchanges rechazan este servidor; vuelve dentro de una hora.
livenote-refused = { $exchange } rechaza este servidor, próximo intento: { $time }
livenote-refused-status = { $exchange } rechaza este servidor (HTTP { $status }), próximo intento: { $time }
livenote-when-just = justo antes; se permite { $tolerance }%
livenote-when = { $gap } antes; se permite { $tolerance }%
livenote-ref-tm = del precio de Token Metrics { $price } ({ $when })
livenote-ref-live = del último precio en vivo { $price } ({ $source }, { $when })
livenote-disagreement-pct = { $pair } estaba en { $price }, a { $pct } { $ref }
livenote-disagreement-factor = { $pair } estaba en { $price }, desviado por un factor de { $factor } { $ref }

## Palabras que las plataformas agregan a una respuesta (Telegram).
render-continue-private = 💬 Continuar en un chat privado
render-done = Listo.
render-failed = Falló.
render-chart-link = gráfico

metric-name = { $metric ->
    [SHARPE] Sharpe
    [SORTINO] Sortino
    [VOLATILITY] volatilidad
    [ALL_TIME_RETURN] rentabilidad histórica
    [CAGR] CAGR
    [MAX_DRAWDOWN] caída máxima
    [SKEW] asimetría
    [TAIL_RATIO] ratio de colas
    [RISK_REWARD_RATIO] ratio riesgo-beneficio
    [PROFIT_FACTOR] factor de beneficio
    [KURTOSIS] curtosis
    [DAILY_VALUE_AT_RISK] valor en riesgo diario
    [DAILY_RETURN_AVG] rentabilidad diaria media
    [DAILY_RETURN_STD] desviación de la rentabilidad diaria
    [EXPECTED_SHORTFALL_CVAR] pérdida esperada (CVaR)
   *[other] { $fallback }
}
grade-signal = { $signal ->
    [strong-buy] Compra fuerte
    [buy] Compra
    [neutral] Neutral
    [sell] Venta
    [strong-sell] Venta fuerte
   *[other] { $raw }
}
