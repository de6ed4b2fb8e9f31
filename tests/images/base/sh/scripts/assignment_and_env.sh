# assignments, export, readonly, unset
a=1 b=2; echo "$a $b"
a=$b b=$a; echo "$a $b"
x=~; [ "$x" = "$HOME" ] && echo "tilde in assignment"
y='~'; echo "$y"
echo ~ | grep -q "^$HOME" && echo "tilde word"
export E1=exported
env | grep '^E1='
E2=inline env | grep '^E2='
echo "[${E2-unset}]"
unset E1; env | grep -c '^E1=' 
readonly R=ro; (R=new) 2>/dev/null || echo "readonly refused"
unset a; echo "[${a-unset}]"
v="with spaces"; w=$v; echo "$w"
z=$(echo sub); echo "$z"
n=$((3+4)); echo $n
empty=; echo "[${empty}]"
set -- p1 p2; f() { echo "$1"; }; f inner; echo "$1"
q1=1; q2="a b"; q3="it's"; q4=
set | grep '^q[0-9]='
export q1; export -p | grep ' q1='
readonly q3; readonly -p | grep ' q3='
