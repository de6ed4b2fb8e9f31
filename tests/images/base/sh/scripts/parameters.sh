# parameter expansion forms
unset u; e=; v=value
echo "${v} ${u:-def} ${e:-def} ${e-def} ${u-def}"
echo "${u:=assigned} $u"
echo "${v:+alt} [${u2:+alt}] [${e+set}] [${e:+set}]"
echo "${#v} ${#e} ${#u2}"
p=/usr/local/lib/file.tar.gz
echo "${p%.*} ${p%%.*} ${p#*/} ${p##*/}"
echo "${p%"/file"*}"
s=aXbXc
echo "${s%X*} ${s%%X*} ${s#*X} ${s##*X}"
echo "${s#[a-z]}"
echo "${v:-"quoted default"}"
( : ${u3:?custom message} ) 2>/dev/null || echo "error status: $?"
n=3; echo "${n}rd"
echo "$v$v ${v}x"
set -- a b c d e f g h i j k
echo "$1 $9 ${10} ${11} $#"
x='*'; echo "${x}"
echo "${HOME+home is set}"
