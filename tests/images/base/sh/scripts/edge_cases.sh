# assorted corners of the language
echo line \
continued
# a comment; echo not run
echo not#comment # comment
x=1; { echo "$x"; }; ( echo "$x" )
if true; then echo a; elif false; then echo b; fi; if false; then :; else echo c; fi
for i in a b; do echo $i; done; for i in; do echo never; done
case a in a) echo one;; b) echo two;; esac; case z in *) ;; esac
case x in
  x)
    echo multi-line case
    ;;
esac
f() ( echo "subshell body $1" ); f arg
g() { echo "$@"; }; g "a b" c
echo ${#}; set -- 1 2 3; echo ${#} ${#1}
s='a*b'; echo "${s#\*}" "${s#*\*}" "${s%\**}"
y=val; echo "${x:-$y}" "${unset_v:-$y}" "${unset_v:-"$y q"}"
set -- $(echo "p q r"); echo $# $2
echo $(( (2 + 3) * (4 - 1) )) $(( 10 / 3 * 3 )) $((i=5)) $((i*2))
echo "a" "b"'c'd"e"
echo '' | { read v; echo "[${v}]"; }
v=outer; echo x | while read l; do v=inner; done; echo "$v"
echo $((0x1F + 010))
t=$(printf 'x\ty'); echo "$t" | od -c | head -1 | tr -s ' '
alias say='echo said'
say hi
printf '%5.2f|%e|%g|%c|%s\n' 3.14159 1234.5 0.0001 letter
printf '[%*d] [%-*d]\n' 5 42 4 7
printf '%s %s\n' only
printf 'no args\n' extra
echo "$(echo "$(echo ")")")"
echo "${x+"quoted alt"}"
z="  spaced  "; echo [$z] ["$z"]
IFS=- read a b <<EOF
left-right
EOF
echo "$a|$b"
false && echo no || echo yes
true || echo no && echo chained
{ false; } || echo group-failed
while :; do break; done; echo broke
until true; do :; done; echo until-done
i=0; while [ $i -lt 10 ]; do i=$((i+1)); [ $((i%2)) = 0 ] && continue; printf "$i "; done; echo
echo *nomatch* "$(echo '*')"
exec 5>&1; echo "to fd 5" >&5; exec 5>&-
set -- "$@"; echo "$#"
readonly_test() { local_var=1; }; readonly_test; echo "$local_var"
echo ${HOME:+home} ${NOPE:-nope} ${NOPE:=set} $NOPE
getopts_fn() { OPTIND=1; while getopts "x:y" o "$@"; do echo "$o=${OPTARG:-}"; done; }
getopts_fn -x 1 -y -x2
cd /tmp; cd ..; pwd
echo "${PWD}"
unset -v y; echo "${y-unset}"
echo $(exit 3) $?
type true | cat
command -v cd
echo done
