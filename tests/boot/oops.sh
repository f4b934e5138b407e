#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# When the kernel goes wrong, and when asked about its tasks: the oops that
# echo c > /proc/sysrq-trigger forces (a real bad pointer in the kernel),
# oops=continue, the task dumps of sysrq t and of SIGQUIT to tamu.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

PROC="mount -t proc proc /proc"

has() {
	grep -qE -- "$1" <<<"$2"
}

# A crash from pid 1's own write: the oops halts tamu.
run_tamu quiet -- /bin/sh -c "$PROC; echo c > /proc/sysrq-trigger; echo survived"
if [ "$status" -eq 70 ] && ! has survived "$out" &&
	has 'BUG: unable to handle page fault for address: 0000000000000000' "$err" &&
	has 'supervisor write access' "$err" &&
	has 'CPU: 0 PID: 1 Comm: sh ' "$err" &&
	has 'RIP: 0033:[0-9a-f]{16} ' "$err" &&
	has 'ORIG_RAX: 0000000000000001' "$err" &&
	has 'sysrq_handle_crash\+0x[0-9a-f]+/0x[0-9a-f]+ \(kernel/sysrq\.c:[0-9]+\)' "$err" &&
	has 'sys_write\+' "$err" &&
	has 'Last kernel messages the console did not show:' "$err" &&
	has '^\[ *[0-9.]+\] \| \[ *[0-9.]+\] Platform: skas' "$err" &&
	has 'Kernel panic - not syncing: Fatal exception' "$err"; then
	ok "sysrq c: an oops naming sh (pid 1), its guest registers (write), a backtrace through sysrq_handle_crash with its source line, the log lines quiet hid; status 70"
else
	fail "sysrq c oops" "status $status (want 70)" "$out" "$err"
fi

# On a terminal: the oops puts the host terminal's settings back.
if command -v script >/dev/null; then
	o=$(mktemp)
	chmod 666 "$o"
	# script's input stays open: at its end script types EOF into the
	# terminal, which tamu's console would take (and echo) as input.
	mkfifo "$o.in"
	exec 3<>"$o.in"
	# shellcheck disable=SC2016
	TAMU_CMD="cd $(printf %q "$TAMU_DIR") && stty -g && timeout --foreground -k 2 $TAMU_TIMEOUT $AS_USER $(printf %q "$TAMU") quiet -- /bin/sh -c '$PROC; echo c > /proc/sysrq-trigger' 2>$o; echo status=\$?; stty -g" \
		timeout 30 script -qec 'bash -c "$TAMU_CMD"' /dev/null <&3 >"$o.tty"
	mapfile -t lines < <(tr -d '\r' <"$o.tty" | grep -E '^[0-9a-f]+(:[0-9a-f]+)+$|^status=')
	if [ "${#lines[@]}" -eq 3 ] && [ "${lines[1]}" = status=70 ] &&
		[ "${lines[0]}" = "${lines[2]}" ] && grep -q 'sysrq_handle_crash' "$o"; then
		ok "an oops on a terminal: status 70 and the terminal's settings back (stty -g as before)"
	else
		fail "an oops on a terminal" "${lines[@]}" "$(cat "$o.tty")"
	fi
	exec 3>&-
	rm -f "$o" "$o.tty" "$o.in"
else
	fail "an oops on a terminal: script(1) from util-linux is missing"
fi

# oops=continue: the crashing child dies of SIGSEGV, the kernel runs on,
# and does so twice.
run_tamu quiet oops=continue -- /bin/sh -c \
	"$PROC; sh -c 'echo c > /proc/sysrq-trigger; echo survived'; echo child \$?; sh -c 'echo c >/proc/sysrq-trigger'; echo again \$?; ls /proc/sysrq-trigger"
if [ "$status" -eq 0 ] && ! has survived "$out" &&
	has '^child 139$' "$out" && has '^again 139$' "$out" &&
	has '^/proc/sysrq-trigger$' "$out" &&
	[ "$(grep -c 'killing sh\[[0-9]*\], the kernel runs on' <<<"$err")" -eq 2 ]; then
	ok "oops=continue: each crashing task dies of SIGSEGV (139) and the kernel runs on"
else
	fail "oops=continue" "status $status" "$out" "$err"
fi

# ...but not when the task is init: nothing could run on.
run_tamu quiet oops=continue -- /bin/sh -c "$PROC; echo c > /proc/sysrq-trigger"
if [ "$status" -eq 70 ] && has 'Fatal exception' "$err" &&
	! has 'runs on' "$err"; then
	ok "oops=continue still halts when the oops hits init"
else
	fail "oops=continue in init" "status $status (want 70)" "$err"
fi

# Each kind of kernel failure, from /proc/tamu/provoke-crash.
run_tamu quiet -- /bin/sh -c "$PROC; echo BUG > /proc/tamu/provoke-crash"
if [ "$status" -eq 70 ] &&
	has 'kernel BUG at kernel/provoke_crash\.c:[0-9]+ in provoke_bug\(\): BUG_ON\(broken\)' "$err" &&
	has 'Call Trace:' "$err" &&
	grep -A1 'Call Trace:' <<<"$err" | grep -q ' provoke_bug+'; then
	ok "a failed BUG_ON: an oops with the condition, file and line, backtrace from the function; status 70"
else
	fail "BUG_ON oops" "status $status (want 70)" "$err"
fi

# A fault while an oops is reported: one more line, and status 70, not the
# host's SIGSEGV.
run_tamu quiet -- /bin/sh -c "$PROC; echo NESTED > /proc/tamu/provoke-crash"
if [ "$status" -eq 70 ] &&
	[ "$(grep -c 'Oops while reporting an oops: halting' <<<"$err")" -eq 1 ]; then
	ok "a fault while an oops is reported: one line saying so, status 70"
else
	fail "nested oops" "status $status (want 70)" "$err"
fi

run_tamu quiet -- /bin/sh -c "$PROC; echo UD2 > /proc/tamu/provoke-crash"
if [ "$status" -eq 70 ] &&
	has 'BUG: unexpected host SIGILL \(4, code [0-9]+\) in kernel code' "$err" &&
	grep -A1 'Call Trace:' <<<"$err" | grep -q ' provoke_ud2+'; then
	ok "an unexpected host signal (SIGILL) in the kernel: an oops from the faulting function; status 70"
else
	fail "SIGILL oops" "status $status (want 70)" "$err"
fi

run_tamu quiet oops=continue -- /bin/sh -c "$PROC; sh -c 'echo EXCEPTION > /proc/tamu/provoke-crash'; echo child \$?; echo NOPE > /proc/tamu/provoke-crash; echo nope \$?"
if [ "$status" -eq 0 ] && has '^child 139$' "$out" && has '^nope 1$' "$out" &&
	has 'page fault for address: 0000000000001000' "$err" &&
	has 'supervisor read access' "$err"; then
	ok "a bad read in the kernel with oops=continue: the child dies, the rest runs; unknown crash names are EINVAL"
else
	fail "EXCEPTION with oops=continue" "status $status" "$out" "$err"
fi

run_tamu quiet oops=maybe -- /bin/true
if [ "$status" -eq 2 ] && has 'oops=maybe.*(one of: panic continue)' "$err"; then
	ok "oops=maybe names itself and exits 2"
else
	fail "oops=maybe" "status $status (want 2)" "$err"
fi

# Only root may write the trigger, and no one may read it.
run_tamu quiet -- /bin/sh -c "$PROC; su user -c 'echo c > /proc/sysrq-trigger' 2>&1; cat /proc/sysrq-trigger 2>&1; echo done"
if [ "$status" -eq 0 ] && has 'Permission denied' "$out" &&
	has 'Input/output error' "$out" && has '^done$' "$out" && ! has Oops "$err"; then
	ok "sysrq-trigger: a user's write is refused, reads are EIO"
else
	fail "sysrq-trigger permissions" "status $status" "$out" "$err"
fi

# sysrq t: every task, its state and kernel backtrace, even under quiet.
run_tamu quiet -- /bin/sh -c "$PROC; sleep 5 & sleep 0.2; echo t > /proc/sysrq-trigger; kill %1; echo done"
if [ "$status" -eq 0 ] && has '^done$' "$out" &&
	has 'sysrq: Show State' "$err" &&
	has 'task:sh +state:R pid:1 ' "$err" &&
	has 'task:sleep +state:S pid:[0-9]+ +tgid:[0-9]+ +ppid:1 ' "$err" &&
	has 'sleep_until\+0x[0-9a-f]+/0x[0-9a-f]+ \(kernel/time/timer\.c:[0-9]+\)' "$err" &&
	has 'show_state\+' "$err"; then
	ok "sysrq t: each task with its state and backtrace (sleep in sleep_until, sh running show_state)"
else
	fail "sysrq t" "status $status" "$out" "$err"
fi

# SIGQUIT to the tamu process: the same dump, and the guest goes on.
quit_test() {
	local o e tpid pid i
	o=$(mktemp) e=$(mktemp)
	chmod 666 "$o" "$e"
	(cd "$TAMU_DIR" && exec timeout -k 2 "$TAMU_TIMEOUT" $AS_USER "$TAMU" \
		quiet -- /bin/sh -c 'echo ready; sleep 1 | cat; echo done' \
		</dev/null >"$o" 2>"$e") &
	tpid=$!
	for i in $(seq 100); do
		grep -q ready "$o" && break
		sleep 0.05
	done
	pid=$(pgrep -P "$tpid")
	[ -n "$pid" ] && kill -QUIT "$pid"
	wait "$tpid"
	status=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}
quit_test
if [ "$status" -eq 0 ] && has '^done$' "$out" &&
	has 'sysrq: Show State' "$err" &&
	has 'task:sh +state:S pid:1 ' "$err" &&
	has 'task:sleep +state:S ' "$err" &&
	has 'task:cat +state:S ' "$err" &&
	has 'pipe_read\+' "$err" && has 'do_wait\+' "$err"; then
	ok "SIGQUIT: a task dump (sh in do_wait, cat in pipe_read, sleep), then the guest runs to completion"
else
	fail "SIGQUIT task dump" "status $status" "$out" "$err"
fi

report
