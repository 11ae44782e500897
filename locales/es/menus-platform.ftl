# Textos de las plataformas (helper menus): rechazos y avisos de botones en Telegram (tg-), respuestas
# de interacciones de Discord, comprobaciones de canal y rol, y el aviso a moderadores (discord-).

## Telegram
tg-unknown-command = No conozco { $command }.
tg-send-help = Envía /help para ver la lista.
tg-command-too-long = { $count ->
    [one] Ese comando es demasiado largo ({ $count } carácter). Envía /help para ver cómo se usa.
   *[other] Ese comando es demasiado largo ({ $count } caracteres). Envía /help para ver cómo se usa.
}
tg-picture-failed = No se pudo enviar la imagen en este momento.
tg-toast-done = Listo.
tg-button-gone = Este botón ya no funciona aquí.
tg-toast-failed = Algo salió mal. Inténtalo de nuevo.

## Discord interactions
discord-moderators-only = Solo moderadores
discord-moderators-only-why = Necesitas el permiso Gestionar canales o Gestionar servidor para esto.
discord-unknown-command = Comando desconocido. Prueba /help.
discord-failed = Algo salió mal. Inténtalo de nuevo en un minuto.
discord-not-this-channel = No en este canal

## Discord channel and role checks (/channel subscribe)
discord-channel-invalid = Ese no es un canal de este servidor.
discord-not-in-server = Ya no estoy en este servidor. Invítame de nuevo.
discord-channel-other-server = Ese canal pertenece a otro servidor. Elige un canal de este servidor.
discord-channel-not-found = No encuentro ese canal en este servidor, o no puedo verlo.
discord-channel-not-postable = Las alertas solo pueden ir a un canal de texto o de anuncios.
discord-channel-missing-permissions = No puedo publicar en ese canal. Dame { $permissions } allí y vuelve a intentarlo.
discord-perm-view-channel = Ver canal
discord-perm-send-messages = Enviar mensajes
discord-perm-embed-links = Insertar enlaces
discord-role-everyone = las alertas nunca mencionan a @everyone. Elige un rol al que los miembros se unan por voluntad propia.
discord-role-not-here = ese rol no es de este servidor.
discord-role-not-mentionable = { $role } no se puede mencionar y me falta el permiso "Mencionar @everyone, @here y todos los roles". Permite que cualquiera mencione el rol (Ajustes del servidor → Roles) o dame ese permiso, y vuelve a intentarlo.

## Discord: moderators told that a channel stopped getting alerts
discord-deactivated = ⚠️ tokenwatch dejó de publicar alertas en { $channel }: { $why }. Un moderador puede solucionarlo y volver a ejecutar { $command } allí.
discord-deactivated-permissions = me falta permiso para publicar allí. Dame Ver canal, Enviar mensajes e Insertar enlaces en ese canal
discord-deactivated-not-found = el canal ya no existe (o ya no puedo verlo)
