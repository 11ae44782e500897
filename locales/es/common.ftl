error-unavailable = tokenwatch no está disponible por el momento (su base de datos no responde). No se cambió nada; inténtalo de nuevo en un minuto.
error-generic = Algo salió mal por mi parte. Inténtalo de nuevo en un minuto.
