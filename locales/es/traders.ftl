# Comandos de mercado y trading: /levels, /signal, /chart, /stats, /why, /alert, /backtest.
# Precios, porcentajes, símbolos y las palabras clave de las condiciones quedan como en inglés.

## Palabras compartidas
market-signal = { $value ->
    [bullish] alcista
    [bearish] bajista
   *[neutral] neutral
}
market-age-seconds = hace { $n } s
market-age-minutes = hace { $n } min
market-age-hours = hace { $n } h
market-age-days = hace { $n } d
market-price = Precio: { $price }
market-price-source = Precio: { $price } ({ $source }, { $age })
market-updated = Actualizado { $time }
market-no-data = Todavía no hay datos de { $symbol }: suscríbete y empezaré a seguirlo.
market-no-data-hint = Prueba /subscribe { $symbol } y vuelve a preguntar en unos minutos.
market-unavailable = { $kind ->
    [price] Los precios no están disponibles en este plan de la API.
    [daily] Las señales de trading diarias no están disponibles en este plan de la API.
    [hourly] Las señales de trading por hora no están disponibles en este plan de la API.
    [levels] Los niveles de soporte/resistencia no están disponibles en este plan de la API.
    [quant] Las métricas cuantitativas (Sharpe) no están disponibles en este plan de la API.
   *[grade] Las calificaciones TM no están disponibles en este plan de la API.
}

## /levels
levels-title = Niveles de { $symbol }
levels-row = { $price }  a { $pct } · fuerza { $strength }/100
levels-none = ninguno
levels-none-strong = No hay niveles fuertes (fuerza ≥ { $min }) en este momento.
levels-resistance-above = Resistencias arriba:
levels-support-below = Soportes abajo:

## /signal
signal-title = Señales de { $symbol }
signal-daily = Diario: tendencia { $trend }, señal { $signal } ({ $date })
signal-hourly = Por hora: posición { $position }, señal { $signal } ({ $time })
signal-grade = Calificación TM: { $grade }
signal-sharpe = Sharpe: { $value }

## /chart
chart-unavailable = Los gráficos no están disponibles en este bot.
chart-no-levels = Todavía no hay niveles de { $symbol }.
chart-alt = Gráfico de precio de { $symbol } · { $range }

## /stats (encabezados y celdas cortos: la tabla es monoespaciada)
stats-col-kind = Tipo
stats-col-n = n
stats-col-hit = Acierto
stats-col-median = Mediana
stats-col-best = Mejor
stats-col-worst = Peor
stats-hit = { $pct } de { $n }
stats-recorded = registrado
stats-all-tokens = todos los tokens
stats-title = Resultados de alertas, { $name }, últimos { $window }
stats-none = No se entregaron alertas de { $name } en los últimos { $window }.
stats-legend-hit = Acierto: niveles que aguantaron (el precio se alejó el ancho de una banda) o se rompieron; rupturas aún más allá del nivel 24 h después;
stats-legend-flips = giros: rendimiento tras 7 d (por hora: 24 h) en la dirección de la señal. Los movimientos van en la dirección de la alerta.
stats-too-few = * Muy pocas alertas decididas para ser significativas (menos de { $min }): { $kinds }.
stats-open = { $count ->
    [one] { $count } sigue abierta (aún sin decidir).
   *[other] { $count } siguen abiertas (aún sin decidir).
}
stats-bad-window = El periodo debe ser 7d, 30d o 90d, no "{ $window }".
stats-unavailable = Este bot no registra los resultados de las alertas.

## /why
why-which-token = ¿Qué token? Por ejemplo: /why SOL
why-nothing = Todavía no se sabe nada.
why-title = { $place ->
    [dm] Por qué: { $symbol } en tus mensajes directos
    [group] Por qué: { $symbol } en este grupo
   *[channel] Por qué: { $symbol } en este canal
}
why-price = Precio { $price } de { $source }, con { $age } de antigüedad
why-market-feed = la fuente de mercado
why-price-unseen = Precio: aún no visto (nadie sigue este token o el primer ciclo aún no se ejecutó)
why-streamed = Transmitido desde { $source }, con { $age } de antigüedad
why-not-followed = No se sigue aquí, así que aquí no llegan alertas de { $symbol }. Agrégalas con /subscribe { $symbol }.
why-followed = Seguido aquí para: { $types }
why-followed-except = Seguido aquí para: { $types }; no para { $others }
why-levels-none = Niveles: aún no se conoce ninguno.
why-levels-head = Niveles (proximity { $pct }%, minstrength { $min }):
why-levels-none-strong = ningún nivel tiene una fuerza de al menos { $min }
why-level-r = R
why-level-s = S
why-level-row-inside = { $side } { $price } { $pct } (dentro de la banda) · fuerza { $strength }
why-level-row-outside = { $side } { $price } { $pct } (fuera de la banda) · fuerza { $strength }
why-level-weak = { $price } está dentro de la banda, pero su fuerza { $strength } está por debajo de minstrength { $min }
why-level-untracked = aún sin seguimiento a { $pct }% (desde el próximo escaneo del perfil)
why-level-rearm = se rearma cuando el precio se aleje más de { $pct }% (ahora { $now }%)
why-level-pending = ruptura pendiente desde { $time }
why-level-armed-inside = armado, dentro de la banda
why-level-far = lejos (armado)
why-level-approaching = acercándose (desde { $time })
why-level-touched = tocado (desde { $time })
why-level-broken = roto ({ $time }), rearmándose
why-daily-signal = Señal diaria: { $signal } ({ $date })
why-daily-signal-none = Señal diaria: aún ninguna
why-hourly-signal = Señal por hora: { $signal } ({ $time })
why-hourly-signal-none = Señal por hora: aún ninguna
why-threshold-no-data = { $name }: aún sin datos
why-threshold-side = { $side ->
    [above] por encima del umbral { $threshold }
   *[below] por debajo del umbral { $threshold }
}
why-threshold-untracked = umbral { $threshold } aún sin seguimiento
why-threshold = { $name }: { $value }, { $where }; alerta al cruzar { $up } hacia arriba o { $down } hacia abajo
why-muted-until = Silenciado hasta { $time } ({ $what })
why-mute-dropped = alertas descartadas
why-mute-held = alertas retenidas
why-mute-held-until = alertas retenidas hasta { $time }
why-mute-off = Silencio: desactivado
why-token-muted = Este token está silenciado hasta { $time }
why-quiet = Horas de silencio { $hours }
why-quiet-open = Horas de silencio { $hours }: ahora, alertas retenidas hasta { $time }
why-quiet-none = Horas de silencio: ninguna
why-cooldown = Enfriamiento de { $duration } por tipo: { $list }
why-cooldown-running = { $kind } hasta { $time }
why-cooldown-none = ninguno en curso
why-cap = Límite por hora: { $sent } de { $limit } enviados esta hora
why-cap-held = Límite por hora: { $sent } de { $limit } enviados esta hora; alertas retenidas hasta { $time }
why-suppressions-none = Supresiones recientes: ninguna
why-suppressions = Supresiones recientes:
why-or = o
why-reason-cooldown-until = enfriamiento hasta { $time }
why-reason-cooldown-ended = enfriamiento (ya terminó)
why-reason-quiet = retenida por las horas de silencio
why-reason-quiet-until = retenida por las horas de silencio hasta { $time }
why-reason-muted = retenida mientras estaba silenciado
why-reason-muted-until = retenida mientras estaba silenciado hasta { $time }
why-reason-muted-dropped = descartada mientras estaba silenciado (modo de silencio drop)
why-reason-token-muted = token silenciado
why-reason-token-muted-until = token silenciado hasta { $time }
why-reason-rate-cap = retenida por el límite por hora
why-reason-rate-cap-until = retenida por el límite por hora hasta { $time }
why-reason-inhibited = inhibida por { $kind }
why-reason-stronger = una alerta más fuerte
why-reason-below-minstrength = por debajo de minstrength
why-reason-dedup = ya enviada (duplicada)
why-alerts-none = Alertas de precio de { $symbol } aquí: ninguna (p. ej., /alert { $symbol } above 210)
why-alerts-head = Alertas de precio de { $symbol } aquí ({ $count }):
why-alerts-fired = { $repeat }, se disparó por última vez hace { $ago }
why-alerts-holds = se cumple ahora
why-alerts-not-holds = no se cumple ahora
why-alerts-edge = Una alerta que se cumple ahora se dispara la próxima vez que vuelva a cumplirse (después de dejar de cumplirse).
part-no-data = aún sin datos
part-move = { $pct } desde { $from }
part-near-none = { $side ->
    [support] ningún soporte fuerte a menos de { $pct }
   *[resistance] ninguna resistencia fuerte a menos de { $pct }
}
part-near = { $side ->
    [support] soporte { $price }, a { $pct }
   *[resistance] resistencia { $price }, a { $pct }
}

## /alert, /alerts
pricealert-unavailable = Las alertas de precio no están disponibles en este bot.
pricealert-once = una vez
pricealert-every = cada vez
pricealert-unknown = Aún no se conoce para { $symbol }: { $parts }. Los datos se obtienen a partir de la próxima actualización; la alerta los espera.
pricealert-already = { $side ->
    [above] { $symbol } ya está por encima de { $price }: la alerta se dispara cuando el precio vuelva a cruzarlo.
   *[below] { $symbol } ya está por debajo de { $price }: la alerta se dispara cuando el precio vuelva a cruzarlo.
}
pricealert-holds = La condición ya se cumple: la alerta se dispara la próxima vez que vuelva a cumplirse.
pricealert-limit = { $place ->
    [dm] Tienes { $count } alertas de precio; el límite es { $max }.
    [topic] Este tema tiene { $count } alertas de precio; el límite es { $max }.
    [group] Este grupo tiene { $count } alertas de precio; el límite es { $max }.
   *[channel] Este canal tiene { $count } alertas de precio; el límite es { $max }.
}
pricealert-limit-hint = Elimina una primero: /alerts muestra sus ids y /alert delete <id> elimina una.
pricealert-set = { $place ->
    [dm] Alerta { $id } creada para ti: { $alert }.
    [topic] Alerta { $id } creada para este tema: { $alert }.
    [group] Alerta { $id } creada para este grupo: { $alert }.
   *[channel] Alerta { $id } creada para este canal: { $alert }.
}
pricealert-price-now = Precio actual: { $price }.
pricealert-every-cooldown = Se dispara como máximo una vez por enfriamiento (ver /settings cooldown).
pricealert-near-strength = "near" cuenta niveles de fuerza { $min } o más (el minstrength de aquí ahora; la alerta lo conserva).
pricealert-remove = Elimínala con /alert delete { $id }.
pricealert-delete-id = Indica el id de la alerta que quieres eliminar (6 letras y dígitos, ver /alerts).
pricealert-delete-unknown = { $place ->
    [dm] No tienes ninguna alerta de precio { $id }. Consulta los ids con /alerts.
    [topic] Este tema no tiene ninguna alerta de precio { $id }. Consulta los ids con /alerts.
    [group] Este grupo no tiene ninguna alerta de precio { $id }. Consulta los ids con /alerts.
   *[channel] Este canal no tiene ninguna alerta de precio { $id }. Consulta los ids con /alerts.
}
pricealert-deleted = Alerta de precio { $id } eliminada.
pricealert-list-none = { $place ->
    [dm] No tienes alertas de precio.
    [topic] Este tema no tiene alertas de precio.
    [group] Este grupo no tiene alertas de precio.
   *[channel] Este canal no tiene alertas de precio.
}
pricealert-list-hint = Crea una con /alert SOL above 210 o /alert SOL move 5% 1h.
pricealert-list-delete = Elimina una con /alert delete <id>.
pricealert-list-title = { $place ->
    [dm] Tus alertas de precio ({ $count })
    [topic] Alertas de precio de este tema ({ $count })
    [group] Alertas de precio de este grupo ({ $count })
   *[channel] Alertas de precio de este canal ({ $count })
}
pricealert-say-what = Di qué vigilar, p. ej., above 210 o move 5% 1h.

## Errores de las condiciones (las palabras clave de los ejemplos se escriben en inglés)
cond-price-positive = Un precio debe ser mayor que cero.
cond-not-price = "{ $text }" no es un precio. Usa, p. ej., 210 o 0.0012.
cond-price-too-large = Ese precio es demasiado grande.
cond-not-pct = "{ $text }" no es un porcentaje. Usa, p. ej., 5%.
cond-move-range = Un movimiento debe estar entre { $min } y { $max }.
cond-window-seconds = El periodo debe ser de al menos 1 minuto (p. ej., 5m, 1h, 1d).
cond-window-min = El periodo debe ser de al menos 1 minuto.
cond-window-range = Elige un periodo entre { $min } y { $max }.
cond-not-window = "{ $text }" no es un periodo. Usa, p. ej., 30m, 2h, 1d o 1w.
cond-usage-hint = Usa, p. ej., above 210, below 180, move 5% 1h, near support 2%, signal bullish, hourly bearish, grade >= 70 o sharpe >= 1, hasta 3 unidas con "and", y luego once (por defecto) o every.
cond-one-price = Indica un solo precio, p. ej., { $example }.
cond-move-args = Indica un porcentaje y un periodo, p. ej., move 5% 1h.
cond-near-side = Escribe near support o near resistance, opcionalmente con una distancia: near support 2%.
cond-near-range = La distancia debe ser un porcentaje mayor que 0 y de como máximo { $max }, p. ej., 2%.
cond-signal-value = Escribe { $bullish } o { $bearish }.
cond-compare-op = Compara con >= o <=, p. ej., { $example }.
cond-not-number = "{ $text }" no es un número. Usa, p. ej., { $example }.
cond-grade-range = La calificación TM va de 0 a 100.
cond-sharpe-range = Un ratio de Sharpe tan grande nunca ocurre; usa, p. ej., sharpe >= 1.5.
cond-say-what = Di qué vigilar.
cond-not-condition = "{ $text }" no es una condición.
cond-too-many-parts = Se pueden unir como máximo { $max } partes con "and".
cond-part-empty = vacía
cond-part-error = Parte { $n } ({ $said }): { $error }
cond-never = { $parts } nunca pueden cumplirse a la vez: la alerta nunca se dispararía.

## /backtest
backtest-period = Elige 7d o 30d: el historial de precios guarda 30 días.
backtest-na = s/d
backtest-firing = { $time } a { $price } · 1 h después { $after1h } · 24 h después { $after24h }
backtest-after-none = Después de { $label }: aún no hay precio tan posterior a ningún disparo.
backtest-after = Después de { $label }: media { $mean }, subió { $up } de { $n } (muestra { $n })
backtest-replayed = Se reprodujeron { $count } puntos de precio de { $symbol } desde { $from } hasta { $to } (por hora antes de las últimas 24 h, por minuto después).
backtest-skipped = Sin reproducir: { $skipped }. tokenwatch guarda solo la última calificación TM y el último Sharpe, y las señales solo como los giros que alertó, así que esto cuenta solo las demás partes.
backtest-skipped-rest = Sin reproducir: { $skipped }. tokenwatch guarda solo la última calificación TM y el último Sharpe, y las señales solo como los giros que alertó, así que esto cuenta solo las demás partes ({ $replayed }).
backtest-levels-now = las partes near se evalúan con los niveles fuertes de hoy.
backtest-never = No se habría disparado.
backtest-fired = { $count ->
    [one] Se habría disparado { $count } vez:
   *[other] Se habría disparado { $count } veces:
}
backtest-earlier = … y { $count } anteriores.
backtest-signal-flips = { $timeframe ->
    [daily] { $count ->
        [one] La señal diaria se reproduce a partir de { $count } giro guardado en el periodo.
       *[other] La señal diaria se reproduce a partir de { $count } giros guardados en el periodo.
    }
   *[hourly] { $count ->
        [one] La señal por hora se reproduce a partir de { $count } giro guardado en el periodo.
       *[other] La señal por hora se reproduce a partir de { $count } giros guardados en el periodo.
    }
}
backtest-signal-today = { $timeframe ->
    [daily] La señal diaria: no hay giros guardados en el periodo, así que cuenta la de hoy ({ $signal }) todo el tiempo.
   *[hourly] La señal por hora: no hay giros guardados en el periodo, así que cuenta la de hoy ({ $signal }) todo el tiempo.
}
backtest-unavailable = Los backtests no están disponibles en este bot.
backtest-title = Backtest: { $symbol } { $condition }, últimos { $period }
backtest-not-replayable = Nada de { $condition } se puede reproducir: tokenwatch guarda solo la última calificación TM y el último Sharpe, y las señales de un token solo como los giros que alertó.
backtest-add-price = Agrega una parte de precio, p. ej., above 210 and signal bullish.
backtest-no-history = Todavía no hay historial de precios de { $symbol } para ese periodo: tokenwatch registra los precios de los tokens que alguien sigue o tiene en una alerta.
backtest-no-history-hint = Síguelo (/subscribe { $symbol }) o crea una alerta, y vuelve a intentarlo más tarde.
backtest-created-none = No se creó ninguna alerta. Para crearla: /alert { $symbol } { $condition }
backtest-which-token = ¿Qué token? Por ejemplo: /backtest SOL above 210
backtest-say-what = Di qué probar, p. ej., above 210 o move 5% 1h.
