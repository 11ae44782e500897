# Тексты основных команд (commands/). Вводимые ключевые слова (on, off, hold, drop, none, auto, all),
# названия команд и примеры остаются на английском.

## Адресаты
target-you = вы
target-group = эта группа
target-topic = эта тема
target-channel = этот канал
target-admins-add = Только администраторы группы могут добавлять оповещения в эту группу.
target-subscribe-privately = Чтобы получать оповещения по { $symbol } самому, подпишитесь в личном чате со мной: нажмите кнопку ниже.
target-admins-settings = Только администраторы группы могут менять настройки оповещений этой группы.
target-admins-alerts = Только администраторы группы могут менять ценовые оповещения этой группы.
target-admins-subscriptions = Только администраторы группы могут менять подписки этой группы.
target-use-private = Чтобы управлять своими оповещениями, отправьте мне эту команду в личном чате.
target-channel-only = Команды /channel работают только в канале сервера.
target-moderators-only = Настраивать оповещения канала могут только модераторы (с правом «Управлять каналами» или «Управлять сервером»).
target-no-other-channels = Здесь я не могу проверить другие каналы.
target-channel-refused = Я не могу использовать этот канал: { $reason }
target-other-server = Этот канал не на этом сервере.

## Строки использования
usage-line = Использование: { $usage }

## Токены
token-unknown = Я не знаю токен { $symbol }. Проверьте символ или попробуйте /levels BTC, чтобы увидеть, как это работает.

## Аргументы
parse-symbol-too-long = { $length ->
    [one] Этот символ слишком длинный ({ $length } знак).
    [few] Этот символ слишком длинный ({ $length } знака).
    [many] Этот символ слишком длинный ({ $length } знаков).
   *[other] Этот символ слишком длинный ({ $length } знака).
}
parse-symbol-invalid-shown = «{ $input }» — не символ токена. Используйте буквы и цифры, например SOL или BTC.
parse-symbol-invalid = Это не символ токена. Используйте буквы и цифры, например SOL или BTC.
parse-type-unknown = Неизвестный тип оповещения «{ $input }». Используйте { $types } или all.
parse-duration-invalid = «{ $input }» — не длительность. Используйте, например, 30m, 2h, 1d или 1w.
parse-duration-range = Выберите длительность от { $min } до { $max }.
parse-quiet-format = Укажите тихие часы так: 22:00-07:00 Europe/Berlin, или off.
parse-quiet-same = Тихие часы должны начинаться и заканчиваться в разное время.
parse-timezone-unknown = Неизвестный часовой пояс «{ $input }». Используйте имя IANA, например Europe/Berlin или UTC.
parse-not-number = «{ $input }» — не число.
parse-whole-between = Используйте целое число от { $min } до { $max }.
parse-between = Используйте значение от { $min } до { $max }.
parse-arg-not-integer = { $name } должно быть целым числом, а не «{ $input }».
parse-arg-not-number = { $name } должно быть числом, а не «{ $input }».
parse-arg-yes-no = { $name } должно быть yes или no.
parse-too-many = Слишком много аргументов.

## Выполнение команд
run-missing = Не указано: { $name }.
run-too-long = { $name }: слишком длинно ({ $length ->
        [one] { $length } знак
        [few] { $length } знака
        [many] { $length } знаков
       *[other] { $length } знака
    }, максимум { $max }).
run-not-choice = { $name } «{ $input }» — не один из вариантов: { $choices }.
run-not-number = { $name } должно быть числом.
run-not-integer = { $name } должно быть целым числом.
run-range = { $name } должно быть от { $min } до { $max }.
run-not-boolean = { $name } должно быть true или false.
run-not-here = /{ $command } здесь недоступна.
run-moderators-only = Эту команду могут использовать только модераторы, в канале сервера.
run-needs-subcommand = Для /{ $command } нужна подкоманда.
run-paused-dms-closed = Ваши оповещения были приостановлены, потому что я не мог отправить вам личные сообщения (похоже, они закрыты). Команда снова их включила.
run-paused-blocked = Ваши оповещения были приостановлены, потому что бот был заблокирован. Команда снова их включила.
run-paused-not-found = Ваши оповещения были приостановлены, потому что чат не был найден. Команда снова их включила.
run-paused-undelivered = Ваши оповещения были приостановлены, потому что их не удавалось доставить. Команда снова их включила.

## Ограничение частоты команд
limit-too-fast = Вы отправляете команды слишком часто (больше { $max } за { $window }).
limit-try-again = Попробуйте ещё раз через { $wait }.
limit-seconds = { $count ->
    [one] { $count } секунду
    [few] { $count } секунды
    [many] { $count } секунд
   *[other] { $count } секунды
}
limit-minutes = { $count ->
    [one] { $count } минуту
    [few] { $count } минуты
    [many] { $count } минут
   *[other] { $count } минуты
}

## Настройки
settings-hint-proximity = процент от цены, от 0.1 до 20 (например, 1.5)
settings-hint-sharpe = число от -10 до 10 (например, 1)
settings-hint-cooldown = длительность от 1m до 7d (например, 30m, 2h)
settings-hint-maxperhour = целое число от 1 до 120
settings-hint-minstrength = сила уровня от 0 до 100
settings-hint-quiet = ЧЧ:ММ-ЧЧ:ММ и часовой пояс (например, 22:00-07:00 Europe/Berlin), или off
settings-hint-mute = длительность до 30d (например, 2h, 1d), или off
settings-hint-mutemode = hold (доставить после отключения звука) или drop (отбросить)
settings-hint-charts = on (график к оповещениям об уровнях) или off
settings-hint-pingon = какие оповещения упоминают роль канала (Discord): { $kinds }, all или none
settings-hint-language = { $languages } или auto (язык платформы)
settings-muted-until = до { $time } (осталось { $left })
settings-not-hold-drop = «{ $input }» — ни hold, ни drop.
settings-not-on-off = «{ $input }» — ни on, ни off.
settings-not-ping-kind = «{ $input }» — не тип оповещения для упоминания. Используйте { $kinds }, all или none.
settings-not-language = Я не говорю на языке «{ $input }». Используйте { $languages } или auto.
settings-source-default = по умолчанию
settings-source-yours = ваше
settings-source-group = эта группа
settings-source-topic = эта тема
settings-source-channel = этот канал
settings-source-group-default = по умолчанию для группы
settings-source-server-default = по умолчанию для сервера
settings-footer = Изменить: /settings proximity 1.5 · отменить: /settings proximity reset
settings-title = { $who ->
    [you] Ваши настройки
    [group] Настройки этой группы
    [topic] Настройки этой темы
    [channel] Настройки этого канала
   *[server] Настройки этого сервера (по умолчанию для его каналов)
}
settings-reset-all = { $who ->
    [you] Все ваши настройки вернулись к унаследованным значениям.
    [group] Все настройки этой группы вернулись к унаследованным значениям.
    [topic] Все настройки этой темы вернулись к унаследованным значениям.
    [channel] Все настройки этого канала вернулись к унаследованным значениям.
   *[server] Все настройки этого сервера (по умолчанию для его каналов) вернулись к унаследованным значениям.
}
settings-reset-one = { $who ->
    [you] { $key } сброшено для вас.
    [group] { $key } сброшено для этой группы.
    [topic] { $key } сброшено для этой темы.
    [channel] { $key } сброшено для этого канала.
   *[server] { $key } сброшено для этого сервера (по умолчанию для его каналов).
}
settings-saved = { $who ->
    [you] Сохранено для вас.
    [group] Сохранено для этой группы.
    [topic] Сохранено для этой темы.
    [channel] Сохранено для этого канала.
   *[server] Сохранено для этого сервера (по умолчанию для его каналов).
}
settings-which = Какую настройку?
settings-unknown-key = Настройки «{ $input }» нет. Настройки: { $keys }.
settings-accepted = Допустимо: { $hint }.
settings-parse-error = { $error } ({ $key }: { $hint })
settings-no-scope = Нет области настроек.

## /channel
channel-list-empty = Ни один канал этого сервера пока не получает оповещения.
channel-list-start = Начните с /channel subscribe SOL.
channel-list-heading = Канал { $channel }:
channel-list-title = Подписки каналов
channel-scope = Область — channel или server.
channel-no-server = У этого канала нет сервера.

## Подписки
subscribe-cap = { $who ->
    [you] Вы уже следите за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
    [group] Эта группа уже следит за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
    [topic] Эта тема уже следит за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
   *[channel] Этот канал уже следит за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
}
subscribe-cap-hint = Сначала отпишитесь от одного, например /unsubscribe BTC.
subscribe-parent-cap = { $where ->
    [group] Эта группа уже следит в сумме за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
   *[server] Каналы этого сервера уже следят в сумме за { $count ->
        [one] { $count } токеном
       *[other] { $count } токенами
    }, лимит — { $max }.
}
subscribe-parent-hint = Сначала удалите один, например { $command } BTC.
subscribe-covers = { $who ->
    [you] Ваши оповещения по { $symbol } теперь включают: { $types }.
    [group] Оповещения по { $symbol } для этой группы теперь включают: { $types }.
    [topic] Оповещения по { $symbol } для этой темы теперь включают: { $types }.
   *[channel] Оповещения по { $symbol } для этого канала теперь включают: { $types }.
}
subscribe-done = { $who ->
    [you] Вы подписаны на { $symbol }{ $name }: { $types }.
    [group] Эта группа подписана на { $symbol }{ $name }: { $types }.
    [topic] Эта тема подписана на { $symbol }{ $name }: { $types }.
   *[channel] Этот канал подписан на { $symbol }{ $name }: { $types }.
}
subscribe-discord-dms = Оповещения приходят в личные сообщения: не выключайте «Разрешить личные сообщения от участников сервера».
subscribe-removed-all = { $who ->
    [you] Удалены все ваши подписки ({ $count }).
    [group] Удалены все подписки этой группы ({ $count }).
    [topic] Удалены все подписки этой темы ({ $count }).
   *[channel] Удалены все подписки этого канала ({ $count }).
}
subscribe-had-none = { $who ->
    [you] У вас не было подписок.
    [group] У этой группы не было подписок.
    [topic] У этой темы не было подписок.
   *[channel] У этого канала не было подписок.
}
subscribe-not-subscribed = { $who ->
    [you] Вы не подписаны на { $symbol }.
    [group] Эта группа не подписана на { $symbol }.
    [topic] Эта тема не подписана на { $symbol }.
   *[channel] Этот канал не подписан на { $symbol }.
}
subscribe-unsubscribed = { $who ->
    [you] Вы отписаны от { $symbol }.
    [group] Эта группа отписана от { $symbol }.
    [topic] Эта тема отписана от { $symbol }.
   *[channel] Этот канал отписан от { $symbol }.
}
subscribe-stopped = Оповещения { $types } по { $symbol } остановлены. Остаются включёнными: { $left }.
subscribe-none-yet = { $who ->
    [you] У вас пока нет подписок.
    [group] У этой группы пока нет подписок.
    [topic] У этой темы пока нет подписок.
   *[channel] У этого канала пока нет подписок.
}
subscribe-start-with = Начните с /subscribe BTC.
subscribe-list-title = { $who ->
    [you] Ваши подписки ({ $count }/{ $max })
    [group] Подписки этой группы ({ $count }/{ $max })
    [topic] Подписки этой темы ({ $count }/{ $max })
   *[channel] Подписки этого канала ({ $count }/{ $max })
}

## Упоминания ролей
ping-not-role = Это не роль этого сервера.
ping-discord-only = Упоминания ролей работают только в Discord.
ping-refused = Я не могу упомянуть эту роль: { $reason }
ping-nothing-changed = Ничего не изменено.
ping-line = Упоминает @{ $role } при: { $kinds }. Какие оповещения упоминают роль, меняется через /channel settings pingon.
ping-line-none = Пока не упоминает @{ $role } ни при каких оповещениях (pingon — none). Какие оповещения упоминают роль, меняется через /channel settings pingon.

## Кнопки оповещений
action-invalid = Эта кнопка больше не действует.
action-moderators-only = Здесь менять оповещения могут только модераторы.
action-token-id = токен { $id }
action-muted = Оповещения по { $symbol } отключены на { $duration } (до { $time }).
action-already-unsubscribed = Вы уже отписаны от { $symbol }.
action-unsubscribed = Вы отписаны от { $symbol }.
action-undo = Отменить: /subscribe { $symbol }

## /help и /start
help-intro = tokenwatch присылает оповещения Token Metrics: смена торгового сигнала, уровни поддержки и сопротивления, пересечения коэффициента Шарпа и смена оценки.
help-group-admin = Как администратор группы, вы меняете оповещения группы командами /subscribe, /unsubscribe, /settings, /mute и /quiet в группе.
help-details = Подробнее: /help <команда>, например /help settings
help-title = Справка tokenwatch
help-unknown = Здесь нет команды с таким названием.
help-send-help = Отправьте /help, чтобы увидеть список.
help-optional = { $name } (необязательно)
help-keys = Настройки:
start-welcome = Добро пожаловать в tokenwatch!
start-see-help = Всё остальное — в /help.
