# Alertas: manchetes, dados, resumos, botões e rótulos de gráficos. Símbolos, preços, números e horários chegam já formatados.

## Manchetes: seguem o símbolo do token.
event-signal-flip = sinal { $timeframe ->
    [daily] diário
   *[other] horário
} virou { $from } → { $to }
event-signal = { $signal ->
    [bullish] altista
    [bearish] baixista
   *[other] neutro
}
event-level-approach = aproximando-se { $side ->
    [resistance] da resistência
   *[other] do suporte
} { $level }
event-level-touch = tocando { $side ->
    [resistance] a resistência
   *[other] o suporte
} { $level }
event-level-breakout = rompeu { $direction ->
    [up] para cima
   *[other] para baixo
} { $side ->
    [resistance] a resistência
   *[other] o suporte
} { $level }
event-metric-cross = { $metric } cruzou { $direction ->
    [up] acima de
   *[other] abaixo de
} { $threshold }
event-grade-change = sinal da nota TM { $from } → { $to }
event-price-move = moveu { $change } em { $window } (seu alerta)
event-price-condition = { $condition } (seu alerta)

## Tipos de alerta.
event-kind-short = { $kind ->
    [signal_flip] virada
    [level_approach] aproximação
    [level_touch] toque
    [level_breakout] rompimento
    [metric_cross] métrica
    [grade_change] nota
   *[other] alerta de preço
}
event-kind-long = { $kind ->
    [signal_flip] virada de sinal
    [level_approach] aproximação
    [level_touch] toque
    [level_breakout] rompimento
    [metric_cross] cruzamento de métrica
    [grade_change] mudança de nota
   *[other] alerta de preço
}
event-kind-flip-short = { $timeframe ->
    [daily] virada diária
   *[other] virada horária
}
event-kind-flip-long = { $timeframe ->
    [daily] virada de sinal diária
   *[other] virada de sinal horária
}
event-kind-metric-long = cruzamento de { $metric }

## Dados sob a manchete.
fact-price = Preço
fact-price-now = Preço agora
fact-price-seen = { $price } ({ $time }, { $source })
fact-source-demo = replay de demonstração
fact-source-live = preço ao vivo da corretora
fact-level = Nível
fact-level-value = { $price } ({ $side ->
    [resistance] resistência
   *[other] suporte
})
fact-level-ref = { $price } ({ $side ->
    [resistance] resistência
   *[other] suporte
}, { $strength }/100)
fact-distance = Distância
fact-strength = Força
fact-target = Alvo
fact-fails-below = Falha abaixo de
fact-fails-above = Falha acima de
fact-signal-date = Data do sinal
fact-signal-hour = Hora do sinal
fact-trader-grade = Nota de trader
fact-tm-grade = Nota TM
fact-threshold = Limite
fact-previous = Anterior
fact-move = Movimento
fact-move-value = { $change } em { $window }, a partir de { $price }
fact-move-value-at = { $change } em { $window }, a partir de { $price } ({ $time })
fact-condition = Condição
fact-part-held = cumprida
fact-alert = Alerta
fact-alert-once = { $id } · once: removido
fact-alert-every = { $id } · every: próximo após o intervalo de espera
fact-data = Dados
fact-demo = dados de demonstração (replay incluído, não o mercado ao vivo)

## Resumos.
digest-count = { $count ->
    [one] { $count } alerta
   *[other] { $count } alertas
}
digest-held = Retidos durante seu horário silencioso ou silenciamento

## Botões.
button-mute = 🔕 Silenciar { $symbol } 1d
button-mute-plain = Silenciar { $symbol } 1d
button-unsubscribe = Cancelar inscrição em { $symbol }

## Rótulos de gráficos.
chartlabel-caption = { $kind } { $side ->
    [resistance] da resistência
   *[other] do suporte
}
chartlabel-strength = força { $strength }
chartlabel-now = agora { $price }
chartlabel-empty = Ainda não há histórico de preços
chartlabel-alt = Gráfico de preços { $title }
