# simple commands, lists and exit statuses
echo one two   three
true; echo "true: $?"
false; echo "false: $?"
true && echo and-ok
false && echo never
false || echo or-ok
true || echo never
false; ! false; echo "not: $?"
! true; echo "not true: $?"
{ echo group; echo in braces; }
(echo subshell; exit 3); echo "subshell status: $?"
x=1; (x=2); echo "x after subshell: $x"
echo a; echo b; echo c
