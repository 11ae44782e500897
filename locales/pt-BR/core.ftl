# Textos dos comandos principais (commands/). As palavras-chave digitadas (on, off, hold, drop, none,
# auto, all), os nomes dos comandos e os exemplos continuam em inglês.

## Destinos
target-you = você
target-group = este grupo
target-topic = este tópico
target-channel = este canal
target-admins-add = Só os administradores do grupo podem adicionar alertas a este grupo.
target-subscribe-privately = Para receber você mesmo os alertas de { $symbol }, inscreva-se em um chat privado comigo: toque no botão abaixo.
target-admins-settings = Só os administradores do grupo podem alterar as configurações de alertas deste grupo.
target-admins-alerts = Só os administradores do grupo podem alterar os alertas de preço deste grupo.
target-admins-subscriptions = Só os administradores do grupo podem alterar as inscrições deste grupo.
target-use-private = Para gerenciar seus próprios alertas, me envie este comando em um chat privado.
target-channel-only = Os comandos /channel só funcionam em um canal de servidor.
target-moderators-only = Só moderadores (Gerenciar canais ou Gerenciar servidor) podem configurar os alertas de um canal.
target-no-other-channels = Não consigo verificar outros canais aqui.
target-channel-refused = Não posso usar esse canal: { $reason }
target-other-server = Esse canal não está neste servidor.

## Linhas de uso
usage-line = Uso: { $usage }

## Tokens
token-unknown = Não conheço o token { $symbol }. Confira o símbolo, ou experimente /levels BTC para ver como funciona.

## Argumentos
parse-symbol-too-long = { $length ->
    [one] Esse símbolo é longo demais ({ $length } caractere).
   *[other] Esse símbolo é longo demais ({ $length } caracteres).
}
parse-symbol-invalid-shown = "{ $input }" não é um símbolo de token. Use letras e dígitos, como SOL ou BTC.
parse-symbol-invalid = Isso não é um símbolo de token. Use letras e dígitos, como SOL ou BTC.
parse-type-unknown = Tipo de alerta desconhecido: "{ $input }". Use { $types } ou all.
parse-duration-invalid = "{ $input }" não é uma duração. Use, por exemplo, 30m, 2h, 1d ou 1w.
parse-duration-range = Escolha uma duração entre { $min } e { $max }.
parse-quiet-format = Informe o horário de silêncio assim: 22:00-07:00 Europe/Berlin, ou off.
parse-quiet-same = O horário de silêncio precisa começar e terminar em horários diferentes.
parse-timezone-unknown = Fuso horário desconhecido: "{ $input }". Use um nome IANA como Europe/Berlin ou UTC.
parse-not-number = "{ $input }" não é um número.
parse-whole-between = Use um número inteiro entre { $min } e { $max }.
parse-between = Use um valor entre { $min } e { $max }.
parse-arg-not-integer = { $name } precisa ser um número inteiro, não "{ $input }".
parse-arg-not-number = { $name } precisa ser um número, não "{ $input }".
parse-arg-yes-no = { $name } precisa ser yes ou no.
parse-too-many = Argumentos demais.

## Execução dos comandos
run-missing = Falta { $name }.
run-too-long = { $name } é longo demais ({ $length } caracteres, no máximo { $max }).
run-not-choice = { $name } "{ $input }" não é uma destas opções: { $choices }.
run-not-number = { $name } precisa ser um número.
run-not-integer = { $name } precisa ser um número inteiro.
run-range = { $name } precisa estar entre { $min } e { $max }.
run-not-boolean = { $name } precisa ser true ou false.
run-not-here = /{ $command } não está disponível aqui.
run-moderators-only = Só moderadores podem usar este comando, em um canal de servidor.
run-needs-subcommand = /{ $command } precisa de um subcomando.
run-paused-dms-closed = Seus alertas foram pausados porque não consegui te enviar mensagens diretas (parece que elas estão fechadas). Usar um comando os reativou.
run-paused-blocked = Seus alertas foram pausados porque o bot foi bloqueado. Usar um comando os reativou.
run-paused-not-found = Seus alertas foram pausados porque o chat não foi encontrado. Usar um comando os reativou.
run-paused-undelivered = Seus alertas foram pausados porque não puderam ser entregues. Usar um comando os reativou.

## Limite de comandos
limit-too-fast = Você está enviando comandos rápido demais (mais de { $max } em { $window }).
limit-try-again = Tente de novo em { $wait }.
limit-seconds = { $count ->
    [one] { $count } segundo
   *[other] { $count } segundos
}
limit-minutes = { $count ->
    [one] { $count } minuto
   *[other] { $count } minutos
}

## Configurações
settings-hint-proximity = porcentagem do preço, de 0.1 a 20 (ex.: 1.5)
settings-hint-sharpe = um número de -10 a 10 (ex.: 1)
settings-hint-cooldown = uma duração de 1m a 7d (ex.: 30m, 2h)
settings-hint-maxperhour = um número inteiro de 1 a 120
settings-hint-minstrength = força do nível, de 0 a 100
settings-hint-quiet = HH:MM-HH:MM e um fuso horário (ex.: 22:00-07:00 Europe/Berlin), ou off
settings-hint-mute = uma duração de até 30d (ex.: 2h, 1d), ou off
settings-hint-mutemode = hold (entregar depois do silêncio) ou drop (descartar)
settings-hint-charts = on (um gráfico com os alertas de nível) ou off
settings-hint-pingon = quais alertas mencionam o cargo de um canal (Discord): { $kinds }, all ou none
settings-hint-language = { $languages }, ou auto (o idioma da plataforma)
settings-muted-until = até { $time } (faltam { $left })
settings-not-hold-drop = "{ $input }" não é hold nem drop.
settings-not-on-off = "{ $input }" não é on nem off.
settings-not-ping-kind = "{ $input }" não é um tipo de alerta para mencionar. Use { $kinds }, all ou none.
settings-not-language = "{ $input }" não é um idioma que eu falo. Use { $languages } ou auto.
settings-source-default = padrão
settings-source-yours = seu
settings-source-group = este grupo
settings-source-topic = este tópico
settings-source-channel = este canal
settings-source-group-default = padrão do grupo
settings-source-server-default = padrão do servidor
settings-footer = Alterar uma: /settings proximity 1.5 · desfazer uma: /settings proximity reset
settings-title = { $who ->
    [you] Suas configurações
    [group] Configurações deste grupo
    [topic] Configurações deste tópico
    [channel] Configurações deste canal
   *[server] Configurações deste servidor (padrão para os canais dele)
}
settings-reset-all = { $who ->
    [you] Todas as suas configurações voltaram aos valores herdados.
    [group] Todas as configurações deste grupo voltaram aos valores herdados.
    [topic] Todas as configurações deste tópico voltaram aos valores herdados.
    [channel] Todas as configurações deste canal voltaram aos valores herdados.
   *[server] Todas as configurações deste servidor (padrão para os canais dele) voltaram aos valores herdados.
}
settings-reset-one = { $who ->
    [you] { $key } redefinido para você.
    [group] { $key } redefinido para este grupo.
    [topic] { $key } redefinido para este tópico.
    [channel] { $key } redefinido para este canal.
   *[server] { $key } redefinido para este servidor (padrão para os canais dele).
}
settings-saved = { $who ->
    [you] Salvo para você.
    [group] Salvo para este grupo.
    [topic] Salvo para este tópico.
    [channel] Salvo para este canal.
   *[server] Salvo para este servidor (padrão para os canais dele).
}
settings-which = Qual configuração?
settings-unknown-key = Não existe a configuração "{ $input }". Configurações: { $keys }.
settings-accepted = Valores aceitos: { $hint }.
settings-parse-error = { $error } ({ $key }: { $hint })
settings-no-scope = Nenhum escopo de configurações.

## /channel
channel-list-empty = Nenhum canal deste servidor recebe alertas ainda.
channel-list-start = Comece com /channel subscribe SOL.
channel-list-heading = Canal { $channel }:
channel-list-title = Inscrições dos canais
channel-scope = O escopo é channel ou server.
channel-no-server = Este canal não tem servidor.

## Inscrições
subscribe-cap = { $who ->
    [you] Você já acompanha { $count } tokens; o limite é { $max }.
    [group] Este grupo já acompanha { $count } tokens; o limite é { $max }.
    [topic] Este tópico já acompanha { $count } tokens; o limite é { $max }.
   *[channel] Este canal já acompanha { $count } tokens; o limite é { $max }.
}
subscribe-cap-hint = Cancele a inscrição em um primeiro, ex.: /unsubscribe BTC.
subscribe-parent-cap = { $where ->
    [group] Este grupo já acompanha { $count } tokens no total; o limite é { $max }.
   *[server] Os canais deste servidor já acompanham { $count } tokens no total; o limite é { $max }.
}
subscribe-parent-hint = Remova um primeiro, ex.: { $command } BTC.
subscribe-covers = { $who ->
    [you] Seus alertas de { $symbol } agora cobrem: { $types }.
    [group] Os alertas de { $symbol } deste grupo agora cobrem: { $types }.
    [topic] Os alertas de { $symbol } deste tópico agora cobrem: { $types }.
   *[channel] Os alertas de { $symbol } deste canal agora cobrem: { $types }.
}
subscribe-done = { $who ->
    [you] Você se inscreveu em { $symbol }{ $name }: { $types }.
    [group] Este grupo foi inscrito em { $symbol }{ $name }: { $types }.
    [topic] Este tópico foi inscrito em { $symbol }{ $name }: { $types }.
   *[channel] Este canal foi inscrito em { $symbol }{ $name }: { $types }.
}
subscribe-discord-dms = Os alertas chegam por mensagem direta: mantenha ativada a opção "Permitir mensagens diretas de membros do servidor".
subscribe-removed-all = { $who ->
    [you] Suas { $count } inscrições foram removidas.
    [group] As { $count } inscrições deste grupo foram removidas.
    [topic] As { $count } inscrições deste tópico foram removidas.
   *[channel] As { $count } inscrições deste canal foram removidas.
}
subscribe-had-none = { $who ->
    [you] Você não tinha inscrições.
    [group] Este grupo não tinha inscrições.
    [topic] Este tópico não tinha inscrições.
   *[channel] Este canal não tinha inscrições.
}
subscribe-not-subscribed = { $who ->
    [you] Você não está inscrito em { $symbol }.
    [group] Este grupo não está inscrito em { $symbol }.
    [topic] Este tópico não está inscrito em { $symbol }.
   *[channel] Este canal não está inscrito em { $symbol }.
}
subscribe-unsubscribed = { $who ->
    [you] Você cancelou a inscrição em { $symbol }.
    [group] Este grupo não está mais inscrito em { $symbol }.
    [topic] Este tópico não está mais inscrito em { $symbol }.
   *[channel] Este canal não está mais inscrito em { $symbol }.
}
subscribe-stopped = Os alertas { $types } de { $symbol } foram interrompidos. Continuam ativos: { $left }.
subscribe-none-yet = { $who ->
    [you] Você ainda não tem inscrições.
    [group] Este grupo ainda não tem inscrições.
    [topic] Este tópico ainda não tem inscrições.
   *[channel] Este canal ainda não tem inscrições.
}
subscribe-start-with = Comece com /subscribe BTC.
subscribe-list-title = { $who ->
    [you] Suas inscrições ({ $count }/{ $max })
    [group] Inscrições deste grupo ({ $count }/{ $max })
    [topic] Inscrições deste tópico ({ $count }/{ $max })
   *[channel] Inscrições deste canal ({ $count }/{ $max })
}

## Menções de cargos
ping-not-role = Esse não é um cargo deste servidor.
ping-discord-only = Menções de cargos só funcionam no Discord.
ping-refused = Não posso mencionar esse cargo: { $reason }
ping-nothing-changed = Nada foi alterado.
ping-line = Menciona @{ $role } em { $kinds }. Altere quais alertas mencionam com /channel settings pingon.
ping-line-none = Ainda não menciona @{ $role } em nenhum alerta (pingon é none). Altere quais alertas mencionam com /channel settings pingon.

## Botões dos alertas
action-invalid = Esse botão não é mais válido.
action-moderators-only = Só moderadores podem alterar os alertas aqui.
action-token-id = token { $id }
action-muted = Alertas de { $symbol } silenciados por { $duration } (até { $time }).
action-already-unsubscribed = Você já não estava inscrito em { $symbol }.
action-unsubscribed = Inscrição em { $symbol } cancelada.
action-undo = Desfazer: /subscribe { $symbol }

## /help e /start
help-intro = O tokenwatch envia alertas da Token Metrics: viradas do sinal de trading, níveis de suporte e resistência, cruzamentos do índice de Sharpe e mudanças de nota.
help-group-admin = Como administrador do grupo, /subscribe, /unsubscribe, /settings, /mute e /quiet em um grupo alteram os alertas do grupo.
help-details = Detalhes: /help <comando>, ex.: /help settings
help-title = Ajuda do tokenwatch
help-unknown = Não tenho nenhum comando com esse nome aqui.
help-send-help = Envie /help para ver a lista.
help-optional = { $name } (opcional)
help-keys = Configurações:
start-welcome = Boas-vindas ao tokenwatch!
start-see-help = Veja /help para todo o resto.
