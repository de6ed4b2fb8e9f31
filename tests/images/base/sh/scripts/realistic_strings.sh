# loops building strings, word counting, accumulation
s=
for i in 1 2 3 4 5 6 7 8 9 10; do s="$s$i,"; done
echo "${s%,}"
line=
i=0
while [ $i -lt 20 ]; do
  line="$line*"
  i=$((i + 1))
  [ $((i % 5)) -eq 0 ] && { echo "$line"; line=; }
done
words="the quick brown fox jumps over the lazy dog"
count=0; longest=
for w in $words; do
  count=$((count + 1))
  [ ${#w} -gt ${#longest} ] && longest=$w
done
echo "count=$count longest=$longest"
rev=
for w in $words; do rev="$w $rev"; done
echo "reversed: ${rev% }"
csv="name,age,city"
IFS=, read a b c <<EOF
$csv
EOF
echo "a=$a b=$b c=$c"
upper=$(echo "$words" | tr 'a-z' 'A-Z')
echo "$upper"
n=0; total=0
for x in 3 1 4 1 5 9 2 6; do n=$((n+1)); total=$((total+x)); done
echo "avg=$((total / n)) rem=$((total % n))"
pad() { p="$1"; while [ ${#p} -lt $2 ]; do p="0$p"; done; echo "$p"; }
pad 7 3; pad 1234 3
