# Recursos de comunidade: /watchlist, o resumo diário (/brief), o cartão, respostas do /export,
# webhooks e o aviso de tópico fechado. $place: you, topic, group, channel.
# Ficam em inglês: os cabeçalhos e valores do CSV e o JSON dos webhooks (contratos para máquinas).

## /watchlist: a tabela

watchlist-col-token = Token
watchlist-col-price = Preço
watchlist-col-source = Fonte
watchlist-col-24h = 24h
watchlist-col-signal = Sinal diário
watchlist-col-grade = Nota
watchlist-col-support = Suporte
watchlist-col-resistance = Resistência
watchlist-col-sharpe = Sharpe
watchlist-signal-bull = alta
watchlist-signal-bear = baixa
watchlist-signal-flat = neutro
watchlist-age-s = { $n }s
watchlist-age-m = { $n }min
watchlist-age-h = { $n }h
watchlist-age-d = { $n }d

## /watchlist: a nota de rodapé

watchlist-field-price = preço
watchlist-field-24h = variação 24h
watchlist-field-signal = sinal diário
watchlist-field-grade = nota
watchlist-field-support = suporte
watchlist-field-resistance = resistência
watchlist-field-sharpe = Sharpe
watchlist-note-plan = fora deste plano da API: { $fields }
watchlist-note-no-data = ainda sem dados: { $items }
watchlist-note-stale = desatualizado: { $items }
watchlist-note-stale-item = { $symbol } { $field } de { $age } atrás
watchlist-note-all = { $symbol } (tudo)

## /watchlist: respostas

watchlist-title = { $place ->
    [topic] Lista de observação deste tópico
    [group] Lista de observação deste grupo
    [channel] Lista de observação deste canal
   *[you] Sua lista de observação
} ({ $count ->
    [one] { $count } token
   *[other] { $count } tokens
})
watchlist-unavailable = A lista de observação não está disponível neste bot.
watchlist-channel-empty-own = Este canal não segue nada; aqui está a sua própria lista.
watchlist-empty = { $place ->
    [topic] Este tópico ainda não segue nada.
    [group] Este grupo ainda não segue nada.
    [channel] Este canal ainda não segue nada.
   *[you] Você ainda não segue nada.
}
watchlist-empty-start-own = Comece com /subscribe SOL.
watchlist-empty-start-place = Um administrador ou moderador pode começar com /subscribe SOL (ou /channel subscribe SOL).

## O cartão (PNG)

card-title = Observação · { $time } UTC
card-days = 7 dias
card-support = suporte
card-resistance = resistência
card-empty = Nada é seguido aqui ainda
card-alt = { $title }: preços e linhas de 7 dias

## O resumo diário

brief-title = Resumo diário · { $date } { $time } { $zone }
brief-unavailable = Os resumos diários não estão disponíveis neste bot.
brief-none = { $place ->
    [topic] Este tópico não tem resumo diário.
    [group] Este grupo não tem resumo diário.
    [channel] Este canal não tem resumo diário.
   *[you] Você não tem resumo diário.
}
brief-set-one = Configure um: { $example }
brief-daily = { $place ->
    [topic] Resumo diário deste tópico
    [group] Resumo diário deste grupo
    [channel] Resumo diário deste canal
   *[you] Seu resumo diário
}: todos os dias às { $time } { $zone }.
brief-explain = Ele publica a lista de observação (/watchlist); o silenciamento e o horário de silêncio o seguram como qualquer alerta. Pare com off.
brief-stopped = { $place ->
    [topic] O resumo diário deste tópico foi interrompido.
    [group] O resumo diário deste grupo foi interrompido.
    [channel] O resumo diário deste canal foi interrompido.
   *[you] Seu resumo diário foi interrompido.
}
brief-had-none = { $place ->
    [topic] Este tópico não tem resumo diário.
    [group] Este grupo não tem resumo diário.
    [channel] Este canal não tem resumo diário.
   *[you] Você não tem resumo diário.
}
brief-bad-time = "{ $input }" não é um horário. Use HH:MM de 00:00 a 23:59, ex.: 08:00.
brief-bad-zone = Fuso horário desconhecido "{ $input }". Use um nome IANA como Europe/Berlin, America/New_York ou UTC.
brief-will-list = Ele vai listar { $count ->
    [one] o { $count } token seguido aqui
   *[other] os { $count } tokens seguidos aqui
}, como o /watchlist.
brief-nothing-followed = Nada é seguido aqui ainda: assine um token primeiro, senão o resumo não terá nada para mostrar.

## /export (o CSV fica em inglês)

export-unavailable = As exportações não estão disponíveis neste bot.
export-admins-only = Só os administradores do grupo podem exportar os alertas deste grupo.
export-own-in-dm = Para os seus próprios alertas, me envie /export em um chat privado.
export-bad-window = O período é 7d, 30d ou 90d.
export-none = { $place ->
    [topic] Nenhum alerta foi entregue a este tópico
    [group] Nenhum alerta foi entregue a este grupo
    [channel] Nenhum alerta foi entregue a este canal
   *[you] Nenhum alerta foi entregue a você
} nos últimos { $window }.
export-title = Exportação de alertas, últimos { $window }
export-count = { $count ->
    [one] { $count } alerta entregue
   *[other] { $count } alertas entregues
} { $place ->
    [topic] a este tópico
    [group] a este grupo
    [channel] a este canal
   *[you] a você
}, horários em UTC.
export-count-capped = { $count ->
    [one] { $count } alerta entregue
   *[other] { $count } alertas entregues
} { $place ->
    [topic] a este tópico
    [group] a este grupo
    [channel] a este canal
   *[you] a você
} (os primeiros { $max }), horários em UTC.
export-columns = Colunas (em inglês): { $columns }.

## Webhooks (o JSON fica em inglês)

webhook-unavailable = Os webhooks não estão disponíveis neste bot.
webhook-url-unreadable = (URL ilegível)
webhook-dm-only = Os webhooks são configurados em um chat privado comigo: a resposta mostra um segredo de assinatura.
webhook-dm-only-hint = Me envie /webhook lá.
webhook-add-give-url = Informe a URL https:// que deve receber os alertas.
webhook-add-nothing = Nada foi adicionado.
webhook-limit = { $place ->
    [topic] Este tópico já tem
    [group] Este grupo já tem
    [channel] Este canal já tem
   *[you] Você já tem
} { $count } webhooks, o máximo permitido.
webhook-limit-hint = Remova um primeiro com /webhook remove <id>.
webhook-added = Webhook { $id } adicionado: { $url }
webhook-secret = Segredo de assinatura (mostrado só agora, guarde-o bem): { $secret }
webhook-added-every-alert = { $place ->
    [topic] Cada alerta que este tópico recebe
    [group] Cada alerta que este grupo recebe
    [channel] Cada alerta que este canal recebe
   *[you] Cada alerta que você recebe
} também é enviado para lá via POST como JSON, assinado conforme o Standard Webhooks.
webhook-try = Teste: /webhook test { $id }
webhook-docs = Como verificar a assinatura: docs/traders.md (Standard Webhooks).
webhook-added-title = Webhook adicionado
webhook-none = { $place ->
    [topic] Este tópico ainda não tem webhooks.
    [group] Este grupo ainda não tem webhooks.
    [channel] Este canal ainda não tem webhooks.
   *[you] Você ainda não tem webhooks.
}
webhook-none-hint = Adicione um com /webhook add https://…
webhook-list-line = { $id }  { $url }  (adicionado em { $date })
webhook-list-max = No máximo { $max }; /webhook test <id> envia um evento de teste assinado.
webhook-list-title = Webhooks
webhook-give-id = Informe um id de webhook como wh1a2b3c4d (veja /webhooks).
webhook-no-such = Não há nenhum webhook { $id } aqui. Veja /webhooks.
webhook-test-sent = Evento de teste { $id } enviado para { $hook }. { $answer }
webhook-test-title = Teste de webhook
webhook-test-failed = O evento de teste para { $hook } não foi entregue. { $answer }
webhook-test-failed-hint = O webhook continua; corrija o receptor e teste de novo.
webhook-removed = Webhook { $id } removido.
webhook-gone-here = Não há nenhum webhook { $id } aqui.
webhook-say-action = Diga add, list, test ou remove.
webhook-post-failed = A requisição falhou ({ $error }).
webhook-post-answered = O receptor respondeu { $status }.
webhook-post-redirect = O receptor respondeu com um redirecionamento ({ $status }); os webhooks não seguem redirecionamentos.
webhook-refused-not-url = Isso não é uma URL (no máximo { $max } caracteres).
webhook-refused-https = As URLs de webhook devem começar com https://.
webhook-refused-credentials = As URLs de webhook não podem conter nome de usuário nem senha.
webhook-refused-unresolved = Não consegui resolver { $host }.
webhook-refused-private = { $host } aponta para um endereço não público ({ $range }); os webhooks só vão para hosts públicos da internet.
webhook-removed-410 = Seu webhook { $id } respondeu 410 Gone, então eu o removi. Adicione de novo com /webhook add se foi um engano.

## Tópico do fórum do Telegram excluído ou fechado: aviso único no General

topic-gone = Não consegui publicar no tópico do fórum #{ $thread }: ele foi excluído ou fechado. As assinaturas e configurações dele agora publicam aqui no General, e nada se perdeu. Um administrador pode levar um token de volta enviando /subscribe dentro de um tópico aberto (e /unsubscribe aqui).
topic-gone-unknown = Não consegui publicar em um tópico do fórum: ele foi excluído ou fechado. As assinaturas e configurações dele agora publicam aqui no General, e nada se perdeu. Um administrador pode levar um token de volta enviando /subscribe dentro de um tópico aberto (e /unsubscribe aqui).
