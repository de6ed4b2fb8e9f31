# nested command substitutions and quoting inside them
echo "$(echo "$(echo "$(echo "three levels")")")"
a=$(echo $(echo a b) $(echo c d))
echo "$a"
echo $(echo '$(not expanded)')
echo "outer $(echo "inner $(echo 'single') done") end"
x=$(echo `echo back` $(echo paren))
echo "$x"
v=world; echo "$(echo "hello $v")"
echo $(( $(echo 2) * $(echo $(echo 3)) ))
count=$(printf '%s\n' a b c | wc -l); echo $((count))
echo "$(printf '%s' "$(echo "a  b   c")")"
echo $(cd / && pwd)
