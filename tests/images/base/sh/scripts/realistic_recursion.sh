# recursive functions
hanoi() {
  [ $1 -eq 0 ] && return
  hanoi $(($1 - 1)) $2 $4 $3
  moves=$((moves + 1))
  hanoi $(($1 - 1)) $4 $3 $2
}
moves=0; hanoi 5 A B C; echo "hanoi moves: $moves"
gcd() { if [ $2 -eq 0 ]; then echo $1; else gcd $2 $(($1 % $2)); fi; }
echo "gcd: $(gcd 1071 462)"
power() { if [ $2 -eq 0 ]; then echo 1; else echo $(( $1 * $(power $1 $(($2 - 1))) )); fi; }
echo "2^10 = $(power 2 10)"
depth() { if [ $1 -gt 0 ]; then depth $(($1 - 1)); else echo "bottom reached"; fi; }
depth 50
count_down() { echo -n "$1 "; [ $1 -gt 0 ] && count_down $(($1 - 1)); return 0; }
count_down 5; echo
sum_args() { if [ $# -eq 0 ]; then echo 0; else a=$1; shift; echo $((a + $(sum_args "$@"))); fi; }
echo "sum: $(sum_args 1 2 3 4 5 6 7 8 9 10)"
