# Оповещения: заголовки, факты, сводки, кнопки и подписи графиков. Символы, цены, числа и время приходят уже отформатированными.

## Заголовки: идут после символа токена.
event-signal-flip = { $timeframe ->
    [daily] дневной
   *[other] часовой
} сигнал сменился: { $from } → { $to }
event-signal = { $signal ->
    [bullish] бычий
    [bearish] медвежий
   *[other] нейтральный
}
event-level-approach = приближается к { $side ->
    [resistance] сопротивлению
   *[other] поддержке
} { $level }
event-level-touch = касается { $side ->
    [resistance] сопротивления
   *[other] поддержки
} { $level }
event-level-breakout = пробил { $direction ->
    [up] вверх
   *[other] вниз
} { $side ->
    [resistance] сопротивление
   *[other] поддержку
} { $level }
event-metric-cross = { $metric }: { $direction ->
    [up] переход выше
   *[other] переход ниже
} { $threshold }
event-grade-change = сигнал оценки TM { $from } → { $to }
event-price-move = изменение { $change } за { $window } (ваше оповещение)
event-price-condition = { $condition } (ваше оповещение)

## Виды оповещений.
event-kind-short = { $kind ->
    [signal_flip] смена
    [level_approach] подход
    [level_touch] касание
    [level_breakout] пробой
    [metric_cross] метрика
    [grade_change] оценка
   *[other] ценовое оповещение
}
event-kind-long = { $kind ->
    [signal_flip] смена сигнала
    [level_approach] подход
    [level_touch] касание
    [level_breakout] пробой
    [metric_cross] пересечение метрики
    [grade_change] смена оценки
   *[other] ценовое оповещение
}
event-kind-flip-short = { $timeframe ->
    [daily] дневная смена
   *[other] часовая смена
}
event-kind-flip-long = { $timeframe ->
    [daily] смена дневного сигнала
   *[other] смена часового сигнала
}
event-kind-metric-long = пересечение { $metric }

## Факты под заголовком.
fact-price = Цена
fact-price-now = Цена сейчас
fact-price-seen = { $price } ({ $time }, { $source })
fact-source-demo = демо-повтор
fact-source-live = живая цена биржи
fact-level = Уровень
fact-level-value = { $price } ({ $side ->
    [resistance] сопротивление
   *[other] поддержка
})
fact-level-ref = { $price } ({ $side ->
    [resistance] сопротивление
   *[other] поддержка
}, { $strength }/100)
fact-distance = Расстояние
fact-strength = Сила
fact-target = Цель
fact-fails-below = Слом ниже
fact-fails-above = Слом выше
fact-signal-date = Дата сигнала
fact-signal-hour = Час сигнала
fact-trader-grade = Оценка трейдера
fact-tm-grade = Оценка TM
fact-threshold = Порог
fact-previous = Предыдущее
fact-move = Движение
fact-move-value = { $change } за { $window }, от { $price }
fact-move-value-at = { $change } за { $window }, от { $price } ({ $time })
fact-condition = Условие
fact-part-held = выполнено
fact-alert = Оповещение
fact-alert-once = { $id } · once: удалено
fact-alert-every = { $id } · every: следующее после паузы
fact-data = Данные
fact-demo = демо-данные (встроенный повтор, не живой рынок)

## Сводки.
digest-count = { $count ->
    [one] { $count } оповещение
    [few] { $count } оповещения
    [many] { $count } оповещений
   *[other] { $count } оповещения
}
digest-held = Отложено на время ваших тихих часов или отключения уведомлений

## Кнопки.
button-mute = 🔕 Заглушить { $symbol } 1d
button-mute-plain = Заглушить { $symbol } 1d
button-unsubscribe = Отписаться от { $symbol }

## Подписи графиков.
chartlabel-caption = { $kind } { $side ->
    [resistance] сопротивления
   *[other] поддержки
}
chartlabel-strength = сила { $strength }
chartlabel-now = сейчас { $price }
chartlabel-empty = Истории цен пока нет
chartlabel-alt = График цены { $title }

## Почему у токена нет живого потока с биржи.
livenote-forbidden = Нет живого потока: оператор отключил его для этого токена.
livenote-this-token = этого токена
livenote-unloaded = Живого потока пока нет: не удалось загрузить списки пар { $exchanges }; повторяем попытку.
livenote-no-pair = Нет живого потока: нет пары { $symbol } к USD, USDT или USDC на { $exchanges }.
livenote-not-listed = Нет живого потока: Token Metrics не указывает { $symbol } ни на одной из бирж, с которых бот получает цены.
livenote-pending-held = Живой поток ещё не проверен: { $disagreement }; эта цена слишком старая для сравнения, ждём более свежую.
livenote-pending = Живой поток запускается: ждём первую цену от { $pair }, чтобы её проверить.
livenote-reasons = Нет живого потока: { $reasons }.
livenote-generic-ambiguous = Нет живого потока: цена биржи отличается от цены Token Metrics (см. docs/how-it-works.md, Live prices).
livenote-generic-unavailable = Живого потока сейчас нет: его биржи отклоняют этот сервер; вернётся в течение часа.
livenote-refused = { $exchange } отклоняет этот сервер, повторная попытка: { $time }
livenote-refused-status = { $exchange } отклоняет этот сервер (HTTP { $status }), повторная попытка: { $time }
livenote-when-just = только что; допуск { $tolerance }%
livenote-when = { $gap } назад; допуск { $tolerance }%
livenote-ref-tm = цены Token Metrics { $price } ({ $when })
livenote-ref-live = последней живой цены { $price } ({ $source }, { $when })
livenote-disagreement-pct = { $pair } была { $price }, на { $pct } отличается от { $ref }
livenote-disagreement-factor = { $pair } была { $price }, отличие от { $ref }: ×{ $factor }

## Слова, которые платформы добавляют к ответу (Telegram).
render-continue-private = 💬 Продолжить в личном чате
render-done = Готово.
render-failed = Не удалось.
render-chart-link = график

metric-name = { $metric ->
    [SHARPE] Sharpe
    [SORTINO] Sortino
    [VOLATILITY] волатильность
    [ALL_TIME_RETURN] доходность за всё время
    [CAGR] CAGR
    [MAX_DRAWDOWN] максимальная просадка
    [SKEW] асимметрия
    [TAIL_RATIO] коэффициент хвостов
    [RISK_REWARD_RATIO] соотношение риска и доходности
    [PROFIT_FACTOR] профит-фактор
    [KURTOSIS] эксцесс
    [DAILY_VALUE_AT_RISK] дневной VaR
    [DAILY_RETURN_AVG] средняя дневная доходность
    [DAILY_RETURN_STD] отклонение дневной доходности
    [EXPECTED_SHORTFALL_CVAR] ожидаемые потери (CVaR)
   *[other] { $fallback }
}
grade-signal = { $signal ->
    [strong-buy] Активно покупать
    [buy] Покупать
    [neutral] Нейтрально
    [sell] Продавать
    [strong-sell] Активно продавать
   *[other] { $raw }
}
