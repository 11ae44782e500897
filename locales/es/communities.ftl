# Funciones de comunidad: /watchlist, el resumen diario (/brief), la tarjeta, respuestas de /export,
# webhooks y el aviso de tema cerrado. $place: you, topic, group, channel.
# Quedan en inglés: los encabezados y valores del CSV y el JSON de los webhooks (contratos para máquinas).

## /watchlist: la tabla

watchlist-col-token = Token
watchlist-col-price = Precio
watchlist-col-source = Fuente
watchlist-col-24h = 24h
watchlist-col-signal = Señal diaria
watchlist-col-grade = Grado
watchlist-col-support = Soporte
watchlist-col-resistance = Resistencia
watchlist-col-sharpe = Sharpe
watchlist-signal-bull = alcista
watchlist-signal-bear = bajista
watchlist-signal-flat = neutral
watchlist-age-s = { $n }s
watchlist-age-m = { $n }min
watchlist-age-h = { $n }h
watchlist-age-d = { $n }d

## /watchlist: la nota al pie

watchlist-field-price = precio
watchlist-field-24h = cambio 24h
watchlist-field-signal = señal diaria
watchlist-field-grade = grado
watchlist-field-support = soporte
watchlist-field-resistance = resistencia
watchlist-field-sharpe = Sharpe
watchlist-note-plan = no incluido en este plan de la API: { $fields }
watchlist-note-no-data = aún sin datos: { $items }
watchlist-note-stale = desactualizado: { $items }
watchlist-note-stale-item = { $symbol } { $field } con { $age } de antigüedad
watchlist-note-all = { $symbol } (todo)

## /watchlist: respuestas

watchlist-title = { $place ->
    [topic] Lista de seguimiento de este tema
    [group] Lista de seguimiento de este grupo
    [channel] Lista de seguimiento de este canal
   *[you] Tu lista de seguimiento
} ({ $count ->
    [one] { $count } token
   *[other] { $count } tokens
})
watchlist-unavailable = La lista de seguimiento no está disponible en este bot.
watchlist-channel-empty-own = Este canal no sigue nada; aquí está tu propia lista.
watchlist-empty = { $place ->
    [topic] Este tema todavía no sigue nada.
    [group] Este grupo todavía no sigue nada.
    [channel] Este canal todavía no sigue nada.
   *[you] Todavía no sigues nada.
}
watchlist-empty-start-own = Empieza con /subscribe SOL.
watchlist-empty-start-place = Un administrador o moderador puede empezar con /subscribe SOL (o /channel subscribe SOL).

## La tarjeta (PNG)

card-title = Seguimiento · { $time } UTC
card-days = 7 días
card-support = soporte
card-resistance = resistencia
card-empty = Aquí todavía no se sigue nada
card-alt = { $title }: precios y líneas de 7 días

## El resumen diario

brief-title = Resumen diario · { $date } { $time } { $zone }
brief-unavailable = Los resúmenes diarios no están disponibles en este bot.
brief-none = { $place ->
    [topic] Este tema no tiene resumen diario.
    [group] Este grupo no tiene resumen diario.
    [channel] Este canal no tiene resumen diario.
   *[you] No tienes resumen diario.
}
brief-set-one = Configura uno: { $example }
brief-daily = { $place ->
    [topic] Resumen diario de este tema
    [group] Resumen diario de este grupo
    [channel] Resumen diario de este canal
   *[you] Tu resumen diario
}: todos los días a las { $time } { $zone }.
brief-explain = Publica la lista de seguimiento (/watchlist); el silencio y las horas de descanso lo retienen como a cualquier alerta. Detenlo con off.
brief-stopped = { $place ->
    [topic] Se detuvo el resumen diario de este tema.
    [group] Se detuvo el resumen diario de este grupo.
    [channel] Se detuvo el resumen diario de este canal.
   *[you] Se detuvo tu resumen diario.
}
brief-had-none = { $place ->
    [topic] Este tema no tiene resumen diario.
    [group] Este grupo no tiene resumen diario.
    [channel] Este canal no tiene resumen diario.
   *[you] No tienes resumen diario.
}
brief-bad-time = "{ $input }" no es una hora del día. Usa HH:MM de 00:00 a 23:59, p. ej. 08:00.
brief-bad-zone = Zona horaria desconocida "{ $input }". Usa un nombre IANA como Europe/Berlin, America/New_York o UTC.
brief-will-list = Mostrará { $count ->
    [one] el { $count } token que se sigue aquí
   *[other] los { $count } tokens que se siguen aquí
}, como /watchlist.
brief-nothing-followed = Aquí todavía no se sigue nada: suscríbete primero a un token, o el resumen no tendrá nada que mostrar.

## /export (el CSV queda en inglés)

export-unavailable = Las exportaciones no están disponibles en este bot.
export-admins-only = Solo los administradores del grupo pueden exportar las alertas de este grupo.
export-own-in-dm = Para tus propias alertas, envíame /export en un chat privado.
export-bad-window = El periodo es 7d, 30d o 90d.
export-none = { $place ->
    [topic] No se entregaron alertas a este tema
    [group] No se entregaron alertas a este grupo
    [channel] No se entregaron alertas a este canal
   *[you] No se te entregaron alertas
} en los últimos { $window }.
export-title = Exportación de alertas, últimos { $window }
export-count = { $count ->
    [one] { $count } alerta entregada
   *[other] { $count } alertas entregadas
} { $place ->
    [topic] a este tema
    [group] a este grupo
    [channel] a este canal
   *[you] a ti
}, horas en UTC.
export-count-capped = { $count ->
    [one] { $count } alerta entregada
   *[other] { $count } alertas entregadas
} { $place ->
    [topic] a este tema
    [group] a este grupo
    [channel] a este canal
   *[you] a ti
} (las primeras { $max }), horas en UTC.
export-columns = Columnas (en inglés): { $columns }.

## Webhooks (el JSON queda en inglés)

webhook-unavailable = Los webhooks no están disponibles en este bot.
webhook-url-unreadable = (URL ilegible)
webhook-dm-only = Los webhooks se configuran en un chat privado conmigo: la respuesta muestra un secreto de firma.
webhook-dm-only-hint = Envíame /webhook allí.
webhook-add-give-url = Indica la URL https:// que debe recibir las alertas.
webhook-add-nothing = No se agregó nada.
webhook-limit = { $place ->
    [topic] Este tema ya tiene
    [group] Este grupo ya tiene
    [channel] Este canal ya tiene
   *[you] Ya tienes
} { $count } webhooks, el máximo permitido.
webhook-limit-hint = Primero elimina uno con /webhook remove <id>.
webhook-added = Webhook { $id } agregado: { $url }
webhook-secret = Secreto de firma (solo se muestra ahora, guárdalo bien): { $secret }
webhook-added-every-alert = { $place ->
    [topic] Cada alerta que recibe este tema
    [group] Cada alerta que recibe este grupo
    [channel] Cada alerta que recibe este canal
   *[you] Cada alerta que recibes
} también se envía allí por POST como JSON, firmada según Standard Webhooks.
webhook-try = Pruébalo: /webhook test { $id }
webhook-docs = Cómo verificar la firma: docs/traders.md (Standard Webhooks).
webhook-added-title = Webhook agregado
webhook-none = { $place ->
    [topic] Este tema todavía no tiene webhooks.
    [group] Este grupo todavía no tiene webhooks.
    [channel] Este canal todavía no tiene webhooks.
   *[you] Todavía no tienes webhooks.
}
webhook-none-hint = Agrega uno con /webhook add https://…
webhook-list-line = { $id }  { $url }  (agregado el { $date })
webhook-list-max = Como máximo { $max }; /webhook test <id> envía un evento de prueba firmado.
webhook-list-title = Webhooks
webhook-give-id = Indica un id de webhook como wh1a2b3c4d (ver /webhooks).
webhook-no-such = Aquí no hay ningún webhook { $id }. Ver /webhooks.
webhook-test-sent = Evento de prueba { $id } enviado a { $hook }. { $answer }
webhook-test-title = Prueba de webhook
webhook-test-failed = El evento de prueba a { $hook } no se entregó. { $answer }
webhook-test-failed-hint = El webhook se mantiene; corrige el receptor y vuelve a probar.
webhook-removed = Webhook { $id } eliminado.
webhook-gone-here = Aquí no hay ningún webhook { $id }.
webhook-say-action = Indica add, list, test o remove.
webhook-post-failed = La solicitud falló ({ $error }).
webhook-post-answered = El receptor respondió { $status }.
webhook-post-redirect = El receptor respondió con una redirección ({ $status }); los webhooks no siguen redirecciones.
webhook-refused-not-url = Eso no es una URL (máximo { $max } caracteres).
webhook-refused-https = Las URL de webhook deben empezar con https://.
webhook-refused-credentials = Las URL de webhook no pueden contener usuario ni contraseña.
webhook-refused-unresolved = No pude resolver { $host }.
webhook-refused-private = { $host } apunta a una dirección no pública ({ $range }); los webhooks solo van a hosts públicos de internet.
webhook-removed-410 = Tu webhook { $id } respondió 410 Gone, así que lo eliminé. Vuelve a agregarlo con /webhook add si fue un error.

## Tema del foro de Telegram eliminado o cerrado: se avisa una vez en General

topic-gone = No pude publicar en el tema del foro #{ $thread }: se eliminó o se cerró. Sus suscripciones y ajustes ahora publican aquí en General, y no se perdió nada. Un administrador puede devolver un token enviando /subscribe dentro de un tema abierto (y /unsubscribe aquí).
topic-gone-unknown = No pude publicar en un tema del foro: se eliminó o se cerró. Sus suscripciones y ajustes ahora publican aquí en General, y no se perdió nada. Un administrador puede devolver un token enviando /subscribe dentro de un tema abierto (y /unsubscribe aquí).
