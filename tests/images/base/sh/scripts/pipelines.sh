# pipelines and their exit status
echo hello | cat
printf 'c\nb\na\n' | sort | head -n 2
echo abc | tr a-z A-Z | cat | cat
false | true; echo "status: $?"
true | false; echo "status: $?"
echo piped | { read v; echo "read: $v"; }
seq 1 5 | while read n; do echo "n=$n"; done
x=$(echo foo | tr o 0); echo "$x"
