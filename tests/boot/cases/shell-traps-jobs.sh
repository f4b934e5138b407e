# Traps, background jobs, wait, kill, exit statuses of signals.
trap 'echo got USR1' USR1
kill -USR1 $$
trap 'echo exiting' EXIT
sleep 0.2 & p=$!
kill -0 $p && echo alive
wait $p; echo "wait=$?"
sleep 5 & p=$!
kill $p; wait $p; echo "killed=$?"
(exit 7); echo "sub=$?"
sh -c 'kill -TERM $$'; echo "term=$?"
false | true; echo "pipe=$?"
