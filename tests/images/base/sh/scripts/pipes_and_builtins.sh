# SIGPIPE in loops, big here-documents, kill -l, type, wait, umask -S, recursion
while :; do echo y; done | head -n 2
big=$(i=0; while [ $i -lt 700 ]; do echo "line $i of a big here-document"; i=$((i+1)); done)
cat <<EOF | wc -c
$big
EOF
kill -l 9; kill -l 15
type type; type nonexistent_x 2>/dev/null; echo $?
jobs; wait; echo "wait: $?"
umask -S
echo $(( $(printf '%d' 3) + 1 ))
fib() { if [ $1 -lt 2 ]; then echo $1; else echo $(( $(fib $(($1-1))) + $(fib $(($1-2))) )); fi; }
fib 12
x=5; readonly x; (x=6) 2>/dev/null; echo "ro: $?"
r=$(command -v ls); [ -x "$r" ] && echo "ls found"
printf '%s\n' "$(printf 'a\nb')" | wc -l
echo "$(seq 3 | tr '\n' ' ')"
for f in /etc/pass*; do echo "$f"; done
set -- 1 2 3 4 5 6 7 8 9 10; shift 3; echo "$@"
echo "${10-none}" "${1}"
: "${UNSETVAR:=defaulted}"; echo "$UNSETVAR"
echo $(echo "a'b")
echo 'a"b' "c'd"
