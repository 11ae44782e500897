# Menús de comandos: descripciones (cmd-, opt-), nombres en Discord (cmdname-, optname-) y opciones (choice-).
# Traducción de locales/en/menus.ftl (generado). Nombres de Discord: 1-32 caracteres, minúsculas, sin espacios.
# Las palabras clave que se escriben (signal, levels, above, off, proximity...) quedan en inglés.

## /start
cmd-start = Bienvenida y enlaces directos, como suscribirte desde un grupo
cmdname-start = inicio
opt-start-payload = Datos del enlace directo
optname-start-payload = datos

## /help
cmd-help = Lo que puedo hacer, o detalles de un comando
cmdname-help = ayuda
opt-help-command = Nombre de un comando, p. ej. subscribe
optname-help-command = comando

## /subscribe
cmd-subscribe = Recibe alertas de un token
cmdname-subscribe = suscribir
opt-subscribe-symbol = Símbolo del token, p. ej. SOL
optname-subscribe-symbol = símbolo
opt-subscribe-types = Tipos: signal, hourly, levels, risk, grade o all (por defecto: todos salvo hourly)
optname-subscribe-types = tipos

## /unsubscribe
cmd-unsubscribe = Deja de recibir alertas de un token (o algunos tipos)
cmdname-unsubscribe = desuscribir
opt-unsubscribe-symbol = Símbolo del token, o all
optname-unsubscribe-symbol = símbolo
opt-unsubscribe-types = Tipos: signal, hourly, levels, risk, grade o all (por defecto: todos salvo hourly)
optname-unsubscribe-types = tipos

## /subscriptions
cmd-subscriptions = Los tokens de los que recibes alertas
cmdname-subscriptions = suscripciones

## /levels
cmd-levels = Niveles fuertes de soporte y resistencia de un token
cmdname-levels = niveles
opt-levels-symbol = Símbolo del token, p. ej. SOL
optname-levels-symbol = símbolo

## /signal
cmd-signal = Señales de trading, grado y Sharpe de un token
cmdname-signal = señal
opt-signal-symbol = Símbolo del token, p. ej. SOL
optname-signal-symbol = símbolo

## /why
cmd-why = Por qué llegó o no una alerta: precio, niveles, señales, tus alertas, ajustes, bloqueos
cmdname-why = por-qué
opt-why-symbol = Símbolo del token, p. ej. SOL
optname-why-symbol = símbolo

## /stats
cmd-stats = Cómo resultaron las alertas pasadas: aciertos, movimiento mediano, mejor y peor, por tipo
cmdname-stats = estadísticas
opt-stats-symbol = Símbolo del token (por defecto: todos)
optname-stats-symbol = símbolo
opt-stats-window = Cuánto hacia atrás (por defecto 30d)
optname-stats-window = periodo
choice-stats-window-7d = 7 días
choice-stats-window-30d = 30 días
choice-stats-window-90d = 90 días

## /chart
cmd-chart = Gráfico de precio de un token con sus niveles fuertes
cmdname-chart = gráfico
opt-chart-symbol = Símbolo del token, p. ej. SOL
optname-chart-symbol = símbolo
opt-chart-range = Periodo (por defecto 7d)
optname-chart-range = rango
choice-chart-range-24h = 24 h
choice-chart-range-7d = 7 días
choice-chart-range-30d = 30 días

## /alert
cmd-alert = Tu propia alerta: precio, movimiento, nivel, señal, grado o Sharpe; hasta 3 unidas con "and"
cmdname-alert = alerta
opt-alert-symbol = Símbolo del token (o delete)
optname-alert-symbol = símbolo
opt-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, hasta 3 con "and"; o delete <id>
optname-alert-condition = condición

## /alerts
cmd-alerts = Tus alertas de precio con sus ids
cmdname-alerts = alertas

## /backtest
cmd-backtest = Repite una condición sobre el historial de precios: cuántas veces saltó y qué siguió
cmdname-backtest = backtest
opt-backtest-symbol = Símbolo del token, p. ej. SOL
optname-backtest-symbol = símbolo
opt-backtest-condition = Cualquier condición de /alert (above 210 and signal bullish), luego 7d (por defecto) o 30d
optname-backtest-condition = condición

## /settings
cmd-settings = Ver o cambiar ajustes de alertas (umbrales, espera, horas de silencio, pausa)
cmdname-settings = ajustes
opt-settings-key = Ajuste que ver o cambiar
optname-settings-key = clave
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
opt-settings-value = Nuevo valor, o reset
optname-settings-value = valor

## /mute
cmd-mute = Pausa las alertas un tiempo (p. ej. 2h, 1d) o quita la pausa
cmdname-mute = silenciar
opt-mute-duration = p. ej. 30m, 2h, 1d (máx. 30d), u off
optname-mute-duration = duración

## /quiet
cmd-quiet = Horas de silencio: las alertas esperan a que termine el horario
cmdname-quiet = horas-silencio
opt-quiet-hours = HH:MM-HH:MM y una zona horaria IANA, u off
optname-quiet-hours = horas

## /channel
cmd-channel = Moderadores: qué canales reciben alertas de qué tokens
cmdname-channel = canal

## /channel subscribe
cmd-channel-subscribe = Publica alertas de un token en un canal
cmdname-channel-subscribe = suscribir
opt-channel-subscribe-symbol = Símbolo del token, p. ej. SOL
optname-channel-subscribe-symbol = símbolo
opt-channel-subscribe-channel = Canal (por defecto: este)
optname-channel-subscribe-channel = canal
opt-channel-subscribe-types = Tipos: signal, hourly, levels, risk, grade o all (por defecto: todos salvo hourly)
optname-channel-subscribe-types = tipos
opt-channel-subscribe-ping = Rol a mencionar en las alertas de este token (cuáles: /channel settings pingon)
optname-channel-subscribe-ping = mención

## /channel unsubscribe
cmd-channel-unsubscribe = Detiene las alertas de un token en un canal
cmdname-channel-unsubscribe = desuscribir
opt-channel-unsubscribe-symbol = Símbolo del token, o all
optname-channel-unsubscribe-symbol = símbolo
opt-channel-unsubscribe-channel = Canal (por defecto: este)
optname-channel-unsubscribe-channel = canal

## /channel list
cmd-channel-list = Las suscripciones de canales de este servidor
cmdname-channel-list = lista

## /channel settings
cmd-channel-settings = Ver o cambiar los ajustes de alertas de un canal (o los del servidor)
cmdname-channel-settings = ajustes
opt-channel-settings-key = Ajuste
optname-channel-settings-key = clave
opt-channel-settings-value = Nuevo valor, o reset
optname-channel-settings-value = valor
opt-channel-settings-channel = Canal (por defecto: este)
optname-channel-settings-channel = canal
opt-channel-settings-scope = channel (por defecto) o server (lo que heredan todos los canales)
optname-channel-settings-scope = alcance
choice-channel-settings-scope-channel = canal
choice-channel-settings-scope-server = servidor

## /channel alert
cmd-channel-alert = Una alerta de precio publicada en un canal (o borrar una)
cmdname-channel-alert = alerta
opt-channel-alert-symbol = Símbolo del token (o delete)
optname-channel-alert-symbol = símbolo
opt-channel-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, hasta 3 con "and"; o delete <id>
optname-channel-alert-condition = condición
opt-channel-alert-channel = Canal (por defecto: este)
optname-channel-alert-channel = canal

## /channel alerts
cmd-channel-alerts = Las alertas de precio de un canal con sus ids
cmdname-channel-alerts = alertas
opt-channel-alerts-channel = Canal (por defecto: este)
optname-channel-alerts-channel = canal

## /channel brief
cmd-channel-brief = Resumen diario de un canal a una hora local, u off
cmdname-channel-brief = resumen
opt-channel-brief-time = Hora local HH:MM (p. ej. 08:00), u off
optname-channel-brief-time = hora
opt-channel-brief-zone = Zona horaria IANA, p. ej. Europe/Berlin (por defecto UTC)
optname-channel-brief-zone = zona
opt-channel-brief-channel = Canal (por defecto: este)
optname-channel-brief-channel = canal

## /channel webhook
cmd-channel-webhook = Webhooks de un canal: sus alertas también se envían firmadas a un endpoint https://
cmdname-channel-webhook = webhook
opt-channel-webhook-action = add, list, test o remove
optname-channel-webhook-action = acción
choice-channel-webhook-action-add = add
choice-channel-webhook-action-list = list
choice-channel-webhook-action-test = test
choice-channel-webhook-action-remove = remove
opt-channel-webhook-value = add: la URL https://; test/remove: el id del webhook
optname-channel-webhook-value = valor
opt-channel-webhook-channel = Canal (por defecto: este)
optname-channel-webhook-channel = canal

## /channel export
cmd-channel-export = Las alertas entregadas de un canal en un archivo CSV
cmdname-channel-export = exportar
opt-channel-export-window = Cuánto hacia atrás: 7d, 30d (por defecto) o 90d
optname-channel-export-window = periodo
choice-channel-export-window-7d = 7 días
choice-channel-export-window-30d = 30 días
choice-channel-export-window-90d = 90 días
opt-channel-export-channel = Canal (por defecto: este)
optname-channel-export-channel = canal

## /watchlist
cmd-watchlist = Todos los tokens que se siguen aquí: precio, cambio 24 h, señal, grado, niveles, Sharpe
cmdname-watchlist = seguimiento

## /brief
cmd-brief = Un resumen diario a una hora local (p. ej. 08:00 Europe/Berlin), u off
cmdname-brief = resumen
opt-brief-time = Hora local HH:MM (p. ej. 08:00), u off
optname-brief-time = hora
opt-brief-zone = Zona horaria IANA, p. ej. Europe/Berlin (por defecto UTC)
optname-brief-zone = zona

## /webhook
cmd-webhook = Envía también tus alertas, firmadas, a tu propio endpoint https://
cmdname-webhook = webhook

## /webhook add
cmd-webhook-add = Agrega un webhook (máx. 3); la respuesta muestra su secreto de firma una sola vez
cmdname-webhook-add = agregar
opt-webhook-add-url = Dirección https:// que recibe tus alertas como JSON firmado
optname-webhook-add-url = url

## /webhook test
cmd-webhook-test = Envía un evento de prueba firmado a un webhook
cmdname-webhook-test = probar
opt-webhook-test-id = Id del webhook (ver /webhooks)
optname-webhook-test-id = id

## /webhook remove
cmd-webhook-remove = Elimina un webhook
cmdname-webhook-remove = eliminar
opt-webhook-remove-id = Id del webhook (ver /webhooks)
optname-webhook-remove-id = id

## /webhooks
cmd-webhooks = Tus webhooks
cmdname-webhooks = webhooks

## /export
cmd-export = Tus alertas entregadas en un archivo CSV (hora, token, tipo, precio, nivel, resultado, movimiento)
cmdname-export = exportar
opt-export-window = Cuánto hacia atrás: 7d, 30d (por defecto) o 90d
optname-export-window = periodo
choice-export-window-7d = 7 días
choice-export-window-30d = 30 días
choice-export-window-90d = 90 días
