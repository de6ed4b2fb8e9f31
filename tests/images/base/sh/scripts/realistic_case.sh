# case dispatch, a tiny command interpreter
dispatch() {
  case "$1" in
    add) echo $(($2 + $3)) ;;
    sub) echo $(($2 - $3)) ;;
    mul|times) echo $(($2 * $3)) ;;
    help|-h|--help) echo "usage: op a b" ;;
    [0-9]*) echo "number $1" ;;
    '') echo "empty" ;;
    *) echo "unknown: $1"; return 1 ;;
  esac
}
for cmd in "add 2 3" "sub 9 4" "mul 6 7" "times 2 2" "-h" "42" "bogus"; do
  dispatch $cmd
done
dispatch ""
classify() {
  for f; do
    case $f in
      *.c|*.h) t=C ;;
      *.sh) t=shell ;;
      Makefile) t=make ;;
      .*) t=hidden ;;
      *) t=other ;;
    esac
    echo "$f: $t"
  done
}
classify main.c sh.h run.sh Makefile .profile README
state=start
for ev in go go stop go reset; do
  case $state:$ev in
    start:go) state=running ;;
    running:go) state=running ;;
    running:stop) state=stopped ;;
    stopped:go) state=running ;;
    *:reset) state=start ;;
  esac
  echo "$ev -> $state"
done
