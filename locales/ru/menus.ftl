# Меню команд: описания (cmd-, opt-), имена в Discord (cmdname-, optname-) и варианты (choice-).
# Перевод locales/en/menus.ftl (генерируется). Имена в Discord: 1-32 символа, строчные, без пробелов.
# Ключевые слова, которые набирают (signal, levels, above, off, proximity...), остаются по-английски.

## /start
cmd-start = Приветствие и прямые ссылки, например подписка из группы
cmdname-start = старт
opt-start-payload = Данные прямой ссылки
optname-start-payload = данные

## /help
cmd-help = Что я умею, или подробности об одной команде
cmdname-help = помощь
opt-help-command = Имя команды, например subscribe
optname-help-command = команда

## /subscribe
cmd-subscribe = Получать оповещения по токену
cmdname-subscribe = подписаться
opt-subscribe-symbol = Тикер токена, например SOL
optname-subscribe-symbol = тикер
opt-subscribe-types = Типы: signal, hourly, levels, risk, grade или all (по умолчанию все, кроме hourly)
optname-subscribe-types = типы

## /unsubscribe
cmd-unsubscribe = Отключить оповещения по токену (или некоторые их типы)
cmdname-unsubscribe = отписаться
opt-unsubscribe-symbol = Тикер токена или all
optname-unsubscribe-symbol = тикер
opt-unsubscribe-types = Типы: signal, hourly, levels, risk, grade или all (по умолчанию все, кроме hourly)
optname-unsubscribe-types = типы

## /subscriptions
cmd-subscriptions = Токены, по которым вы получаете оповещения
cmdname-subscriptions = подписки

## /levels
cmd-levels = Сильные уровни поддержки и сопротивления токена
cmdname-levels = уровни
opt-levels-symbol = Тикер токена, например SOL
optname-levels-symbol = тикер

## /signal
cmd-signal = Торговые сигналы, оценка и Шарп токена
cmdname-signal = сигнал
opt-signal-symbol = Тикер токена, например SOL
optname-signal-symbol = тикер

## /why
cmd-why = Почему оповещение пришло или нет: цена, уровни, сигналы, ваши оповещения, настройки, фильтры
cmdname-why = почему
opt-why-symbol = Тикер токена, например SOL
optname-why-symbol = тикер

## /stats
cmd-stats = Как сработали прошлые оповещения: точность, медианное движение, лучшие и худшие, по типам
cmdname-stats = статистика
opt-stats-symbol = Тикер токена (по умолчанию все токены)
optname-stats-symbol = тикер
opt-stats-window = За какой период (по умолчанию 30d)
optname-stats-window = период
choice-stats-window-7d = 7 дней
choice-stats-window-30d = 30 дней
choice-stats-window-90d = 90 дней

## /chart
cmd-chart = График цены токена с его сильными уровнями
cmdname-chart = график
opt-chart-symbol = Тикер токена, например SOL
optname-chart-symbol = тикер
opt-chart-range = Период (по умолчанию 7d)
optname-chart-range = период
choice-chart-range-24h = 24 часа
choice-chart-range-7d = 7 дней
choice-chart-range-30d = 30 дней

## /alert
cmd-alert = Своё оповещение: цена, движение, уровень, сигнал, оценка или Шарп; до 3 через "and"
cmdname-alert = оповещение
opt-alert-symbol = Тикер токена (или delete)
optname-alert-symbol = тикер
opt-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, до 3 через "and"; или delete <id>
optname-alert-condition = условие

## /alerts
cmd-alerts = Ваши ценовые оповещения с их id
cmdname-alerts = оповещения

## /backtest
cmd-backtest = Прогнать условие по истории цен: сколько раз оно сработало бы и что было дальше
cmdname-backtest = бэктест
opt-backtest-symbol = Тикер токена, например SOL
optname-backtest-symbol = тикер
opt-backtest-condition = Любое условие /alert (above 210 and signal bullish), затем 7d (по умолчанию) или 30d
optname-backtest-condition = условие

## /settings
cmd-settings = Показать или изменить настройки оповещений (пороги, интервал, тихие часы, пауза)
cmdname-settings = настройки
opt-settings-key = Какую настройку показать или изменить
optname-settings-key = ключ
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
opt-settings-value = Новое значение или reset
optname-settings-value = значение

## /mute
cmd-mute = Приостановить оповещения на время (например 2h, 1d) или снять паузу
cmdname-mute = пауза
opt-mute-duration = например 30m, 2h, 1d (не больше 30d) или off
optname-mute-duration = длительность

## /quiet
cmd-quiet = Тихие часы: оповещения ждут конца этого окна
cmdname-quiet = тихие-часы
opt-quiet-hours = HH:MM-HH:MM и часовой пояс IANA, или off
optname-quiet-hours = часы

## /channel
cmd-channel = Модераторы: какие каналы получают оповещения по каким токенам
cmdname-channel = канал

## /channel subscribe
cmd-channel-subscribe = Публиковать оповещения по токену в канале
cmdname-channel-subscribe = подписать
opt-channel-subscribe-symbol = Тикер токена, например SOL
optname-channel-subscribe-symbol = тикер
opt-channel-subscribe-channel = Канал (по умолчанию этот)
optname-channel-subscribe-channel = канал
opt-channel-subscribe-types = Типы: signal, hourly, levels, risk, grade или all (по умолчанию все, кроме hourly)
optname-channel-subscribe-types = типы
opt-channel-subscribe-ping = Роль для упоминания в оповещениях токена (в каких: /channel settings pingon)
optname-channel-subscribe-ping = упоминание

## /channel unsubscribe
cmd-channel-unsubscribe = Отключить оповещения по токену в канале
cmdname-channel-unsubscribe = отписать
opt-channel-unsubscribe-symbol = Тикер токена или all
optname-channel-unsubscribe-symbol = тикер
opt-channel-unsubscribe-channel = Канал (по умолчанию этот)
optname-channel-unsubscribe-channel = канал

## /channel list
cmd-channel-list = Подписки каналов этого сервера
cmdname-channel-list = список

## /channel settings
cmd-channel-settings = Показать или изменить настройки оповещений канала (или сервера по умолчанию)
cmdname-channel-settings = настройки
opt-channel-settings-key = Настройка
optname-channel-settings-key = ключ
opt-channel-settings-value = Новое значение или reset
optname-channel-settings-value = значение
opt-channel-settings-channel = Канал (по умолчанию этот)
optname-channel-settings-channel = канал
opt-channel-settings-scope = channel (по умолчанию) или server (то, что наследуют все каналы)
optname-channel-settings-scope = область
choice-channel-settings-scope-channel = канал
choice-channel-settings-scope-server = сервер

## /channel alert
cmd-channel-alert = Ценовое оповещение, публикуемое в канале (или удалить его)
cmdname-channel-alert = оповещение
opt-channel-alert-symbol = Тикер токена (или delete)
optname-channel-alert-symbol = тикер
opt-channel-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, до 3 через "and"; или delete <id>
optname-channel-alert-condition = условие
opt-channel-alert-channel = Канал (по умолчанию этот)
optname-channel-alert-channel = канал

## /channel alerts
cmd-channel-alerts = Ценовые оповещения канала с их id
cmdname-channel-alerts = оповещения
opt-channel-alerts-channel = Канал (по умолчанию этот)
optname-channel-alerts-channel = канал

## /channel brief
cmd-channel-brief = Ежедневная сводка канала в местное время, или off
cmdname-channel-brief = сводка
opt-channel-brief-time = Местное время HH:MM (например 08:00) или off
optname-channel-brief-time = время
opt-channel-brief-zone = Часовой пояс IANA, например Europe/Berlin (по умолчанию UTC)
optname-channel-brief-zone = пояс
opt-channel-brief-channel = Канал (по умолчанию этот)
optname-channel-brief-channel = канал

## /channel webhook
cmd-channel-webhook = Вебхуки канала: его оповещения также уходят с подписью на endpoint https://
cmdname-channel-webhook = вебхук
opt-channel-webhook-action = add, list, test или remove
optname-channel-webhook-action = действие
choice-channel-webhook-action-add = add
choice-channel-webhook-action-list = list
choice-channel-webhook-action-test = test
choice-channel-webhook-action-remove = remove
opt-channel-webhook-value = add: URL https://; test/remove: id вебхука
optname-channel-webhook-value = значение
opt-channel-webhook-channel = Канал (по умолчанию этот)
optname-channel-webhook-channel = канал

## /channel export
cmd-channel-export = Доставленные оповещения канала в CSV-файле
cmdname-channel-export = экспорт
opt-channel-export-window = За какой период: 7d, 30d (по умолчанию) или 90d
optname-channel-export-window = период
choice-channel-export-window-7d = 7 дней
choice-channel-export-window-30d = 30 дней
choice-channel-export-window-90d = 90 дней
opt-channel-export-channel = Канал (по умолчанию этот)
optname-channel-export-channel = канал

## /watchlist
cmd-watchlist = Все токены, отслеживаемые здесь: цена, изменение за 24 ч, сигнал, оценка, уровни, Шарп
cmdname-watchlist = обзор

## /brief
cmd-brief = Ежедневная сводка в местное время (например 08:00 Europe/Berlin), или off
cmdname-brief = сводка
opt-brief-time = Местное время HH:MM (например 08:00) или off
optname-brief-time = время
opt-brief-zone = Часовой пояс IANA, например Europe/Berlin (по умолчанию UTC)
optname-brief-zone = пояс

## /webhook
cmd-webhook = Также отправлять ваши оповещения с подписью на ваш endpoint https://
cmdname-webhook = вебхук

## /webhook add
cmd-webhook-add = Добавить вебхук (не больше 3); ответ один раз покажет его секрет подписи
cmdname-webhook-add = добавить
opt-webhook-add-url = Адрес https://, который получает ваши оповещения в виде подписанного JSON
optname-webhook-add-url = url

## /webhook test
cmd-webhook-test = Отправить на вебхук подписанное тестовое событие
cmdname-webhook-test = проверить
opt-webhook-test-id = Id вебхука (см. /webhooks)
optname-webhook-test-id = id

## /webhook remove
cmd-webhook-remove = Удалить вебхук
cmdname-webhook-remove = удалить
opt-webhook-remove-id = Id вебхука (см. /webhooks)
optname-webhook-remove-id = id

## /webhooks
cmd-webhooks = Ваши вебхуки
cmdname-webhooks = вебхуки

## /export
cmd-export = Ваши доставленные оповещения в CSV-файле (время, токен, тип, цена, уровень, итог, движение)
cmdname-export = экспорт
opt-export-window = За какой период: 7d, 30d (по умолчанию) или 90d
optname-export-window = период
choice-export-window-7d = 7 дней
choice-export-window-30d = 30 дней
choice-export-window-90d = 90 дней
