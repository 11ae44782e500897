# Textos das plataformas (helper menus): recusas e avisos de botões no Telegram (tg-), respostas de
# interações do Discord, verificações de canal e cargo, e o aviso aos moderadores (discord-).

## Telegram
tg-unknown-command = Não conheço { $command }.
tg-send-help = Envie /help para ver a lista.
tg-command-too-long = { $count ->
    [one] Esse comando é longo demais ({ $count } caractere). Envie /help para ver como usar.
   *[other] Esse comando é longo demais ({ $count } caracteres). Envie /help para ver como usar.
}
tg-picture-failed = Não foi possível enviar a imagem agora.
tg-toast-done = Pronto.
tg-button-gone = Este botão não funciona mais aqui.
tg-toast-failed = Algo deu errado. Tente de novo.

## Discord interactions
discord-moderators-only = Só moderadores
discord-moderators-only-why = Você precisa da permissão Gerenciar canais ou Gerenciar servidor para isso.
discord-unknown-command = Comando desconhecido. Tente /help.
discord-failed = Algo deu errado. Tente de novo em um minuto.
discord-not-this-channel = Não neste canal

## Discord channel and role checks (/channel subscribe)
discord-channel-invalid = Isso não é um canal deste servidor.
discord-not-in-server = Não estou mais neste servidor. Convide-me de novo.
discord-channel-other-server = Esse canal é de outro servidor. Escolha um canal deste servidor.
discord-channel-not-found = Não encontro esse canal neste servidor, ou não consigo vê-lo.
discord-channel-not-postable = Os alertas só podem ir para um canal de texto ou de anúncios.
discord-channel-missing-permissions = Não consigo publicar nesse canal. Dê-me { $permissions } lá e tente de novo.
discord-perm-view-channel = Ver canal
discord-perm-send-messages = Enviar mensagens
discord-perm-embed-links = Inserir links
discord-role-everyone = os alertas nunca mencionam @everyone. Escolha um cargo em que os membros entram por opção.
discord-role-not-here = esse cargo não é deste servidor.
discord-role-not-mentionable = { $role } não pode ser mencionado e me falta a permissão "Mencionar @everyone, @here e todos os cargos". Permita que qualquer pessoa mencione o cargo (Configurações do servidor → Cargos) ou me dê essa permissão, e tente de novo.

## Discord: moderators told that a channel stopped getting alerts
discord-deactivated = ⚠️ O tokenwatch parou de publicar alertas em { $channel }: { $why }. Um moderador pode corrigir isso e executar { $command } lá de novo.
discord-deactivated-permissions = me falta permissão para publicar lá. Dê-me Ver canal, Enviar mensagens e Inserir links nesse canal
discord-deactivated-not-found = o canal não existe mais (ou não consigo mais vê-lo)
