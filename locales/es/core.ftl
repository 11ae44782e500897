# Textos de los comandos principales (commands/). Las palabras clave que se escriben (on, off, hold,
# drop, none, auto, all), los nombres de comandos y los ejemplos quedan en inglés.

## Destinos
target-you = tú
target-group = este grupo
target-topic = este tema
target-channel = este canal
target-admins-add = Solo los administradores del grupo pueden agregar alertas a este grupo.
target-subscribe-privately = Para recibir tú las alertas de { $symbol }, suscríbete en un chat privado conmigo: toca el botón de abajo.
target-admins-settings = Solo los administradores del grupo pueden cambiar la configuración de alertas de este grupo.
target-admins-alerts = Solo los administradores del grupo pueden cambiar las alertas de precio de este grupo.
target-admins-subscriptions = Solo los administradores del grupo pueden cambiar las suscripciones de este grupo.
target-use-private = Para gestionar tus propias alertas, envíame este comando en un chat privado.
target-channel-only = Los comandos /channel solo funcionan en un canal de un servidor.
target-moderators-only = Solo los moderadores (Gestionar canales o Gestionar servidor) pueden configurar las alertas de un canal.
target-no-other-channels = Aquí no puedo comprobar otros canales.
target-channel-refused = No puedo usar ese canal: { $reason }
target-other-server = Ese canal no está en este servidor.

## Líneas de uso
usage-line = Uso: { $usage }

## Tokens
token-unknown = No conozco el token { $symbol }. Revisa el símbolo, o prueba /levels BTC para ver cómo funciona.

## Argumentos
parse-symbol-too-long = { $length ->
    [one] Ese símbolo es demasiado largo ({ $length } carácter).
   *[other] Ese símbolo es demasiado largo ({ $length } caracteres).
}
parse-symbol-invalid-shown = "{ $input }" no es un símbolo de token. Usa letras y dígitos, como SOL o BTC.
parse-symbol-invalid = Eso no es un símbolo de token. Usa letras y dígitos, como SOL o BTC.
parse-type-unknown = Tipo de alerta desconocido: "{ $input }". Usa { $types } o all.
parse-duration-invalid = "{ $input }" no es una duración. Usa, por ejemplo, 30m, 2h, 1d o 1w.
parse-duration-range = Elige una duración entre { $min } y { $max }.
parse-quiet-format = Indica las horas de silencio así: 22:00-07:00 Europe/Berlin, u off.
parse-quiet-same = Las horas de silencio deben empezar y terminar a horas distintas.
parse-timezone-unknown = Zona horaria desconocida: "{ $input }". Usa un nombre IANA como Europe/Berlin o UTC.
parse-not-number = "{ $input }" no es un número.
parse-whole-between = Usa un número entero entre { $min } y { $max }.
parse-between = Usa un valor entre { $min } y { $max }.
parse-arg-not-integer = { $name } debe ser un número entero, no "{ $input }".
parse-arg-not-number = { $name } debe ser un número, no "{ $input }".
parse-arg-yes-no = { $name } debe ser yes o no.
parse-too-many = Demasiados argumentos.

## Ejecución de comandos
run-missing = Falta { $name }.
run-too-long = { $name } es demasiado largo ({ $length } caracteres, como máximo { $max }).
run-not-choice = { $name } "{ $input }" no es ninguna de estas opciones: { $choices }.
run-not-number = { $name } debe ser un número.
run-not-integer = { $name } debe ser un número entero.
run-range = { $name } debe estar entre { $min } y { $max }.
run-not-boolean = { $name } debe ser true o false.
run-not-here = /{ $command } no está disponible aquí.
run-moderators-only = Solo los moderadores pueden usar este comando, en un canal de un servidor.
run-needs-subcommand = /{ $command } necesita un subcomando.
run-paused-dms-closed = Tus alertas estaban en pausa porque no pude enviarte mensajes directos (parece que los tienes cerrados). Al usar un comando se reactivaron.
run-paused-blocked = Tus alertas estaban en pausa porque el bot estaba bloqueado. Al usar un comando se reactivaron.
run-paused-not-found = Tus alertas estaban en pausa porque no se encontró el chat. Al usar un comando se reactivaron.
run-paused-undelivered = Tus alertas estaban en pausa porque no se pudieron entregar. Al usar un comando se reactivaron.

## Límite de comandos
limit-too-fast = Estás enviando comandos demasiado rápido (más de { $max } en { $window }).
limit-try-again = Inténtalo de nuevo en { $wait }.
limit-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
limit-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}

## Configuración
settings-hint-proximity = porcentaje del precio, de 0.1 a 20 (p. ej. 1.5)
settings-hint-sharpe = un número de -10 a 10 (p. ej. 1)
settings-hint-cooldown = una duración de 1m a 7d (p. ej. 30m, 2h)
settings-hint-maxperhour = un número entero de 1 a 120
settings-hint-minstrength = fuerza del nivel, de 0 a 100
settings-hint-quiet = HH:MM-HH:MM y una zona horaria (p. ej. 22:00-07:00 Europe/Berlin), u off
settings-hint-mute = una duración de hasta 30d (p. ej. 2h, 1d), u off
settings-hint-mutemode = hold (entregar al terminar el silencio) o drop (descartar)
settings-hint-charts = on (un gráfico con las alertas de nivel) u off
settings-hint-pingon = qué alertas mencionan al rol de un canal (Discord): { $kinds }, all o none
settings-hint-language = { $languages }, o auto (el idioma de la plataforma)
settings-muted-until = hasta { $time } (quedan { $left })
settings-not-hold-drop = "{ $input }" no es ni hold ni drop.
settings-not-on-off = "{ $input }" no es ni on ni off.
settings-not-ping-kind = "{ $input }" no es un tipo de alerta para mencionar. Usa { $kinds }, all o none.
settings-not-language = "{ $input }" no es un idioma que yo hable. Usa { $languages } o auto.
settings-source-default = predeterminado
settings-source-yours = tuyo
settings-source-group = este grupo
settings-source-topic = este tema
settings-source-channel = este canal
settings-source-group-default = predeterminado del grupo
settings-source-server-default = predeterminado del servidor
settings-footer = Cambiar uno: /settings proximity 1.5 · deshacer uno: /settings proximity reset
settings-title = { $who ->
    [you] Tu configuración
    [group] Configuración de este grupo
    [topic] Configuración de este tema
    [channel] Configuración de este canal
   *[server] Configuración de este servidor (predeterminada para sus canales)
}
settings-reset-all = { $who ->
    [you] Toda tu configuración volvió a los valores heredados.
    [group] Toda la configuración de este grupo volvió a los valores heredados.
    [topic] Toda la configuración de este tema volvió a los valores heredados.
    [channel] Toda la configuración de este canal volvió a los valores heredados.
   *[server] Toda la configuración de este servidor (predeterminada para sus canales) volvió a los valores heredados.
}
settings-reset-one = { $who ->
    [you] Se restableció { $key } para ti.
    [group] Se restableció { $key } para este grupo.
    [topic] Se restableció { $key } para este tema.
    [channel] Se restableció { $key } para este canal.
   *[server] Se restableció { $key } para este servidor (predeterminado para sus canales).
}
settings-saved = { $who ->
    [you] Guardado para ti.
    [group] Guardado para este grupo.
    [topic] Guardado para este tema.
    [channel] Guardado para este canal.
   *[server] Guardado para este servidor (predeterminado para sus canales).
}
settings-which = ¿Qué ajuste?
settings-unknown-key = No existe el ajuste "{ $input }". Ajustes: { $keys }.
settings-accepted = Valores aceptados: { $hint }.
settings-parse-error = { $error } ({ $key }: { $hint })
settings-no-scope = No hay ámbito de configuración.

## /channel
channel-list-empty = Ningún canal de este servidor recibe alertas todavía.
channel-list-start = Empieza con /channel subscribe SOL.
channel-list-heading = Canal { $channel }:
channel-list-title = Suscripciones de los canales
channel-scope = El ámbito es channel o server.
channel-no-server = Este canal no tiene servidor.

## Suscripciones
subscribe-cap = { $who ->
    [you] Ya sigues { $count } tokens; el límite es { $max }.
    [group] Este grupo ya sigue { $count } tokens; el límite es { $max }.
    [topic] Este tema ya sigue { $count } tokens; el límite es { $max }.
   *[channel] Este canal ya sigue { $count } tokens; el límite es { $max }.
}
subscribe-cap-hint = Primero cancela la suscripción a uno, p. ej. /unsubscribe BTC.
subscribe-parent-cap = { $where ->
    [group] Este grupo ya sigue { $count } tokens en total; el límite es { $max }.
   *[server] Los canales de este servidor ya siguen { $count } tokens en total; el límite es { $max }.
}
subscribe-parent-hint = Primero quita uno, p. ej. { $command } BTC.
subscribe-covers = { $who ->
    [you] Tus alertas de { $symbol } ahora cubren: { $types }.
    [group] Las alertas de { $symbol } de este grupo ahora cubren: { $types }.
    [topic] Las alertas de { $symbol } de este tema ahora cubren: { $types }.
   *[channel] Las alertas de { $symbol } de este canal ahora cubren: { $types }.
}
subscribe-done = { $who ->
    [you] Te suscribiste a { $symbol }{ $name }: { $types }.
    [group] Este grupo quedó suscrito a { $symbol }{ $name }: { $types }.
    [topic] Este tema quedó suscrito a { $symbol }{ $name }: { $types }.
   *[channel] Este canal quedó suscrito a { $symbol }{ $name }: { $types }.
}
subscribe-discord-dms = Las alertas llegan como mensajes directos: mantén activada la opción "Permitir mensajes directos de miembros del servidor".
subscribe-removed-all = { $who ->
    [you] Se eliminaron tus { $count } suscripciones.
    [group] Se eliminaron las { $count } suscripciones de este grupo.
    [topic] Se eliminaron las { $count } suscripciones de este tema.
   *[channel] Se eliminaron las { $count } suscripciones de este canal.
}
subscribe-had-none = { $who ->
    [you] No tenías suscripciones.
    [group] Este grupo no tenía suscripciones.
    [topic] Este tema no tenía suscripciones.
   *[channel] Este canal no tenía suscripciones.
}
subscribe-not-subscribed = { $who ->
    [you] No estás suscrito a { $symbol }.
    [group] Este grupo no está suscrito a { $symbol }.
    [topic] Este tema no está suscrito a { $symbol }.
   *[channel] Este canal no está suscrito a { $symbol }.
}
subscribe-unsubscribed = { $who ->
    [you] Cancelaste tu suscripción a { $symbol }.
    [group] Este grupo ya no está suscrito a { $symbol }.
    [topic] Este tema ya no está suscrito a { $symbol }.
   *[channel] Este canal ya no está suscrito a { $symbol }.
}
subscribe-stopped = Se detuvieron las alertas { $types } de { $symbol }. Siguen activas: { $left }.
subscribe-none-yet = { $who ->
    [you] Todavía no tienes suscripciones.
    [group] Este grupo todavía no tiene suscripciones.
    [topic] Este tema todavía no tiene suscripciones.
   *[channel] Este canal todavía no tiene suscripciones.
}
subscribe-start-with = Empieza con /subscribe BTC.
subscribe-list-title = { $who ->
    [you] Tus suscripciones ({ $count }/{ $max })
    [group] Suscripciones de este grupo ({ $count }/{ $max })
    [topic] Suscripciones de este tema ({ $count }/{ $max })
   *[channel] Suscripciones de este canal ({ $count }/{ $max })
}

## Menciones de roles
ping-not-role = Ese no es un rol de este servidor.
ping-discord-only = Las menciones de roles solo funcionan en Discord.
ping-refused = No puedo mencionar ese rol: { $reason }
ping-nothing-changed = No se cambió nada.
ping-line = Menciona a @{ $role } en { $kinds }. Cambia qué alertas mencionan con /channel settings pingon.
ping-line-none = Todavía no menciona a @{ $role } en ninguna alerta (pingon es none). Cambia qué alertas mencionan con /channel settings pingon.

## Botones de las alertas
action-invalid = Ese botón ya no es válido.
action-moderators-only = Solo los moderadores pueden cambiar las alertas aquí.
action-token-id = token { $id }
action-muted = Alertas de { $symbol } silenciadas durante { $duration } (hasta { $time }).
action-already-unsubscribed = Ya no estabas suscrito a { $symbol }.
action-unsubscribed = Suscripción a { $symbol } cancelada.
action-undo = Deshacer: /subscribe { $symbol }

## /help y /start
help-intro = tokenwatch envía alertas de Token Metrics: cambios de la señal de trading, niveles de soporte y resistencia, cruces del ratio de Sharpe y cambios de calificación.
help-group-admin = Como administrador del grupo, /subscribe, /unsubscribe, /settings, /mute y /quiet en un grupo cambian las alertas del grupo.
help-details = Detalles: /help <comando>, p. ej. /help settings
help-title = Ayuda de tokenwatch
help-unknown = Aquí no tengo ningún comando con ese nombre.
help-send-help = Envía /help para ver la lista.
help-optional = { $name } (opcional)
help-keys = Ajustes:
start-welcome = ¡Te damos la bienvenida a tokenwatch!
start-see-help = Consulta /help para todo lo demás.
