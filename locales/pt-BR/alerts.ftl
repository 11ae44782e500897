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

## Por que um token não tem transmissão ao vivo da corretora.
livenote-forbidden = Sem transmissão ao vivo: desativada para este token pelo operador.
livenote-this-token = este token
livenote-unloaded = Ainda sem transmissão ao vivo: as listas de pares de { $exchanges } não puderam ser carregadas; tentando novamente.
livenote-no-pair = Sem transmissão ao vivo: nenhum par de { $symbol } cotado em USD, USDT ou USDC em { $exchanges }.
livenote-not-listed = Sem transmissão ao vivo: a Token Metrics não lista { $symbol } em nenhuma das corretoras que o bot transmite.
livenote-pending-held = Transmissão ao vivo ainda não verificada: { $disagreement }; esse preço é antigo demais para avaliar, aguardando um mais recente.
livenote-pending = Transmissão ao vivo iniciando: aguardando o primeiro preço de { $pair } para verificá-lo.
livenote-reasons = Sem transmissão ao vivo: { $reasons }.
livenote-generic-ambiguous = Sem transmissão ao vivo: o preço da corretora difere do da Token Metrics (veja docs/how-it-works.md, Live prices).
livenote-generic-unavailable = Sem transmissão ao vivo agora: suas corretoras recusam este servidor; volta dentro de uma hora.
livenote-refused = { $exchange } recusa este servidor, nova tentativa: { $time }
livenote-refused-status = { $exchange } recusa este servidor (HTTP { $status }), nova tentativa: { $time }
livenote-when-just = logo antes; tolerância de { $tolerance }%
livenote-when = { $gap } antes; tolerância de { $tolerance }%
livenote-ref-tm = do preço da Token Metrics { $price } ({ $when })
livenote-ref-live = do último preço ao vivo { $price } ({ $source }, { $when })
livenote-disagreement-pct = { $pair } estava em { $price }, { $pct } distante { $ref }
livenote-disagreement-factor = { $pair } estava em { $price }, fora por um fator de { $factor } { $ref }

## Palavras que as plataformas adicionam a uma resposta (Telegram).
render-continue-private = 💬 Continuar em um chat privado
render-done = Pronto.
render-failed = Falhou.
render-chart-link = gráfico

metric-name = { $metric ->
    [SHARPE] Sharpe
    [SORTINO] Sortino
    [VOLATILITY] volatilidade
    [ALL_TIME_RETURN] retorno histórico
    [CAGR] CAGR
    [MAX_DRAWDOWN] drawdown máximo
    [SKEW] assimetria
    [TAIL_RATIO] razão de cauda
    [RISK_REWARD_RATIO] relação risco-retorno
    [PROFIT_FACTOR] fator de lucro
    [KURTOSIS] curtose
    [DAILY_VALUE_AT_RISK] valor em risco diário
    [DAILY_RETURN_AVG] retorno diário médio
    [DAILY_RETURN_STD] desvio do retorno diário
    [EXPECTED_SHORTFALL_CVAR] perda esperada (CVaR)
   *[other] { $fallback }
}
grade-signal = { $signal ->
    [strong-buy] Compra forte
    [buy] Compra
    [neutral] Neutro
    [sell] Venda
    [strong-sell] Venda forte
   *[other] { $raw }
}
