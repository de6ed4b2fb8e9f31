# field splitting on IFS
x='a b  c'
set -- $x; echo $#
x='  lead and trail  '
set -- $x; echo "$# [$1] [$3]"
IFS=:
x='a:b::c:'
set -- $x; echo "$#"; for f in "$@"; do echo "[$f]"; done
x=':a'; set -- $x; echo "$# [$1]"
IFS=' :'
x='a : b'; set -- $x; echo "$# [$1] [$2]"
IFS=
x='a b c'; set -- $x; echo $#
unset IFS
x='a	b
c'; set -- $x; echo $#
IFS=','
for w in $(echo "x,y,z"); do echo "w=$w"; done
IFS=' 	
'
e=''
set -- $e; echo "empty: $#"
set -- "$e"; echo "quoted empty: $#"
set -- $e"" ; echo "mixed: $#"
