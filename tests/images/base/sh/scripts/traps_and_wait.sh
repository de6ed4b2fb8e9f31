# traps run after the foreground command; a trapped signal interrupts wait (128 + signal)
trap 'echo trapped' USR1
(sleep 0.2; kill -USR1 $$) &
sleep 1
echo after-sleep
trap 'echo trapped-in-wait' USR2
(sleep 0.2; kill -USR2 $$) &
wait
echo "wait status: $?"
wait
trap - USR1 USR2
sleep 0.1 & sleep 0.1 &
wait
echo "all waited: $?"
