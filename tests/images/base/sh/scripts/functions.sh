# functions, recursion, return, POSIX (global) scoping
greet() { echo "hello $1"; }
greet world
fact() {
  if [ $1 -le 1 ]; then echo 1; return; fi
  echo $(( $1 * $(fact $(( $1 - 1 ))) ))
}
fact 10
fib() { if [ $1 -lt 2 ]; then r=$1; else fib $(($1-1)); local_a=$r; fib $(($1-2)); r=$((local_a + r)); fi; }
fib 10; echo "fib via globals (wrong on purpose, same in dash): $r"
g() { v=set-in-g; return 5; echo never; }
g; echo "status $? v=$v"
h() { echo "args: $# $*"; shift; echo "after shift: $*"; }
h 1 2 3
echo "outer args: $#"
outer() { inner() { echo inner-defined; }; inner; }
outer; inner
cnt() { c=0; for x in "$@"; do c=$((c+1)); done; echo $c; }
cnt a "b c" d
loop() { for i in 1 2 3; do [ $i = 2 ] && return 7; echo "i$i"; done; }
loop; echo "returned $?"

f3() { echo "V in f3: $V"; }
V=tmp f3; echo "V after: [${V-unset}]"
redir() { echo to-devnull; } > /dev/null
redir; echo after-redir
unset -f greet; greet 2>/dev/null || echo "greet gone"
