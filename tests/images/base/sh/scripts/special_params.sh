# $? $$ $! $# $@ $* $0 and "$@" splitting
set -- "a b" c "" d
echo "count: $#"
for a in "$@"; do echo "[$a]"; done
for a in $@; do echo "<$a>"; done
for a in "$*"; do echo "{$a}"; done
for a in $*; do echo "($a)"; done
IFS=:; echo "$*"; IFS=' 	
'
f() { echo "f: $# [$1] [$2]"; }
f "$@"
f $*
f "$@" tail
set --
for a in "$@"; do echo never; done
f "$@"
echo "empty count: $#"
sleep 0 & p=$!
wait $p; echo "bg status: $?"
[ "$p" -gt 0 ] && echo "have \$!"
[ "$$" -gt 0 ] && echo "have \$\$"
sub=$(echo $$); [ "$sub" = "$$" ] && echo "\$\$ same in subshell"
false; echo $?
(exit 42); echo $?
echo "$0" | grep -q . && echo "have \$0"
