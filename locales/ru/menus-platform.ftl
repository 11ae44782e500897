# Тексты платформ (помощник menus): отказы и всплывающие ответы кнопок в Telegram (tg-), ответы на
# взаимодействия в Discord, проверки канала и роли, и уведомление модераторам (discord-).

## Telegram
tg-unknown-command = Я не знаю команду { $command }.
tg-send-help = Отправьте /help, чтобы увидеть список.
tg-command-too-long = { $count ->
    [one] Команда слишком длинная ({ $count } символ). Отправьте /help, чтобы узнать, как ею пользоваться.
    [few] Команда слишком длинная ({ $count } символа). Отправьте /help, чтобы узнать, как ею пользоваться.
    [many] Команда слишком длинная ({ $count } символов). Отправьте /help, чтобы узнать, как ею пользоваться.
   *[other] Команда слишком длинная ({ $count } символа). Отправьте /help, чтобы узнать, как ею пользоваться.
}
tg-picture-failed = Сейчас не удалось отправить изображение.
tg-toast-done = Готово.
tg-button-gone = Эта кнопка здесь больше не работает.
tg-toast-failed = Что-то пошло не так. Попробуйте ещё раз.

## Discord interactions
discord-moderators-only = Только для модераторов
discord-moderators-only-why = Для этого нужно право «Управлять каналами» или «Управлять сервером».
discord-unknown-command = Неизвестная команда. Попробуйте /help.
discord-failed = Что-то пошло не так. Попробуйте ещё раз через минуту.
discord-not-this-channel = Не в этом канале

## Discord channel and role checks (/channel subscribe)
discord-channel-invalid = Это не канал этого сервера.
discord-not-in-server = Меня больше нет на этом сервере. Пригласите меня снова.
discord-channel-other-server = Этот канал принадлежит другому серверу. Выберите канал этого сервера.
discord-channel-not-found = Я не нахожу этот канал на сервере или не вижу его.
discord-channel-not-postable = Оповещения можно отправлять только в текстовый канал или канал объявлений.
discord-channel-missing-permissions = Я не могу писать в этот канал. Дайте мне там права { $permissions } и попробуйте снова.
discord-perm-view-channel = «Просматривать канал»
discord-perm-send-messages = «Отправлять сообщения»
discord-perm-embed-links = «Встраивать ссылки»
discord-role-everyone = оповещения никогда не упоминают @everyone. Выберите роль, которую участники берут сами.
discord-role-not-here = этой роли нет на этом сервере.
discord-role-not-mentionable = { $role } нельзя упомянуть, а у меня нет права «Упоминание @everyone, @here и всех ролей». Разрешите всем упоминать эту роль (Настройки сервера → Роли) или дайте мне это право и попробуйте снова.

## Discord: moderators told that a channel stopped getting alerts
discord-deactivated = ⚠️ tokenwatch перестал публиковать оповещения в { $channel }: { $why }. Модератор может это исправить и снова выполнить там { $command }.
discord-deactivated-permissions = у меня нет права писать туда. Дайте мне в этом канале права «Просматривать канал», «Отправлять сообщения» и «Встраивать ссылки»
discord-deactivated-not-found = канала больше нет (или я его больше не вижу)
