error-unavailable = O tokenwatch está temporariamente indisponível (o banco de dados não está respondendo). Nada foi alterado; tente de novo em um minuto.
error-generic = Algo deu errado do meu lado. Tente de novo em um minuto.
