# listings and formats of builtins: alias, type, command -v/-V, trap, umask, kill -l, printf, echo, test

kill -l
