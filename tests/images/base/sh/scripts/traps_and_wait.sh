# traps run after the foreground command finishes; trap actions during wait
trap 'echo trapped' USR1
(sleep 0.2; kill -USR1 $$) &
sleep 1
echo after-sleep
trap 'echo trapped-in-wait' USR2
(sleep 0.2; kill -USR2 $$) &
wait
echo waited
wait
trap - USR1 USR2
sleep 0.1 & sleep 0.1 &
wait
echo "all waited: $?"
