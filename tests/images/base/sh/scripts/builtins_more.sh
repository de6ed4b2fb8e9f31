# read, test/[, wait, kill, alias, source, umask, trap, getopts
printf 'a b c\n' | { read x y; echo "[$x] [$y]"; }
printf 'one\\ two\n' | { read x; echo "[$x]"; }
printf 'one\\ two\n' | { read -r x; echo "[$x]"; }
printf '  lead  \n' | { read x; echo "[$x]"; }
printf 'k=v\n' | { IFS='=' read k v; echo "$k -> $v"; }
printf 'no newline' | { read x; echo "status $? [$x]"; }
printf 'l1\nl2\n' | while read -r l; do echo "line $l"; done
[ a = a ] && echo eq
[ a != b ] && echo ne
[ -z "" ] && [ -n x ] && echo zn
[ 3 -lt 4 -a 5 -gt 4 ] && echo and
[ 3 -gt 4 -o 5 -gt 4 ] && echo or
[ ! -f /nonexistent ] && echo notfile
[ -d / ] && [ -e /bin/sh ] && echo dir
test 10 -ge 10; echo $?
test "(" a = a ")"; echo $?
[ ]; echo $?
[ x ]; echo $?
sleep 1 & p=$!; { kill $p; wait $p; } 2>/dev/null; echo "killed: $?"
sleep 0 & sleep 0 & wait; echo waited
alias hi='echo alias-hi'
hi
alias ll='echo ll-args:'
ll 1 2
unalias hi; hi 2>/dev/null || echo unaliased
f=${TMPDIR:-/tmp}/src.$$
echo 'SOURCED=yes; echo "in sourced: $1"' > "$f"
. "$f"; echo "$SOURCED"
rm -f "$f"
umask 022; umask; umask 077; umask
trap 'echo exit-trap' EXIT
trap 'echo usr1-trap' USR1
kill -USR1 $$
echo after-signal
while getopts ab:c opt -a -b arg -c -x rest 2>/dev/null; do echo "opt=$opt arg=${OPTARG-}"; done
echo "OPTIND=$OPTIND"
set -- -v -f file x
OPTIND=1
while getopts vf: o; do echo "o=$o ${OPTARG-}"; done
shift $((OPTIND-1)); echo "rest: $*"
