# quoting: '' "" and backslashes
echo 'single $HOME "q"'
echo "double 'q' \$ \" \\ \`"
echo back\ slash \$x \\ \'
x="a   b"
echo $x
echo "$x"
echo "$x"'$x'\$x
echo ''"" | wc -c
set -- '' a ""
echo $#
echo "a\nb"
echo 'it'\''s'
echo "nested $(echo "inner \"quotes\"")"
echo \"\'
printf '%s\n' "multi
line"
