#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tamu under gdb with tools/gdb/tamu.gdb, in batch mode: a breakpoint in a
# system-call handler, the helper commands (tamu-ps, tamu-dmesg, tamu-bt,
# tamu-vmas, tamu-files, tamu-task) on the stopped kernel and on a core
# file written there, a task asleep in wait4, attaching to a running
# tamu; the guest runs on to its end each time.  gdb runs as the user
# tamu runs as, under a timeout.

# The guest's shell expands these:
# shellcheck disable=SC2016

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if ! command -v gdb >/dev/null 2>&1; then
	fail "gdb is not installed: these tests need it (tools/install-deps installs it)"
	report
	exit
fi

setup_tamu "${1:-./tamu}"
GDB_TIMEOUT=${GDB_TIMEOUT:-20}
GDB_DIR=$PWD/tools/gdb
WORK=$(mktemp -d /tmp/tamu-gdb.XXXXXX)
chmod 777 "$WORK"
if [ -n "$AS_USER" ]; then
	# The helpers next to tamu's copy, where its user can read them.
	mkdir -p "$TAMU_DIR/tools/gdb"
	cp tools/gdb/tamu.gdb tools/gdb/tamu.py "$TAMU_DIR/tools/gdb/"
	cp tamu-gdb.py "$TAMU_DIR/"
	chmod -R a+rX "$TAMU_DIR"
	GDB_DIR=$TAMU_DIR/tools/gdb
	trap 'rm -rf "$WORK" "$TAMU_DIR"' EXIT
else
	trap 'rm -rf "$WORK"' EXIT
fi

# run_gdb [--as WHO] GDB-ARGS...: gdb in batch mode without init files,
# in $WORK; sets $status and $out (stdout and stderr, with tamu's).
run_gdb() {
	local as=$AS_USER o
	if [ "$1" = --as ]; then
		as=$2
		shift 2
	fi
	o=$(mktemp)
	chmod 666 "$o"
	(cd "$WORK" && timeout -k 2 "$GDB_TIMEOUT" $as \
		gdb -nx -batch "$@" </dev/null >"$o" 2>&1)
	status=$?
	out=$(cat "$o")
	rm -f "$o"
	if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		echo "        gdb did not finish in ${GDB_TIMEOUT}s"
	fi
}

# section NAME: the lines of $out after "@@NAME" up to the next "@@".
section() {
	awk -v s="@@$1" '/^@@/ { on = ($0 == s); next } on' <<<"$out"
}

# expect DESC TEXT REGEX...: each extended regex matches a line of TEXT.
expect() {
	local desc=$1 text=$2 re missing=""
	shift 2
	for re in "$@"; do
		grep -qE -- "$re" <<<"$text" || missing="$missing [$re]"
	done
	if [ -z "$missing" ] && [ -n "$text" ]; then
		ok "$desc"
	else
		fail "$desc" "missing:$missing" "$text"
	fi
}

# The guest calls getpid once, for $$, as the shell starts.
run_gdb -x "$GDB_DIR/tamu.gdb" \
	-ex 'break sys_getpid' -ex run \
	-ex 'echo @@where\n' -ex 'bt 1' \
	-ex 'echo @@ps\n' -ex tamu-ps \
	-ex 'echo @@dmesg\n' -ex tamu-dmesg \
	-ex 'echo @@bt\n' -ex 'tamu-bt 0' \
	-ex 'echo @@vmas\n' -ex 'tamu-vmas 1' \
	-ex 'echo @@files\n' -ex 'tamu-files 1' \
	-ex 'echo @@task\n' -ex 'tamu-task 1' \
	-ex 'echo @@nosuch\n' -ex 'tamu-vmas 4242' \
	-ex "gcore $WORK/core" \
	-ex 'echo @@cont\n' -ex continue \
	--args "$TAMU" mem=64M -- /bin/sh -c 'echo $$'

# What the guest printed, without gdb's lines and the kernel's messages.
cont=$(section cont | grep -vE '^(Continuing\.)?$|^\[ *[0-9]+\.[0-9]{6}\] ')
if [ "$status" -eq 0 ] && grep -qE '^#0 +sys_getpid \(\) at kernel/proc/pid\.c:' <<<"$(section where)" &&
	[ "$(head -1 <<<"$cont")" = 1 ] && [ "$(wc -l <<<"$cont")" -eq 2 ] &&
	grep -qE '^\[Inferior 1 \(process [0-9]+\) exited normally\]$' <<<"$cont"; then
	ok "a breakpoint on sys_getpid stops /bin/sh -c 'echo \$\$'; continued, it prints 1 and tamu exits 0"
else
	fail "break sys_getpid, continue to the end" "status $status" "$out"
fi

expect "tamu-ps lists sh, running, and the idle task in cpu_idle" "$(section ps)" \
	'^ +PID +TGID +PPID +ST +COMM +WAIT$' \
	'^ +1 +1 +0 +R +sh +running$' \
	'^ +0 +0 +0 +R +idle +cpu_idle$'

# The ring holds what the kernel printed on stderr up to the breakpoint,
# line for line with the same times, from the first line of the boot.
dmesg=$(section dmesg)
echoed=$(sed -nE '/^@@/q; /^\[ *[0-9]+\.[0-9]{6}\] /p' <<<"$out")
missing=$(grep -vxF -f <(printf '%s\n' "$dmesg") <<<"$echoed")
if [ "$(wc -l <<<"$echoed")" -ge 4 ] && [ -z "$missing" ] &&
	grep -qE '^\[ +0\.[0-9]{6}\] tamu version [0-9.]+$' <<<"$(head -1 <<<"$dmesg")" &&
	grep -qxF "$(sed -n 2p <<<"$echoed")" <<<"$(sed -n 2p <<<"$dmesg")" &&
	grep -qE '\] Command line: mem=64M -- /bin/sh -c echo \$\$$' <<<"$dmesg"; then
	ok "tamu-dmesg: the boot log from the ring, the lines tamu printed with their times"
else
	fail "tamu-dmesg" "not in it:" "$missing" "tamu printed:" "$echoed" \
		"tamu-dmesg:" "$dmesg"
fi

expect "tamu-bt of the idle task: schedule, cpu_idle, main, from its saved context" "$(section bt)" \
	'^pid 0 \(idle\), state R, saved at ksp 0x[0-9a-f]+:$' \
	'^#0 +0x[0-9a-f]{16} in schedule \(\) at kernel/sched/core\.c:[0-9]+$' \
	'^#1 +0x[0-9a-f]{16} in cpu_idle \(\) at kernel/init/main\.c:[0-9]+$' \
	' in main \(\) at arch/um/kernel/main\.c:[0-9]+$'

expect "tamu-vmas 1: busybox mapped from /bin/busybox, the heap and the stack" "$(section vmas)" \
	'^00400000-[0-9a-f]{8} r--p 00000000 [0-9a-f]{2}:[0-9a-f]{2} [1-9][0-9]* +/bin/busybox$' \
	'^[0-9a-f]{8}-[0-9a-f]{8} r-xp [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} [1-9][0-9]* +/bin/busybox$' \
	'^[0-9a-f]{8}-[0-9a-f]{8} rw-p 00000000 00:00 0 +\[heap\]$' \
	'^[0-9a-f]{12}-[0-9a-f]{12} rw-p 00000000 00:00 0 +\[stack\]$'

files=$(section files)
if [ "$(grep -cE '^ +[012] +0 +02 O_RDWR +/dev/console$' <<<"$files")" -eq 3 ] &&
	[ "$(wc -l <<<"$files")" -eq 4 ]; then
	ok "tamu-files 1: fds 0, 1 and 2 on /dev/console, read-write"
else
	fail "tamu-files 1" "$files"
fi

expect "tamu-task 1: the guest's registers in its getpid call" "$(section task)" \
	'^pid 1 \(sh\), state R$' \
	'^rip +0x[0-9a-f]+ +0x[0-9a-f]+$' \
	'^rsp +0x7ffff[0-9a-f]+ +0x7ffff[0-9a-f]+$' \
	'^eflags +0x[0-9a-f]+ +\[ .*IF.* \]$' \
	'^cs +0x33 +51$' \
	'^orig_rax +0x27 +39 \(getpid\)$'

expect "an unknown pid is an error that says so" "$(section nosuch)" \
	'^tamu-vmas: no task with pid 4242 \(tamu-ps lists them\)$'

# The core file, and the helpers loaded the other way: ./tamu-gdb.py,
# which gdb auto-loads with the binary once its directory is trusted.
if [ -s "$WORK/core" ]; then
	run_gdb -iex "add-auto-load-safe-path $TAMU_DIR/tamu-gdb.py" \
		-ex 'echo @@ps\n' -ex tamu-ps \
		-ex 'echo @@files\n' -ex 'tamu-files 1' \
		"$TAMU" "$WORK/core"
	expect "on the core file gcore wrote there: tamu-ps, tamu-files (helpers auto-loaded by tamu-gdb.py)" \
		"$(section ps; section files)" \
		'^ +1 +1 +0 +R +sh +running$' \
		'^ +0 +0 +0 +R +idle +cpu_idle$' \
		'^ +2 +0 +02 O_RDWR +/dev/console$'
else
	fail "gcore wrote no core file" "$out"
fi
rm -f "$WORK/core"

# A parent asleep in wait4 while its child, sleep, exits.
run_gdb -x "$GDB_DIR/tamu.gdb" \
	-ex 'break sys_exit_group if current->pid == 2' -ex run \
	-ex 'echo @@ps\n' -ex tamu-ps \
	-ex 'echo @@bt\n' -ex 'tamu-bt current->parent->pid' \
	-ex 'echo @@cont\n' -ex continue \
	--args "$TAMU" quiet -- /bin/sh -c '/bin/sleep 0.2; echo done'
expect "tamu-ps: the shell asleep in do_wait while sleep exits" "$(section ps)" \
	'^ +1 +1 +0 +S +sh +do_wait$' \
	'^ +2 +2 +1 +R +sleep +running$'
expect "tamu-bt of the shell: schedule, do_wait, sys_wait4, from its saved context; it goes on" \
	"$(section bt; section cont)" \
	'^pid 1 \(sh\), state S, saved at ksp 0x[0-9a-f]+:$' \
	'^#0 +0x[0-9a-f]{16} in schedule \(\) at kernel/sched/core\.c:[0-9]+$' \
	'^#1 +0x[0-9a-f]{16} in do_wait \(\) at kernel/proc/exit\.c:[0-9]+$' \
	'^#2 +0x[0-9a-f]{16} in sys_wait4 \(\) at kernel/proc/exit\.c:[0-9]+$' \
	' in task_trampoline \(\) at arch/um/kernel/switch\.S:[0-9]+$' \
	'^done$' '^\[Inferior 1 \(process [0-9]+\) exited normally\]$'

# gdb -p: attach to a running tamu, look, detach; it runs on.  Yama's
# ptrace_scope 0 lets a user attach to their own processes; 1 (only to
# descendants) and 2 need CAP_SYS_PTRACE, which root has outside a
# container; 3 forbids it.
scope=$(cat /proc/sys/kernel/yama/ptrace_scope 2>/dev/null || echo 0)
cap_eff=$(sed -n 's/^CapEff:[[:space:]]*//p' /proc/self/status)
attach_as=$AS_USER
why=""
if [ "$scope" -ge 3 ]; then
	why="Yama's ptrace_scope is $scope"
elif [ "$scope" -ge 1 ]; then
	if (((0x${cap_eff:-0} >> 19) & 1)); then
		attach_as=""	# as root, with CAP_SYS_PTRACE
	else
		why="Yama's ptrace_scope is $scope and there is no CAP_SYS_PTRACE"
	fi
fi
if [ -n "$why" ]; then
	ok "gdb -p: not tried, $why"
else
	log=$WORK/tamu.out
	(cd "$TAMU_DIR" && exec timeout -k 2 "$TAMU_TIMEOUT" $AS_USER "$TAMU" \
		quiet -- /bin/sh -c 'sleep 1.5; echo done' </dev/null >"$log" 2>&1) &
	runner=$!
	pid=""
	for _ in $(seq 50); do
		# timeout's child, once it is tamu.
		pid=$(cat "/proc/$runner/task/$runner/children" 2>/dev/null)
		pid=${pid% }
		[ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = tamu ] &&
			break
		pid=""
		sleep 0.05
	done
	sleep 0.5	# into the sleep
	run_gdb --as "$attach_as" -x "$GDB_DIR/tamu.gdb" -p "$pid" \
		-ex 'echo @@ps\n' -ex tamu-ps -ex detach
	wait "$runner"
	tamu_status=$?
	if [ -n "$pid" ] && [ "$tamu_status" -eq 0 ] &&
		[ "$(cat "$log")" = "done" ] &&
		grep -qE '^ +1 +1 +0 +S +sh +do_wait$' <<<"$(section ps)" &&
		grep -qE '^ +2 +2 +1 +S +sleep +sleep_restartable$' <<<"$(section ps)"; then
		ok "gdb -p attaches to a running tamu, tamu-ps shows sleep asleep, and after detach it runs to its end"
	else
		fail "gdb -p" "tamu pid '$pid', status $tamu_status" \
			"tamu's output: $(cat "$log")" "$out"
	fi
fi

# mode=seccomp: guest system calls and faults are host signals in the
# kernel's process; gdb passes them silently and stops where asked.
run_gdb -x "$GDB_DIR/tamu.gdb" \
	-ex 'break sys_getpid' -ex run \
	-ex 'echo @@where\n' -ex 'bt 1' \
	-ex 'echo @@ps\n' -ex tamu-ps \
	-ex 'echo @@sig\n' -ex 'info signals SIGSYS' \
	-ex 'echo @@cont\n' -ex continue \
	--args "$TAMU" quiet mode=seccomp -- /bin/sh -c 'echo $$; ls /bin/ls'
cont=$(section cont | grep -vE '^(Continuing\.)?$')
if [ "$status" -eq 0 ] &&
	grep -qE '^#0 +sys_getpid \(\) at kernel/proc/pid\.c:' <<<"$(section where)" &&
	grep -qE '^ +1 +1 +0 +R +sh +running$' <<<"$(section ps)" &&
	grep -qE '^SIGSYS[[:space:]]+No[[:space:]]+No[[:space:]]+Yes' <<<"$(section sig)" &&
	[ "$(sed -n 1p <<<"$cont")" = 1 ] && [ "$(sed -n 2p <<<"$cont")" = /bin/ls ] &&
	grep -qE '^\[Inferior 1 \(process [0-9]+\) exited normally\]$' <<<"$cont"; then
	ok "mode=seccomp under gdb: SIGSYS and guest faults pass silently, sys_getpid stops, the guest runs to its end"
else
	fail "gdb with mode=seccomp" "status $status" "$out"
fi

report
