# Menus de comandos: descrições (cmd-, opt-), nomes no Discord (cmdname-, optname-) e escolhas (choice-).
# Tradução de locales/en/menus.ftl (gerado). Nomes do Discord: 1-32 caracteres, minúsculas, sem espaços.
# As palavras-chave digitadas (signal, levels, above, off, proximity...) ficam em inglês.

## /start
cmd-start = Boas-vindas e links diretos, como assinar a partir de um grupo
cmdname-start = iniciar
opt-start-payload = Dados do link direto
optname-start-payload = dados

## /help
cmd-help = O que eu faço, ou detalhes de um comando
cmdname-help = ajuda
opt-help-command = Nome de um comando, ex.: subscribe
optname-help-command = comando

## /subscribe
cmd-subscribe = Receba alertas de um token
cmdname-subscribe = assinar
opt-subscribe-symbol = Símbolo do token, ex.: SOL
optname-subscribe-symbol = símbolo
opt-subscribe-types = Tipos: signal, hourly, levels, risk, grade ou all (padrão: todos menos hourly)
optname-subscribe-types = tipos

## /unsubscribe
cmd-unsubscribe = Pare os alertas de um token (ou alguns tipos dele)
cmdname-unsubscribe = cancelar-assinatura
opt-unsubscribe-symbol = Símbolo do token, ou all
optname-unsubscribe-symbol = símbolo
opt-unsubscribe-types = Tipos: signal, hourly, levels, risk, grade ou all (padrão: todos menos hourly)
optname-unsubscribe-types = tipos

## /subscriptions
cmd-subscriptions = Os tokens dos quais você recebe alertas
cmdname-subscriptions = assinaturas

## /levels
cmd-levels = Níveis fortes de suporte e resistência de um token
cmdname-levels = níveis
opt-levels-symbol = Símbolo do token, ex.: SOL
optname-levels-symbol = símbolo

## /signal
cmd-signal = Sinais de trading, nota e Sharpe de um token
cmdname-signal = sinal
opt-signal-symbol = Símbolo do token, ex.: SOL
optname-signal-symbol = símbolo

## /why
cmd-why = Por que um alerta veio ou não: preço, níveis, sinais, seus alertas, configurações, bloqueios
cmdname-why = por-que
opt-why-symbol = Símbolo do token, ex.: SOL
optname-why-symbol = símbolo

## /stats
cmd-stats = Como os alertas passados se saíram: acertos, movimento mediano, melhor e pior, por tipo
cmdname-stats = estatísticas
opt-stats-symbol = Símbolo do token (padrão: todos)
optname-stats-symbol = símbolo
opt-stats-window = Até quando voltar (padrão 30d)
optname-stats-window = período
choice-stats-window-7d = 7 dias
choice-stats-window-30d = 30 dias
choice-stats-window-90d = 90 dias

## /chart
cmd-chart = Gráfico de preço de um token com seus níveis fortes
cmdname-chart = gráfico
opt-chart-symbol = Símbolo do token, ex.: SOL
optname-chart-symbol = símbolo
opt-chart-range = Período (padrão 7d)
optname-chart-range = intervalo
choice-chart-range-24h = 24 h
choice-chart-range-7d = 7 dias
choice-chart-range-30d = 30 dias

## /alert
cmd-alert = Seu próprio alerta: preço, movimento, nível, sinal, nota ou Sharpe; até 3 unidos por "and"
cmdname-alert = alerta
opt-alert-symbol = Símbolo do token (ou delete)
optname-alert-symbol = símbolo
opt-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, até 3 com "and"; ou delete <id>
optname-alert-condition = condição

## /alerts
cmd-alerts = Seus alertas de preço com os ids
cmdname-alerts = alertas

## /backtest
cmd-backtest = Reaplica uma condição ao histórico de preços: quantas vezes teria disparado e o que veio depois
cmdname-backtest = backtest
opt-backtest-symbol = Símbolo do token, ex.: SOL
optname-backtest-symbol = símbolo
opt-backtest-condition = Qualquer condição do /alert (above 210 and signal bullish), e 7d (padrão) ou 30d
optname-backtest-condition = condição

## /settings
cmd-settings = Ver ou mudar configurações de alertas (limites, intervalo, horário de silêncio, pausa)
cmdname-settings = configurações
opt-settings-key = Configuração a ver ou mudar
optname-settings-key = chave
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
opt-settings-value = Novo valor, ou reset
optname-settings-value = valor

## /mute
cmd-mute = Pausa os alertas por um tempo (ex.: 2h, 1d) ou tira a pausa
cmdname-mute = silenciar
opt-mute-duration = ex.: 30m, 2h, 1d (máx. 30d), ou off
optname-mute-duration = duração

## /quiet
cmd-quiet = Horário de silêncio: os alertas esperam o fim do período
cmdname-quiet = horário-silêncio
opt-quiet-hours = HH:MM-HH:MM e um fuso horário IANA, ou off
optname-quiet-hours = horário

## /channel
cmd-channel = Moderadores: quais canais recebem alertas de quais tokens
cmdname-channel = canal

## /channel subscribe
cmd-channel-subscribe = Publica alertas de um token em um canal
cmdname-channel-subscribe = assinar
opt-channel-subscribe-symbol = Símbolo do token, ex.: SOL
optname-channel-subscribe-symbol = símbolo
opt-channel-subscribe-channel = Canal (padrão: este)
optname-channel-subscribe-channel = canal
opt-channel-subscribe-types = Tipos: signal, hourly, levels, risk, grade ou all (padrão: todos menos hourly)
optname-channel-subscribe-types = tipos
opt-channel-subscribe-ping = Cargo a mencionar nos alertas deste token (quais: /channel settings pingon)
optname-channel-subscribe-ping = menção

## /channel unsubscribe
cmd-channel-unsubscribe = Para os alertas de um token em um canal
cmdname-channel-unsubscribe = cancelar-assinatura
opt-channel-unsubscribe-symbol = Símbolo do token, ou all
optname-channel-unsubscribe-symbol = símbolo
opt-channel-unsubscribe-channel = Canal (padrão: este)
optname-channel-unsubscribe-channel = canal

## /channel list
cmd-channel-list = As assinaturas de canais deste servidor
cmdname-channel-list = lista

## /channel settings
cmd-channel-settings = Ver ou mudar as configurações de alertas de um canal (ou as do servidor)
cmdname-channel-settings = configurações
opt-channel-settings-key = Configuração
optname-channel-settings-key = chave
opt-channel-settings-value = Novo valor, ou reset
optname-channel-settings-value = valor
opt-channel-settings-channel = Canal (padrão: este)
optname-channel-settings-channel = canal
opt-channel-settings-scope = channel (padrão) ou server (o padrão que todo canal herda)
optname-channel-settings-scope = escopo
choice-channel-settings-scope-channel = canal
choice-channel-settings-scope-server = servidor

## /channel alert
cmd-channel-alert = Um alerta de preço publicado em um canal (ou apagar um)
cmdname-channel-alert = alerta
opt-channel-alert-symbol = Símbolo do token (ou delete)
optname-channel-alert-symbol = símbolo
opt-channel-alert-condition = above 210 · move 5% 1h · signal bullish · grade >= 70, até 3 com "and"; ou delete <id>
optname-channel-alert-condition = condição
opt-channel-alert-channel = Canal (padrão: este)
optname-channel-alert-channel = canal

## /channel alerts
cmd-channel-alerts = Os alertas de preço de um canal com os ids
cmdname-channel-alerts = alertas
opt-channel-alerts-channel = Canal (padrão: este)
optname-channel-alerts-channel = canal

## /channel brief
cmd-channel-brief = Resumo diário de um canal em um horário local, ou off
cmdname-channel-brief = resumo
opt-channel-brief-time = Hora local HH:MM (ex.: 08:00), ou off
optname-channel-brief-time = hora
opt-channel-brief-zone = Fuso horário IANA, ex.: Europe/Berlin (padrão UTC)
optname-channel-brief-zone = fuso
opt-channel-brief-channel = Canal (padrão: este)
optname-channel-brief-channel = canal

## /channel webhook
cmd-channel-webhook = Webhooks de um canal: os alertas também vão, assinados, a um endpoint https://
cmdname-channel-webhook = webhook
opt-channel-webhook-action = add, list, test ou remove
optname-channel-webhook-action = ação
choice-channel-webhook-action-add = add
choice-channel-webhook-action-list = list
choice-channel-webhook-action-test = test
choice-channel-webhook-action-remove = remove
opt-channel-webhook-value = add: a URL https://; test/remove: o id do webhook
optname-channel-webhook-value = valor
opt-channel-webhook-channel = Canal (padrão: este)
optname-channel-webhook-channel = canal

## /channel export
cmd-channel-export = Os alertas entregues de um canal em um arquivo CSV
cmdname-channel-export = exportar
opt-channel-export-window = Até quando voltar: 7d, 30d (padrão) ou 90d
optname-channel-export-window = período
choice-channel-export-window-7d = 7 dias
choice-channel-export-window-30d = 30 dias
choice-channel-export-window-90d = 90 dias
opt-channel-export-channel = Canal (padrão: este)
optname-channel-export-channel = canal

## /watchlist
cmd-watchlist = Todos os tokens seguidos aqui: preço, variação 24 h, sinal, nota, níveis, Sharpe
cmdname-watchlist = acompanhamento

## /brief
cmd-brief = Um resumo diário em um horário local (ex.: 08:00 Europe/Berlin), ou off
cmdname-brief = resumo
opt-brief-time = Hora local HH:MM (ex.: 08:00), ou off
optname-brief-time = hora
opt-brief-zone = Fuso horário IANA, ex.: Europe/Berlin (padrão UTC)
optname-brief-zone = fuso

## /webhook
cmd-webhook = Envie também seus alertas, assinados, ao seu próprio endpoint https://
cmdname-webhook = webhook

## /webhook add
cmd-webhook-add = Adiciona um webhook (no máximo 3); a resposta mostra o segredo de assinatura uma vez
cmdname-webhook-add = adicionar
opt-webhook-add-url = Endereço https:// que recebe seus alertas como JSON assinado
optname-webhook-add-url = url

## /webhook test
cmd-webhook-test = Envia um evento de teste assinado a um webhook
cmdname-webhook-test = testar
opt-webhook-test-id = Id do webhook (veja /webhooks)
optname-webhook-test-id = id

## /webhook remove
cmd-webhook-remove = Remove um webhook
cmdname-webhook-remove = remover
opt-webhook-remove-id = Id do webhook (veja /webhooks)
optname-webhook-remove-id = id

## /webhooks
cmd-webhooks = Seus webhooks
cmdname-webhooks = webhooks

## /export
cmd-export = Seus alertas entregues em um arquivo CSV (hora, token, tipo, preço, nível, resultado, movimento)
cmdname-export = exportar
opt-export-window = Até quando voltar: 7d, 30d (padrão) ou 90d
optname-export-window = período
choice-export-window-7d = 7 dias
choice-export-window-30d = 30 dias
choice-export-window-90d = 90 dias
