# traps: EXIT and signals
trap 'echo "cleanup on exit, status $?"' EXIT
trap 'echo got USR1' USR1
trap 'echo got USR2; trap - USR2' USR2
kill -USR1 $$
kill -USR2 $$
echo "after signals"
trap '' INT
(trap) | grep -q INT && echo "INT ignored listed"
trap - INT
(trap 'echo sub-exit' EXIT; echo in-subshell)
(trap 'echo never' USR1; trap) | grep -c USR1
f() { trap 'echo in-func-trap' USR1; kill -USR1 $$; }
f
trap 'echo term caught; exit 3' TERM
kill -TERM $$
echo never reached
