# Shared replies: errors every command can give.
error-unavailable = tokenwatch is temporarily unavailable (its database is not answering). Nothing was changed; please try again in a minute.
error-generic = Something went wrong on my side. Please try again in a minute.
