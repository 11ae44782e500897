# Comandos de mercado e trading: /levels, /signal, /chart, /stats, /why, /alert, /backtest.
# Preços, porcentagens, símbolos e as palavras-chave das condições ficam como em inglês.

## Palavras compartilhadas
market-signal = { $value ->
    [bullish] altista
    [bearish] baixista
   *[neutral] neutro
}
market-age-seconds = há { $n } s
market-age-minutes = há { $n } min
market-age-hours = há { $n } h
market-age-days = há { $n } d
market-price = Preço: { $price }
market-price-source = Preço: { $price } ({ $source }, { $age })
market-updated = Atualizado em { $time }
market-no-data = Ainda não há dados de { $symbol }: assine e eu começo a acompanhá-lo.
market-no-data-hint = Tente /subscribe { $symbol } e pergunte de novo em alguns minutos.
market-unavailable = { $kind ->
    [price] Os preços não estão disponíveis neste plano da API.
    [daily] Os sinais de trading diários não estão disponíveis neste plano da API.
    [hourly] Os sinais de trading por hora não estão disponíveis neste plano da API.
    [levels] Os níveis de suporte/resistência não estão disponíveis neste plano da API.
    [quant] As métricas quantitativas (Sharpe) não estão disponíveis neste plano da API.
   *[grade] As notas TM não estão disponíveis neste plano da API.
}

## /levels
levels-title = Níveis de { $symbol }
levels-row = { $price }  a { $pct } · força { $strength }/100
levels-none = nenhum
levels-none-strong = Nenhum nível forte (força ≥ { $min }) no momento.
levels-resistance-above = Resistências acima:
levels-support-below = Suportes abaixo:

## /signal
signal-title = Sinais de { $symbol }
signal-daily = Diário: tendência { $trend }, sinal { $signal } ({ $date })
signal-hourly = Por hora: posição { $position }, sinal { $signal } ({ $time })
signal-grade = Nota TM: { $grade }
signal-sharpe = Sharpe: { $value }

## /chart
chart-unavailable = Os gráficos não estão disponíveis neste bot.
chart-no-levels = Ainda não há níveis de { $symbol }.
chart-alt = Gráfico de preço de { $symbol } · { $range }

## /stats (cabeçalhos e células curtos: a tabela é monoespaçada)
stats-col-kind = Tipo
stats-col-n = n
stats-col-hit = Acerto
stats-col-median = Mediana
stats-col-best = Melhor
stats-col-worst = Pior
stats-hit = { $pct } de { $n }
stats-recorded = registrado
stats-all-tokens = todos os tokens
stats-title = Resultados dos alertas, { $name }, últimos { $window }
stats-none = Nenhum alerta de { $name } foi entregue nos últimos { $window }.
stats-legend-hit = Acerto: níveis que seguraram (o preço se afastou a largura de uma banda) ou romperam; rompimentos ainda além do nível 24 h depois;
stats-legend-flips = viradas: retorno após 7 d (por hora: 24 h) na direção do sinal. Os movimentos estão na direção do alerta.
stats-too-few = * Poucos alertas decididos para significar muito (menos de { $min }): { $kinds }.
stats-open = { $count ->
    [one] { $count } ainda em aberto (ainda não decidido).
   *[other] { $count } ainda em aberto (ainda não decididos).
}
stats-bad-window = O período deve ser 7d, 30d ou 90d, não "{ $window }".
stats-unavailable = Este bot não registra os resultados dos alertas.

## /why
why-which-token = Qual token? Por exemplo: /why SOL
why-nothing = Nada conhecido ainda.
why-title = { $place ->
    [dm] Por quê: { $symbol } nas suas mensagens diretas
    [group] Por quê: { $symbol } neste grupo
   *[channel] Por quê: { $symbol } neste canal
}
why-price = Preço { $price } de { $source }, de { $age } atrás
why-market-feed = o feed de mercado
why-price-unseen = Preço: ainda não visto (ninguém acompanha este token ou o primeiro ciclo ainda não rodou)
why-streamed = Transmitido de { $source }, de { $age } atrás
why-not-followed = Não acompanhado aqui, então nenhum alerta de { $symbol } chega aqui. Adicione com /subscribe { $symbol }.
why-followed = Acompanhado aqui para: { $types }
why-followed-except = Acompanhado aqui para: { $types }; não para { $others }
why-levels-none = Níveis: nenhum conhecido ainda.
why-levels-head = Níveis (proximity { $pct }%, minstrength { $min }):
why-levels-none-strong = nenhum nível tem força de pelo menos { $min }
why-level-r = R
why-level-s = S
why-level-row-inside = { $side } { $price } { $pct } (dentro da banda) · força { $strength }
why-level-row-outside = { $side } { $price } { $pct } (fora da banda) · força { $strength }
why-level-weak = { $price } está dentro da banda, mas a força { $strength } está abaixo de minstrength { $min }
why-level-untracked = ainda não acompanhado a { $pct }% (a partir da próxima varredura do perfil)
why-level-rearm = rearma quando o preço se afastar mais de { $pct }% (agora { $now }%)
why-level-pending = rompimento pendente desde { $time }
why-level-armed-inside = armado, dentro da banda
why-level-far = longe (armado)
why-level-approaching = aproximando-se (desde { $time })
why-level-touched = tocado (desde { $time })
why-level-broken = rompido ({ $time }), rearmando
why-daily-signal = Sinal diário: { $signal } ({ $date })
why-daily-signal-none = Sinal diário: nenhum ainda
why-hourly-signal = Sinal por hora: { $signal } ({ $time })
why-hourly-signal-none = Sinal por hora: nenhum ainda
why-threshold-no-data = { $name }: ainda sem dados
why-threshold-side = { $side ->
    [above] acima do limite { $threshold }
   *[below] abaixo do limite { $threshold }
}
why-threshold-untracked = limite { $threshold } ainda não acompanhado
why-threshold = { $name }: { $value }, { $where }; alerta ao cruzar { $up } para cima ou { $down } para baixo
why-muted-until = Silenciado até { $time } ({ $what })
why-mute-dropped = alertas descartados
why-mute-held = alertas retidos
why-mute-held-until = alertas retidos até { $time }
why-mute-off = Silêncio: desligado
why-token-muted = Este token está silenciado até { $time }
why-quiet = Horário de silêncio { $hours }
why-quiet-open = Horário de silêncio { $hours }: agora, alertas retidos até { $time }
why-quiet-none = Horário de silêncio: nenhum
why-cooldown = Intervalo de { $duration } por tipo: { $list }
why-cooldown-running = { $kind } até { $time }
why-cooldown-none = nenhum em andamento
why-cap = Limite por hora: { $sent } de { $limit } enviados nesta hora
why-cap-held = Limite por hora: { $sent } de { $limit } enviados nesta hora; alertas retidos até { $time }
why-suppressions-none = Supressões recentes: nenhuma
why-suppressions = Supressões recentes:
why-or = ou
why-reason-cooldown-until = intervalo até { $time }
why-reason-cooldown-ended = intervalo (já terminou)
why-reason-quiet = retido pelo horário de silêncio
why-reason-quiet-until = retido pelo horário de silêncio até { $time }
why-reason-muted = retido enquanto silenciado
why-reason-muted-until = retido enquanto silenciado até { $time }
why-reason-muted-dropped = descartado enquanto silenciado (modo de silêncio drop)
why-reason-token-muted = token silenciado
why-reason-token-muted-until = token silenciado até { $time }
why-reason-rate-cap = retido pelo limite por hora
why-reason-rate-cap-until = retido pelo limite por hora até { $time }
why-reason-inhibited = inibido por { $kind }
why-reason-stronger = um alerta mais forte
why-reason-below-minstrength = abaixo de minstrength
why-reason-dedup = já enviado (duplicado)
why-alerts-none = Alertas de preço de { $symbol } aqui: nenhum (ex.: /alert { $symbol } above 210)
why-alerts-head = Alertas de preço de { $symbol } aqui ({ $count }):
why-alerts-fired = { $repeat }, disparou pela última vez há { $ago }
why-alerts-holds = vale agora
why-alerts-not-holds = não vale agora
why-alerts-edge = Um alerta que vale agora dispara na próxima vez que voltar a valer (depois de deixar de valer).
part-no-data = ainda sem dados
part-move = { $pct } desde { $from }
part-near-none = { $side ->
    [support] nenhum suporte forte a menos de { $pct }
   *[resistance] nenhuma resistência forte a menos de { $pct }
}
part-near = { $side ->
    [support] suporte { $price }, a { $pct }
   *[resistance] resistência { $price }, a { $pct }
}

## /alert, /alerts
pricealert-unavailable = Os alertas de preço não estão disponíveis neste bot.
pricealert-once = uma vez
pricealert-every = toda vez
pricealert-unknown = Ainda não conhecido para { $symbol }: { $parts }. Os dados são buscados a partir da próxima atualização; o alerta espera por eles.
pricealert-already = { $side ->
    [above] { $symbol } já está acima de { $price }: o alerta dispara quando o preço cruzá-lo de novo.
   *[below] { $symbol } já está abaixo de { $price }: o alerta dispara quando o preço cruzá-lo de novo.
}
pricealert-holds = A condição já vale: o alerta dispara na próxima vez que ela voltar a valer.
pricealert-limit = { $place ->
    [dm] Você tem { $count } alertas de preço; o limite é { $max }.
    [topic] Este tópico tem { $count } alertas de preço; o limite é { $max }.
    [group] Este grupo tem { $count } alertas de preço; o limite é { $max }.
   *[channel] Este canal tem { $count } alertas de preço; o limite é { $max }.
}
pricealert-limit-hint = Apague um primeiro: /alerts mostra os ids e /alert delete <id> remove um.
pricealert-set = { $place ->
    [dm] Alerta { $id } criado para você: { $alert }.
    [topic] Alerta { $id } criado para este tópico: { $alert }.
    [group] Alerta { $id } criado para este grupo: { $alert }.
   *[channel] Alerta { $id } criado para este canal: { $alert }.
}
pricealert-price-now = Preço agora: { $price }.
pricealert-every-cooldown = Dispara no máximo uma vez por intervalo (veja /settings cooldown).
pricealert-near-strength = "near" considera níveis de força { $min } ou mais (o minstrength daqui agora; o alerta o mantém).
pricealert-remove = Remova com /alert delete { $id }.
pricealert-delete-id = Informe o id do alerta a apagar (6 letras e dígitos, veja /alerts).
pricealert-delete-unknown = { $place ->
    [dm] Você não tem o alerta de preço { $id }. Veja os ids com /alerts.
    [topic] Este tópico não tem o alerta de preço { $id }. Veja os ids com /alerts.
    [group] Este grupo não tem o alerta de preço { $id }. Veja os ids com /alerts.
   *[channel] Este canal não tem o alerta de preço { $id }. Veja os ids com /alerts.
}
pricealert-deleted = Alerta de preço { $id } apagado.
pricealert-list-none = { $place ->
    [dm] Você não tem alertas de preço.
    [topic] Este tópico não tem alertas de preço.
    [group] Este grupo não tem alertas de preço.
   *[channel] Este canal não tem alertas de preço.
}
pricealert-list-hint = Crie um com /alert SOL above 210 ou /alert SOL move 5% 1h.
pricealert-list-delete = Apague um com /alert delete <id>.
pricealert-list-title = { $place ->
    [dm] Seus alertas de preço ({ $count })
    [topic] Alertas de preço deste tópico ({ $count })
    [group] Alertas de preço deste grupo ({ $count })
   *[channel] Alertas de preço deste canal ({ $count })
}
pricealert-say-what = Diga o que vigiar, ex.: above 210 ou move 5% 1h.

## Erros das condições (as palavras-chave dos exemplos são digitadas em inglês)
cond-price-positive = Um preço deve ser maior que zero.
cond-not-price = "{ $text }" não é um preço. Use, por exemplo, 210 ou 0.0012.
cond-price-too-large = Esse preço é grande demais.
cond-not-pct = "{ $text }" não é uma porcentagem. Use, por exemplo, 5%.
cond-move-range = Um movimento deve ficar entre { $min } e { $max }.
cond-window-seconds = A janela deve ter pelo menos 1 minuto (ex.: 5m, 1h, 1d).
cond-window-min = A janela deve ter pelo menos 1 minuto.
cond-window-range = Escolha uma janela entre { $min } e { $max }.
cond-not-window = "{ $text }" não é uma janela. Use, por exemplo, 30m, 2h, 1d ou 1w.
cond-usage-hint = Use, por exemplo, above 210, below 180, move 5% 1h, near support 2%, signal bullish, hourly bearish, grade >= 70 ou sharpe >= 1, até 3 unidas por "and", e depois once (padrão) ou every.
cond-one-price = Informe um único preço, ex.: { $example }.
cond-move-args = Informe uma porcentagem e uma janela, ex.: move 5% 1h.
cond-near-side = Escreva near support ou near resistance, opcionalmente com uma distância: near support 2%.
cond-near-range = A distância deve ser uma porcentagem acima de 0 e de no máximo { $max }, ex.: 2%.
cond-signal-value = Escreva { $bullish } ou { $bearish }.
cond-compare-op = Compare com >= ou <=, ex.: { $example }.
cond-not-number = "{ $text }" não é um número. Use, por exemplo, { $example }.
cond-grade-range = A nota TM vai de 0 a 100.
cond-sharpe-range = Um índice de Sharpe tão grande nunca ocorre; use, por exemplo, sharpe >= 1.5.
cond-say-what = Diga o que vigiar.
cond-not-condition = "{ $text }" não é uma condição.
cond-too-many-parts = No máximo { $max } partes podem ser unidas por "and".
cond-part-empty = vazia
cond-part-error = Parte { $n } ({ $said }): { $error }
cond-never = { $parts } nunca podem valer ao mesmo tempo: o alerta nunca dispararia.

## /backtest
backtest-period = Escolha 7d ou 30d: o histórico de preços guarda 30 dias.
backtest-na = n/d
backtest-firing = { $time } a { $price } · 1 h depois { $after1h } · 24 h depois { $after24h }
backtest-after-none = Depois de { $label }: ainda não há preço tão posterior a nenhum disparo.
backtest-after = Depois de { $label }: média { $mean }, subiu em { $up } de { $n } (amostra { $n })
backtest-replayed = Reproduzidos { $count } pontos de preço de { $symbol } de { $from } a { $to } (por hora antes das últimas 24 h, por minuto depois).
backtest-skipped = Não reproduzido: { $skipped }. O tokenwatch guarda só a última nota TM e o último Sharpe, e os sinais só como as viradas que alertou, então isto conta só as outras partes.
backtest-skipped-rest = Não reproduzido: { $skipped }. O tokenwatch guarda só a última nota TM e o último Sharpe, e os sinais só como as viradas que alertou, então isto conta só as outras partes ({ $replayed }).
backtest-levels-now = as partes near são avaliadas com os níveis fortes de hoje.
backtest-never = Não teria disparado.
backtest-fired = { $count ->
    [one] Teria disparado { $count } vez:
   *[other] Teria disparado { $count } vezes:
}
backtest-earlier = … e { $count } anteriores.
backtest-signal-flips = { $timeframe ->
    [daily] { $count ->
        [one] O sinal diário é reproduzido a partir de { $count } virada guardada no período.
       *[other] O sinal diário é reproduzido a partir de { $count } viradas guardadas no período.
    }
   *[hourly] { $count ->
        [one] O sinal por hora é reproduzido a partir de { $count } virada guardada no período.
       *[other] O sinal por hora é reproduzido a partir de { $count } viradas guardadas no período.
    }
}
backtest-signal-today = { $timeframe ->
    [daily] O sinal diário: nenhuma virada guardada no período, então vale o de hoje ({ $signal }) o tempo todo.
   *[hourly] O sinal por hora: nenhuma virada guardada no período, então vale o de hoje ({ $signal }) o tempo todo.
}
backtest-unavailable = Os backtests não estão disponíveis neste bot.
backtest-title = Backtest: { $symbol } { $condition }, últimos { $period }
backtest-not-replayable = Nada em { $condition } pode ser reproduzido: o tokenwatch guarda só a última nota TM e o último Sharpe, e os sinais de um token só como as viradas que alertou.
backtest-add-price = Adicione uma parte de preço, ex.: above 210 and signal bullish.
backtest-no-history = Ainda não há histórico de preços de { $symbol } para esse período: o tokenwatch registra os preços dos tokens que alguém acompanha ou tem em um alerta.
backtest-no-history-hint = Acompanhe-o (/subscribe { $symbol }) ou crie um alerta, e tente de novo mais tarde.
backtest-created-none = Nenhum alerta foi criado. Para criá-lo: /alert { $symbol } { $condition }
backtest-which-token = Qual token? Por exemplo: /backtest SOL above 210
backtest-say-what = Diga o que testar, ex.: above 210 ou move 5% 1h.
