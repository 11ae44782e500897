# Рыночные и трейдерские команды: /levels, /signal, /chart, /stats, /why, /alert, /backtest.
# Цены, проценты, символы и ключевые слова условий остаются как в английском.

## Общие слова
market-signal = { $value ->
    [bullish] бычий
    [bearish] медвежий
   *[neutral] нейтральный
}
market-age-seconds = { $n } с назад
market-age-minutes = { $n } мин назад
market-age-hours = { $n } ч назад
market-age-days = { $n } д назад
market-price = Цена: { $price }
market-price-source = Цена: { $price } ({ $source }, { $age })
market-updated = Обновлено { $time }
market-no-data = Данных по { $symbol } пока нет: подпишитесь, и я начну за ним следить.
market-no-data-hint = Попробуйте /subscribe { $symbol } и спросите снова через несколько минут.
market-unavailable = { $kind ->
    [price] Цены недоступны на этом тарифе API.
    [daily] Дневные торговые сигналы недоступны на этом тарифе API.
    [hourly] Часовые торговые сигналы недоступны на этом тарифе API.
    [levels] Уровни поддержки/сопротивления недоступны на этом тарифе API.
    [quant] Количественные метрики (Sharpe) недоступны на этом тарифе API.
   *[grade] Оценки TM недоступны на этом тарифе API.
}

## /levels
levels-title = Уровни { $symbol }
levels-row = { $price }  на { $pct } · сила { $strength }/100
levels-none = нет
levels-none-strong = Сильных уровней (сила ≥ { $min }) сейчас нет.
levels-resistance-above = Сопротивление выше:
levels-support-below = Поддержка ниже:

## /signal
signal-title = Сигналы { $symbol }
signal-daily = День: тренд { $trend }, сигнал { $signal } ({ $date })
signal-hourly = Час: тренд позиции { $position }, сигнал { $signal } ({ $time })
signal-grade = Оценка TM: { $grade }
signal-sharpe = Sharpe: { $value }

## /chart
chart-unavailable = Графики в этом боте недоступны.
chart-no-levels = Уровней для { $symbol } пока нет.
chart-alt = График цены { $symbol } · { $range }

## /stats (заголовки и ячейки короткие: таблица моноширинная)
stats-col-kind = Тип
stats-col-n = n
stats-col-hit = Успех
stats-col-median = Медиана
stats-col-best = Лучший
stats-col-worst = Худший
stats-hit = { $pct } из { $n }
stats-recorded = записано
stats-all-tokens = все токены
stats-title = Итоги оповещений, { $name }, за последние { $window }
stats-none = За последние { $window } оповещений по { $name } не было.
stats-legend-hit = Успех: уровни устояли (цена отскочила на ширину полосы) или были пробиты; пробои остались за уровнем через 24 ч;
stats-legend-flips = развороты: доходность через 7 д (часовые: 24 ч) в направлении сигнала. Движения указаны в направлении оповещения.
stats-too-few = * Слишком мало решённых оповещений, чтобы делать выводы (меньше { $min }): { $kinds }.
stats-open = { $count ->
    [one] { $count } ещё открыто (пока не решено).
    [few] { $count } ещё открыты (пока не решены).
    [many] { $count } ещё открыто (пока не решены).
   *[other] { $count } ещё открыто (пока не решены).
}
stats-bad-window = Период должен быть 7d, 30d или 90d, а не "{ $window }".
stats-unavailable = Этот бот не записывает итоги оповещений.

## /why
why-which-token = Какой токен? Например: /why SOL
why-nothing = Пока ничего не известно.
why-title = { $place ->
    [dm] Почему: { $symbol } в ваших личных сообщениях
    [group] Почему: { $symbol } в этой группе
   *[channel] Почему: { $symbol } в этом канале
}
why-price = Цена { $price } от { $source }, давность { $age }
why-market-feed = рыночного потока
why-price-unseen = Цена: ещё не получена (никто не следит за этим токеном или первый цикл ещё не прошёл)
why-streamed = Поток от { $source }, давность { $age }
why-not-followed = Здесь не отслеживается, поэтому оповещения по { $symbol } сюда не приходят. Добавьте их: /subscribe { $symbol }.
why-followed = Отслеживается здесь для: { $types }
why-followed-except = Отслеживается здесь для: { $types }; не для { $others }
why-levels-none = Уровни: пока неизвестны.
why-levels-head = Уровни (proximity { $pct }%, minstrength { $min }):
why-levels-none-strong = нет уровня с силой не меньше { $min }
why-level-r = С
why-level-s = П
why-level-row-inside = { $side } { $price } { $pct } (внутри полосы) · сила { $strength }
why-level-row-outside = { $side } { $price } { $pct } (вне полосы) · сила { $strength }
why-level-weak = { $price } внутри полосы, но сила { $strength } ниже minstrength { $min }
why-level-untracked = ещё не отслеживается при { $pct }% (со следующего сканирования профиля)
why-level-rearm = снова взводится, когда цена отойдёт больше чем на { $pct }% (сейчас { $now }%)
why-level-pending = пробой ожидается с { $time }
why-level-armed-inside = взведён, внутри полосы
why-level-far = далеко (взведён)
why-level-approaching = приближение (с { $time })
why-level-touched = касание (с { $time })
why-level-broken = пробит ({ $time }), снова взводится
why-daily-signal = Дневной сигнал: { $signal } ({ $date })
why-daily-signal-none = Дневной сигнал: пока нет
why-hourly-signal = Часовой сигнал: { $signal } ({ $time })
why-hourly-signal-none = Часовой сигнал: пока нет
why-threshold-no-data = { $name }: данных пока нет
why-threshold-side = { $side ->
    [above] выше порога { $threshold }
   *[below] ниже порога { $threshold }
}
why-threshold-untracked = порог { $threshold } ещё не отслеживается
why-threshold = { $name }: { $value }, { $where }; оповещение при пересечении { $up } вверх или { $down } вниз
why-muted-until = Без звука до { $time } ({ $what })
why-mute-dropped = оповещения отбрасываются
why-mute-held = оповещения задерживаются
why-mute-held-until = оповещения задерживаются до { $time }
why-mute-off = Без звука: выкл.
why-token-muted = Этот токен без звука до { $time }
why-quiet = Тихие часы { $hours }
why-quiet-open = Тихие часы { $hours }: сейчас, оповещения задерживаются до { $time }
why-quiet-none = Тихие часы: нет
why-cooldown = Пауза { $duration } на тип: { $list }
why-cooldown-running = { $kind } до { $time }
why-cooldown-none = активных нет
why-cap = Лимит в час: отправлено { $sent } из { $limit } за этот час
why-cap-held = Лимит в час: отправлено { $sent } из { $limit } за этот час; оповещения задерживаются до { $time }
why-suppressions-none = Недавние подавления: нет
why-suppressions = Недавние подавления:
why-or = или
why-reason-cooldown-until = пауза до { $time }
why-reason-cooldown-ended = пауза (уже закончилась)
why-reason-quiet = задержано на тихие часы
why-reason-quiet-until = задержано на тихие часы до { $time }
why-reason-muted = задержано, пока без звука
why-reason-muted-until = задержано, пока без звука, до { $time }
why-reason-muted-dropped = отброшено, пока без звука (режим drop)
why-reason-token-muted = токен без звука
why-reason-token-muted-until = токен без звука до { $time }
why-reason-rate-cap = задержано часовым лимитом
why-reason-rate-cap-until = задержано часовым лимитом до { $time }
why-reason-inhibited = подавлено: { $kind }
why-reason-stronger = более сильное оповещение
why-reason-below-minstrength = ниже minstrength
why-reason-dedup = уже отправлено (дубликат)
why-alerts-none = Ценовые оповещения по { $symbol } здесь: нет (например, /alert { $symbol } above 210)
why-alerts-head = Ценовые оповещения по { $symbol } здесь ({ $count }):
why-alerts-fired = { $repeat }, последнее срабатывание { $ago } назад
why-alerts-holds = выполняется сейчас
why-alerts-not-holds = сейчас не выполняется
why-alerts-edge = Оповещение, которое выполняется сейчас, сработает, когда снова станет истинным (после того как перестанет выполняться).
part-no-data = данных пока нет
part-move = { $pct } от { $from }
part-near-none = { $side ->
    [support] нет сильной поддержки в пределах { $pct }
   *[resistance] нет сильного сопротивления в пределах { $pct }
}
part-near = { $side ->
    [support] поддержка { $price }, на { $pct }
   *[resistance] сопротивление { $price }, на { $pct }
}

## /alert, /alerts
pricealert-unavailable = Ценовые оповещения в этом боте недоступны.
pricealert-once = один раз
pricealert-every = каждый раз
pricealert-unknown = Для { $symbol } пока неизвестно: { $parts }. Данные будут загружаться со следующего обновления; оповещение их дождётся.
pricealert-already = { $side ->
    [above] { $symbol } уже выше { $price }: оповещение сработает, когда цена снова его пересечёт.
   *[below] { $symbol } уже ниже { $price }: оповещение сработает, когда цена снова его пересечёт.
}
pricealert-holds = Условие уже выполняется: оповещение сработает, когда оно снова станет истинным.
pricealert-limit = { $place ->
    [dm] { $count ->
        [one] У вас { $count } ценовое оповещение, лимит — { $max }.
        [few] У вас { $count } ценовых оповещения, лимит — { $max }.
       *[other] У вас { $count } ценовых оповещений, лимит — { $max }.
    }
    [topic] { $count ->
        [one] В этой теме { $count } ценовое оповещение, лимит — { $max }.
        [few] В этой теме { $count } ценовых оповещения, лимит — { $max }.
       *[other] В этой теме { $count } ценовых оповещений, лимит — { $max }.
    }
    [group] { $count ->
        [one] В этой группе { $count } ценовое оповещение, лимит — { $max }.
        [few] В этой группе { $count } ценовых оповещения, лимит — { $max }.
       *[other] В этой группе { $count } ценовых оповещений, лимит — { $max }.
    }
   *[channel] { $count ->
        [one] В этом канале { $count } ценовое оповещение, лимит — { $max }.
        [few] В этом канале { $count } ценовых оповещения, лимит — { $max }.
       *[other] В этом канале { $count } ценовых оповещений, лимит — { $max }.
    }
}
pricealert-limit-hint = Сначала удалите одно: /alerts показывает их id, /alert delete <id> удаляет.
pricealert-set = { $place ->
    [dm] Оповещение { $id } создано для вас: { $alert }.
    [topic] Оповещение { $id } создано для этой темы: { $alert }.
    [group] Оповещение { $id } создано для этой группы: { $alert }.
   *[channel] Оповещение { $id } создано для этого канала: { $alert }.
}
pricealert-price-now = Цена сейчас: { $price }.
pricealert-every-cooldown = Срабатывает не чаще одного раза за паузу (см. /settings cooldown).
pricealert-near-strength = «near» учитывает уровни силой { $min } и выше (текущий minstrength здесь; оповещение его сохраняет).
pricealert-remove = Удалить: /alert delete { $id }.
pricealert-delete-id = Укажите id оповещения для удаления (6 букв и цифр, см. /alerts).
pricealert-delete-unknown = { $place ->
    [dm] У вас нет ценового оповещения { $id }. Id можно посмотреть в /alerts.
    [topic] В этой теме нет ценового оповещения { $id }. Id можно посмотреть в /alerts.
    [group] В этой группе нет ценового оповещения { $id }. Id можно посмотреть в /alerts.
   *[channel] В этом канале нет ценового оповещения { $id }. Id можно посмотреть в /alerts.
}
pricealert-deleted = Ценовое оповещение { $id } удалено.
pricealert-list-none = { $place ->
    [dm] У вас нет ценовых оповещений.
    [topic] В этой теме нет ценовых оповещений.
    [group] В этой группе нет ценовых оповещений.
   *[channel] В этом канале нет ценовых оповещений.
}
pricealert-list-hint = Создайте его: /alert SOL above 210 или /alert SOL move 5% 1h.
pricealert-list-delete = Удалить: /alert delete <id>.
pricealert-list-title = { $place ->
    [dm] Ваши ценовые оповещения ({ $count })
    [topic] Ценовые оповещения этой темы ({ $count })
    [group] Ценовые оповещения этой группы ({ $count })
   *[channel] Ценовые оповещения этого канала ({ $count })
}
pricealert-say-what = Укажите, за чем следить, например above 210 или move 5% 1h.

## Ошибки условий (ключевые слова в примерах вводятся по-английски)
cond-price-positive = Цена должна быть больше нуля.
cond-not-price = "{ $text }" — не цена. Например: 210 или 0.0012.
cond-price-too-large = Слишком большая цена.
cond-not-pct = "{ $text }" — не процент. Например: 5%.
cond-move-range = Движение должно быть от { $min } до { $max }.
cond-window-seconds = Окно должно быть не меньше 1 минуты (например, 5m, 1h, 1d).
cond-window-min = Окно должно быть не меньше 1 минуты.
cond-window-range = Выберите окно от { $min } до { $max }.
cond-not-window = "{ $text }" — не окно. Например: 30m, 2h, 1d или 1w.
cond-usage-hint = Например: above 210, below 180, move 5% 1h, near support 2%, signal bullish, hourly bearish, grade >= 70 или sharpe >= 1, до 3 частей через "and", затем once (по умолчанию) или every.
cond-one-price = Укажите одну цену, например { $example }.
cond-move-args = Укажите процент и окно, например move 5% 1h.
cond-near-side = Напишите near support или near resistance, можно с расстоянием: near support 2%.
cond-near-range = Расстояние должно быть процентом больше 0 и не больше { $max }, например 2%.
cond-signal-value = Напишите { $bullish } или { $bearish }.
cond-compare-op = Сравнивайте через >= или <=, например { $example }.
cond-not-number = "{ $text }" — не число. Например: { $example }.
cond-grade-range = Оценка TM бывает от 0 до 100.
cond-sharpe-range = Такого большого коэффициента Шарпа не бывает; например: sharpe >= 1.5.
cond-say-what = Укажите, за чем следить.
cond-not-condition = "{ $text }" — не условие.
cond-too-many-parts = Через "and" можно соединить не больше { $max } частей.
cond-part-empty = пусто
cond-part-error = Часть { $n } ({ $said }): { $error }
cond-never = { $parts } никогда не выполняются одновременно: оповещение никогда не сработает.

## /backtest
backtest-period = Выберите 7d или 30d: история цен хранится 30 дней.
backtest-na = н/д
backtest-firing = { $time } по { $price } · через 1 ч { $after1h } · через 24 ч { $after24h }
backtest-after-none = Через { $label }: пока нет цены так долго после какого-либо срабатывания.
backtest-after = Через { $label }: среднее { $mean }, рост в { $up } из { $n } (выборка { $n })
backtest-replayed = Воспроизведено точек цены { $symbol }: { $count }, с { $from } по { $to } (по часам до последних 24 ч, затем по минутам).
backtest-skipped = Не воспроизведено: { $skipped }. tokenwatch хранит только последнюю оценку TM и последний Sharpe, а сигналы — только как развороты, о которых оповещал, поэтому учтены только остальные части.
backtest-skipped-rest = Не воспроизведено: { $skipped }. tokenwatch хранит только последнюю оценку TM и последний Sharpe, а сигналы — только как развороты, о которых оповещал, поэтому учтены только остальные части ({ $replayed }).
backtest-levels-now = части near оцениваются по сегодняшним сильным уровням.
backtest-never = Оповещение не сработало бы.
backtest-fired = { $count ->
    [one] Сработало бы { $count } раз:
    [few] Сработало бы { $count } раза:
    [many] Сработало бы { $count } раз:
   *[other] Сработало бы { $count } раза:
}
backtest-earlier = … и ещё { $count } раньше.
backtest-signal-flips = { $timeframe ->
    [daily] { $count ->
        [one] Дневной сигнал воспроизводится по { $count } сохранённому развороту за период.
       *[other] Дневной сигнал воспроизводится по { $count } сохранённым разворотам за период.
    }
   *[hourly] { $count ->
        [one] Часовой сигнал воспроизводится по { $count } сохранённому развороту за период.
       *[other] Часовой сигнал воспроизводится по { $count } сохранённым разворотам за период.
    }
}
backtest-signal-today = { $timeframe ->
    [daily] Дневной сигнал: за период разворотов не сохранено, поэтому весь период учитывается сегодняшний ({ $signal }).
   *[hourly] Часовой сигнал: за период разворотов не сохранено, поэтому весь период учитывается сегодняшний ({ $signal }).
}
backtest-unavailable = Бэктесты в этом боте недоступны.
backtest-title = Бэктест: { $symbol } { $condition }, за последние { $period }
backtest-not-replayable = В { $condition } нечего воспроизвести: tokenwatch хранит только последнюю оценку TM и последний Sharpe, а сигналы токена — только как развороты, о которых оповещал.
backtest-add-price = Добавьте ценовую часть, например above 210 and signal bullish.
backtest-no-history = Истории цен { $symbol } за этот период пока нет: tokenwatch записывает цены токенов, на которые кто-то подписан или у которых есть оповещение.
backtest-no-history-hint = Подпишитесь (/subscribe { $symbol }) или создайте оповещение и попробуйте позже.
backtest-created-none = Оповещение не создано. Чтобы создать: /alert { $symbol } { $condition }
backtest-which-token = Какой токен? Например: /backtest SOL above 210
backtest-say-what = Укажите, что проверить, например above 210 или move 5% 1h.
