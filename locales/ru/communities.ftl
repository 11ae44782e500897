# Функции сообществ: /watchlist, ежедневная сводка (/brief), карточка, ответы /export,
# вебхуки и уведомление о закрытой теме. $place: you, topic, group, channel.
# Остаются на английском: заголовки и значения CSV и JSON вебхуков (машиночитаемые форматы).

## /watchlist: таблица

watchlist-col-token = Токен
watchlist-col-price = Цена
watchlist-col-source = Источник
watchlist-col-24h = 24ч
watchlist-col-signal = Дневной сигнал
watchlist-col-grade = Оценка
watchlist-col-support = Поддержка
watchlist-col-resistance = Сопротивление
watchlist-col-sharpe = Шарп
watchlist-signal-bull = бычий
watchlist-signal-bear = медвежий
watchlist-signal-flat = боковой
watchlist-age-s = { $n }с
watchlist-age-m = { $n }мин
watchlist-age-h = { $n }ч
watchlist-age-d = { $n }д

## /watchlist: сноска под таблицей

watchlist-field-price = цена
watchlist-field-24h = изменение за 24ч
watchlist-field-signal = дневной сигнал
watchlist-field-grade = оценка
watchlist-field-support = поддержка
watchlist-field-resistance = сопротивление
watchlist-field-sharpe = Шарп
watchlist-note-plan = нет в этом тарифе API: { $fields }
watchlist-note-no-data = пока нет данных: { $items }
watchlist-note-stale = устарело: { $items }
watchlist-note-stale-item = { $symbol } { $field } { $age } назад
watchlist-note-all = { $symbol } (всё)

## /watchlist: ответы

watchlist-title = { $place ->
    [topic] Список наблюдения этой темы
    [group] Список наблюдения этой группы
    [channel] Список наблюдения этого канала
   *[you] Ваш список наблюдения
} ({ $count ->
    [one] { $count } токен
    [few] { $count } токена
    [many] { $count } токенов
   *[other] { $count } токена
})
watchlist-unavailable = Список наблюдения недоступен в этом боте.
watchlist-channel-empty-own = Этот канал ничего не отслеживает; вот ваш собственный список.
watchlist-empty = { $place ->
    [topic] Эта тема пока ничего не отслеживает.
    [group] Эта группа пока ничего не отслеживает.
    [channel] Этот канал пока ничего не отслеживает.
   *[you] Вы пока ничего не отслеживаете.
}
watchlist-empty-start-own = Начните с /subscribe SOL.
watchlist-empty-start-place = Администратор или модератор может начать с /subscribe SOL (или /channel subscribe SOL).

## Карточка (PNG)

card-title = Наблюдение · { $time } UTC
card-days = 7 дней
card-support = поддержка
card-resistance = сопротивление
card-empty = Здесь пока ничего не отслеживается
card-alt = { $title }: цены и графики за 7 дней

## Ежедневная сводка

brief-title = Ежедневная сводка · { $date } { $time } { $zone }
brief-unavailable = Ежедневные сводки недоступны в этом боте.
brief-none = { $place ->
    [topic] У этой темы нет ежедневной сводки.
    [group] У этой группы нет ежедневной сводки.
    [channel] У этого канала нет ежедневной сводки.
   *[you] У вас нет ежедневной сводки.
}
brief-set-one = Настройте её: { $example }
brief-daily = { $place ->
    [topic] Ежедневная сводка этой темы
    [group] Ежедневная сводка этой группы
    [channel] Ежедневная сводка этого канала
   *[you] Ваша ежедневная сводка
}: каждый день в { $time } { $zone }.
brief-explain = Она публикует список наблюдения (/watchlist); отключение звука и тихие часы задерживают её, как любое оповещение. Остановить: off.
brief-stopped = { $place ->
    [topic] Ежедневная сводка этой темы остановлена.
    [group] Ежедневная сводка этой группы остановлена.
    [channel] Ежедневная сводка этого канала остановлена.
   *[you] Ваша ежедневная сводка остановлена.
}
brief-had-none = { $place ->
    [topic] У этой темы нет ежедневной сводки.
    [group] У этой группы нет ежедневной сводки.
    [channel] У этого канала нет ежедневной сводки.
   *[you] У вас нет ежедневной сводки.
}
brief-bad-time = «{ $input }» — это не время суток. Используйте ЧЧ:ММ от 00:00 до 23:59, например 08:00.
brief-bad-zone = Неизвестный часовой пояс «{ $input }». Используйте имя IANA, например Europe/Berlin, America/New_York или UTC.
brief-will-list = В ней будет { $count ->
    [one] { $count } токен, отслеживаемый
    [few] { $count } токена, отслеживаемых
    [many] { $count } токенов, отслеживаемых
   *[other] { $count } токена, отслеживаемых
} здесь, как в /watchlist.
brief-nothing-followed = Здесь пока ничего не отслеживается: сначала подпишитесь на токен, иначе сводке нечего будет показать.

## /export (сам CSV остаётся на английском)

export-unavailable = Экспорт недоступен в этом боте.
export-admins-only = Только администраторы группы могут экспортировать оповещения этой группы.
export-own-in-dm = Для ваших собственных оповещений отправьте мне /export в личном чате.
export-bad-window = Период: 7d, 30d или 90d.
export-none = { $place ->
    [topic] Этой теме
    [group] Этой группе
    [channel] Этому каналу
   *[you] Вам
} не было доставлено оповещений за последние { $window }.
export-title = Экспорт оповещений за последние { $window }
export-count = { $place ->
    [topic] Этой теме
    [group] Этой группе
    [channel] Этому каналу
   *[you] Вам
} { $count ->
    [one] доставлено { $count } оповещение
    [few] доставлено { $count } оповещения
    [many] доставлено { $count } оповещений
   *[other] доставлено { $count } оповещения
}, время в UTC.
export-count-capped = { $place ->
    [topic] Этой теме
    [group] Этой группе
    [channel] Этому каналу
   *[you] Вам
} { $count ->
    [one] доставлено { $count } оповещение
    [few] доставлено { $count } оповещения
    [many] доставлено { $count } оповещений
   *[other] доставлено { $count } оповещения
} (первые { $max }), время в UTC.
export-columns = Столбцы (на английском): { $columns }.

## Вебхуки (JSON остаётся на английском)

webhook-unavailable = Вебхуки недоступны в этом боте.
webhook-url-unreadable = (нечитаемый URL)
webhook-dm-only = Вебхуки настраиваются в личном чате со мной: в ответе виден секрет подписи.
webhook-dm-only-hint = Отправьте мне /webhook там.
webhook-add-give-url = Укажите URL https://, который будет получать оповещения.
webhook-add-nothing = Ничего не добавлено.
webhook-limit = { $place ->
    [topic] У этой темы уже
    [group] У этой группы уже
    [channel] У этого канала уже
   *[you] У вас уже
} { $count ->
    [one] { $count } вебхук
    [few] { $count } вебхука
    [many] { $count } вебхуков
   *[other] { $count } вебхука
}, это максимум.
webhook-limit-hint = Сначала удалите один командой /webhook remove <id>.
webhook-added = Вебхук { $id } добавлен: { $url }
webhook-secret = Секрет подписи (показывается только сейчас, храните его надёжно): { $secret }
webhook-added-every-alert = { $place ->
    [topic] Каждое оповещение этой темы
    [group] Каждое оповещение этой группы
    [channel] Каждое оповещение этого канала
   *[you] Каждое ваше оповещение
} также отправляется туда через POST в виде JSON с подписью по Standard Webhooks.
webhook-try = Проверьте: /webhook test { $id }
webhook-docs = Как проверить подпись: docs/traders.md (Standard Webhooks).
webhook-added-title = Вебхук добавлен
webhook-none = { $place ->
    [topic] У этой темы пока нет вебхуков.
    [group] У этой группы пока нет вебхуков.
    [channel] У этого канала пока нет вебхуков.
   *[you] У вас пока нет вебхуков.
}
webhook-none-hint = Добавьте его командой /webhook add https://…
webhook-list-line = { $id }  { $url }  (добавлен { $date })
webhook-list-max = Не больше { $max }; /webhook test <id> отправляет подписанное тестовое событие.
webhook-list-title = Вебхуки
webhook-give-id = Укажите id вебхука, например wh1a2b3c4d (см. /webhooks).
webhook-no-such = Здесь нет вебхука { $id }. См. /webhooks.
webhook-test-sent = Тестовое событие { $id } отправлено на { $hook }. { $answer }
webhook-test-title = Проверка вебхука
webhook-test-failed = Тестовое событие на { $hook } не доставлено. { $answer }
webhook-test-failed-hint = Вебхук остаётся; исправьте получателя и проверьте снова.
webhook-removed = Вебхук { $id } удалён.
webhook-gone-here = Здесь нет вебхука { $id }.
webhook-say-action = Укажите add, list, test или remove.
webhook-post-failed = Запрос не удался ({ $error }).
webhook-post-answered = Получатель ответил { $status }.
webhook-post-redirect = Получатель ответил перенаправлением ({ $status }); вебхуки не следуют перенаправлениям.
webhook-refused-not-url = Это не URL (не более { $max } символов).
webhook-refused-https = URL вебхука должен начинаться с https://.
webhook-refused-credentials = URL вебхука не может содержать имя пользователя или пароль.
webhook-refused-unresolved = Не удалось разрешить имя { $host }.
webhook-refused-private = { $host } указывает на непубличный адрес ({ $range }); вебхуки отправляются только на публичные хосты интернета.
webhook-removed-410 = Ваш вебхук { $id } ответил 410 Gone, поэтому я его удалил. Добавьте его снова командой /webhook add, если это ошибка.

## Тема форума Telegram удалена или закрыта: одно уведомление в General

topic-gone = Не удалось отправить сообщение в тему форума #{ $thread }: она удалена или закрыта. Её подписки и настройки теперь публикуются здесь, в General, ничего не потеряно. Администратор может вернуть токен в тему, отправив /subscribe внутри открытой темы (и /unsubscribe здесь).
topic-gone-unknown = Не удалось отправить сообщение в тему форума: она удалена или закрыта. Её подписки и настройки теперь публикуются здесь, в General, ничего не потеряно. Администратор может вернуть токен в тему, отправив /subscribe внутри открытой темы (и /unsubscribe здесь).
