# cd pwd echo printf export unset set shift exit eval true false type command
cd /tmp && pwd
cd / && pwd
cd - >/dev/null && pwd
cd /usr/../tmp && pwd
echo -n "no newline"; echo
echo 'esc\tape\c' never
printf '%s-%d-%05.2f-%x-%o-%c|%5s|%-5s|\n' str 42 3.14159 255 8 xyz ab ab
printf '%s\n' a b c
printf '%d %d\n' 1 2 3
printf 'pct %% \101 \n'
printf '%b\n' 'b\tesc'
printf '%3d|%-3d|%+d\n' 5 5 5
printf '%.3s\n' abcdef
export EXPORTED=yes
sh -c 'echo "child sees $EXPORTED"'
NOTEXP=no; sh -c 'echo "child sees [$NOTEXP]"'
TEMPV=temp sh -c 'echo "temp $TEMPV"'; echo "after [${TEMPV-unset}]"
unset EXPORTED; echo "[${EXPORTED-gone}]"
set -- x y z; echo "$@"; shift; echo "$@"; shift 2; echo "$#"
set -- -a; echo "$1"
eval 'echo eval works; e=1'; echo "e=$e"
cmd='echo "via var"'; eval "$cmd"
eval "for i in 1 2; do echo ev\$i; done"
type echo; type cd; type exit; type if
f() { :; }; type f
command -v echo; command -v f
command echo command-echo
true; echo $?; false; echo $?
: colon; echo $?
readonly RO=1; echo $RO
(exit 3); echo $?
(exit); echo $?
exec 2>&1; echo after-exec
