# if/elif/else, while, until, for, case, break/continue
for x in 1 2 3; do
  if [ $x = 1 ]; then echo one
  elif [ $x = 2 ]; then echo two
  else echo other
  fi
done
i=0
while [ $i -lt 3 ]; do echo "while $i"; i=$((i+1)); done
until [ $i -eq 0 ]; do echo "until $i"; i=$((i-1)); done
for w in a b c d e; do
  [ $w = b ] && continue
  [ $w = d ] && break
  echo "for $w"
done
for i in 1 2 3; do
  for j in 1 2 3; do
    [ $j = 2 ] && continue 2
    [ $i = 3 ] && break 2
    echo "$i$j"
  done
done
for k; do echo "never $k"; done
case hello in
  h*o) echo glob-case ;;
  *) echo default ;;
esac
for v in apple banana cherry 42 ''; do
  case $v in
    a*|b*) echo "ab: $v" ;;
    [0-9]*) echo "num: $v" ;;
    "") echo empty ;;
    *) echo "other: $v"
  esac
done
case "*" in '*') echo literal-star;; esac
case x in (x) echo paren-pattern;; esac
x=5; while :; do x=$((x-1)); [ $x -le 2 ] && break; done; echo "x=$x"
if false; then :; fi; echo "if status $?"
while false; do :; done; echo "while status $?"
n=0; while [ $n -lt 3 ]; do n=$((n+1)); done > /dev/null; echo "redirected loop n=$n"
