# $(...) and backquotes, nested
echo $(echo one)
echo `echo two`
echo "$(echo "a  b")"
echo $(echo "a  b")
echo $(echo $(echo $(echo deep)))
echo `echo \`echo bq-nested\``
x=$(printf 'trail\n\n\n'); echo "[$x]"
y=$(printf 'mid\n\nline'); echo "[$y]"
echo "$(echo 'single in dq')"
n=$(echo 5); echo $((n + $(echo 3)))
echo $( (echo in subshell) )
z=$(exit 7); echo "status: $?"
echo "$(case x in x) echo case-in-subst;; esac)"
echo $(for i in 1 2 3; do printf "$i"; done)
