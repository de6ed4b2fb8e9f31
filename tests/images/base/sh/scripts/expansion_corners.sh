# "$@" inside words, IFS corners, backslashes in quotes and backquotes, ~user
set -- a b
echo "x$@y"
for w in "x$@y"; do echo "[$w]"; done
for w in "$@$@"; do echo "<$w>"; done
set -- "a b" c
for w in $@; do echo "($w)"; done
for w in "${@}"; do echo "{$w}"; done
for w in ${1+"$@"}; do echo "alt:$w"; done
IFS=: ; for w in "$*"; do echo "star:$w"; done; unset IFS
x="a,b,,c"; IFS=,; set -- $x; echo "$#"; unset IFS
v='  a  b  '; set -- $v; echo $#
echo $((3 > 2 ? 5 : 6)) $(( (1) ))
unset x; echo ${x:-a b} | wc -w
a='$b'; b=5; echo $a "$a" $(($b)) 
echo '\n' "\n" \\n
echo "\$(date)" '$(x)'
echo `echo '\\'`
echo "`echo \"quoted in bq\"`"
echo ${#}
f() { echo "$#"; }; f "" ""; f ''
e=; f $e; f "$e"
echo "a
b" | wc -l
echo ~root ~/x | sed "s|$HOME|H|"
cat <<EOF
${x:-def} ${#a} $((2+2))
EOF
echo $(( 07 + 0x0f )) $((-(-3)))
i=1; i=$((i << 3 | 1)); echo $i
echo $((5 % -3)) $((-5 % 3))
