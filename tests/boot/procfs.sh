#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The busybox tools that read /proc, run in tamu: ps, top, free, uptime,
# mount, pidof, killall, sysctl and hostname, and fd listings.  What they
# show is the guest's own, so each check says what it must be (the real
# pids, the mem= size...) rather than comparing with a native run; the C
# side is tests/guest/procfs.c.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"
# shellcheck disable=SC2206
opts=(quiet mem=128M $TAMU_OPTS)

# run_sh SCRIPT: run it as init's command with /proc mounted.
run_sh() {
	run_tamu "${opts[@]}" -- /bin/sh -c "mount -t proc proc /proc; $1"
}

# expect DESC REGEX...: every extended regex matches a line of $out, and
# stderr is empty (no "ps: ..." complaints).
expect() {
	local desc=$1 re missing=""
	shift
	for re in "$@"; do
		grep -qE -- "$re" <<<"$out" || missing="$missing [$re]"
	done
	if [ "$status" -eq 0 ] && [ -z "$missing" ] && [ -z "$err" ]; then
		ok "$desc"
	else
		fail "$desc" "status $status" "missing:$missing" "$out" \
			"stderr: $err"
	fi
}

run_sh 'sleep 5 & echo "sleeper $!"; ps aux; kill $!'
sleeper=$(sed -n 's/^sleeper //p' <<<"$out")
expect "ps aux lists init's shell and a sleeping child by their pids" \
	'^PID +USER +COMMAND' '^ +1 root +/bin/sh -c mount' \
	"^ +$sleeper root +sleep 5\$"

run_sh 'sleep 5 & echo "sleeper $!"; ps -o pid,ppid,user,stat,vsz,rss,args; kill $!'
sleeper=$(sed -n 's/^sleeper //p' <<<"$out")
expect "ps -o pid,ppid,user,stat,vsz,rss,args: the sleeper's real numbers" \
	'^PID +PPID +USER +STAT +VSZ +RSS +COMMAND' \
	'^ +1 +0 +root +S +[0-9.]+m? +[1-9][0-9]* +/bin/sh -c' \
	"^ +$sleeper +1 +root +S +[0-9.]+m? +[1-9][0-9]* +sleep 5\$"

run_sh 'sleep 5 & top -bn1; kill $!'
expect "top -bn1: memory, CPU and load lines, then the processes" \
	'^Mem: [0-9]+K used, [0-9]+K free, [0-9]+K shrd, [0-9]+K buff, [0-9]+K cached$' \
	'^CPU: +[0-9]+% usr +[0-9]+% sys .*[0-9]+% idle' \
	'^Load average: [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+\.[0-9]{2} [0-9]+/[0-9]+ [0-9]+$' \
	'^ +PID +PPID +USER +STAT +VSZ +%VSZ +%CPU +COMMAND' \
	'^ +1 +0 +root +S +[0-9]+ +[0-9]+% +[0-9]+% +/bin/sh -c' \
	'^ +[0-9]+ +1 +root +S +[0-9]+ .* sleep 5$' \
	'^ +[0-9]+ +1 +root +R +[0-9]+ .* top -bn1$'

# free: the total is mem= less the page map; the rest adds up to it.
run_sh 'free'
read -r total used free_ shared cache avail <<<"$(awk '/^Mem:/ { print $2, $3, $4, $5, $6, $7 }' <<<"$out")"
if [ "$status" -eq 0 ] && [ -z "$err" ] && [ -n "$total" ] &&
	[ "$total" -gt $((131072 * 97 / 100)) ] && [ "$total" -le 131072 ] &&
	[ $((used + free_ + cache)) -eq "$total" ] && [ "$used" -gt 0 ] &&
	[ "$shared" -gt 0 ] && [ "$avail" -le "$total" ]; then
	ok "free: ${total}K total of mem=128M, used + free + cache add up"
else
	fail "free" "status $status" "$out" "stderr: $err"
fi

run_sh 'uptime; cat /proc/loadavg'
expect "uptime shows the time up and the load averages" \
	'up +[0-9]+ min, +[0-9]+ users?, +load average: [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}, [0-9]+\.[0-9]{2}$'

# The 1-minute average after a CPU-bound loop has run for one sample.
run_sh '(while :; do :; done) & sleep 6; cat /proc/loadavg; kill $!'
load=$(awk 'NR == 1 { print $1 }' <<<"$out")
if [ "$status" -eq 0 ] && [[ $load =~ ^0\.[0-9]{2}$ ]] && [ "$load" != "0.00" ]; then
	ok "a busy loop raises the 1-minute load average to $load"
else
	fail "load average under load" "status $status" "$out" "stderr: $err"
fi

run_sh 'mount -t tmpfs -o nosuid,nodev tmpfs /tmp; mount'
expect "mount lists the mounts with their types and flags" \
	'^rootfs on / type rootfs \(rw\)$' '^proc on /proc type proc \(rw,relatime\)$' \
	'^tmpfs on /tmp type tmpfs \(rw,nosuid,nodev,relatime\)$'

run_sh 'sleep 5 & echo "sleeper $!"; echo "sh $(pidof sh)"; echo "sleep $(pidof sleep)"; killall -0 sleep; echo "alive $?"; killall sleep; wait $!; echo "killed $?"; killall -0 sleep 2>/dev/null; echo "gone $?"'
sleeper=$(sed -n 's/^sleeper //p' <<<"$out")
expect "pidof and killall find processes by name" '^sh 1$' \
	"^sleep $sleeper\$" '^alive 0$' '^killed 143$' '^gone 1$'

run_sh 'hostname guest1; cat /proc/sys/kernel/hostname; echo guest2 > /proc/sys/kernel/hostname; hostname; uname -n; sysctl kernel.hostname kernel.ostype'
expect "hostname, uname and /proc/sys/kernel/hostname are one name" \
	'^guest1$' '^guest2$' '^kernel.hostname = guest2$' \
	'^kernel.ostype = Linux$'
[ "$(grep -c '^guest2$' <<<"$out")" -eq 2 ] ||
	fail "uname -n after writing /proc/sys/kernel/hostname" "$out"

# What lsof would list: every process's descriptors, by path.
run_sh 'sleep 5 < /etc/passwd | cat & for p in /proc/[0-9]*; do echo "$p $(cat $p/comm)"; ls -l $p/fd; done; kill %1'
expect "fd/ of every process: paths, the console, pipes" \
	'^/proc/1 sh$' ' 0 -> /dev/console$' ' 0 -> /etc/passwd$' \
	' 1 -> pipe:\[[0-9]+\]$' ' 0 -> pipe:\[[0-9]+\]$'

# Opening fd/N, exe, cwd and root reaches the object itself: a pipe (as
# /dev/stdin), a deleted file; only for the process's owner or root (pid 1
# stays the root shell: "; true" keeps it from exec'ing su).
run_sh 'echo piped | cat /dev/stdin; echo kept > /tmp/f; exec 5</tmp/f; rm /tmp/f; cat /proc/self/fd/5; head -c 4 /proc/self/exe | od -An -c; ls /proc/1/cwd/ | grep -c .; su user -c "cat /proc/1/root/etc/hostname" 2>&1; true'
expect "fd/, exe, cwd, root open what they stand for, not their names" \
	'^piped$' '^kept$' '^ +177 +E +L +F$' '^[1-9][0-9]*$' \
	"can't open '/proc/1/root/etc/hostname': Permission denied$"

# The kernel log: a line written to /dev/kmsg at level 5 comes back from
# syslog(2) (busybox dmesg) and from /dev/kmsg in Linux's formats; only
# root may clear it.
run_sh 'echo "<5>tamu-kmsg-probe" > /dev/kmsg; dmesg | grep -c "\] tamu-kmsg-probe$"; dmesg -r | grep -o "<5>\[ *[0-9.]*\] tamu-kmsg-probe"; timeout 1 cat /dev/kmsg | grep -E "^5,[0-9]+,[0-9]+,-;tamu-kmsg-probe$"; su user -c "dmesg -c" 2>&1; dmesg -c >/dev/null; dmesg | wc -l'
expect "the kernel log: /dev/kmsg and syslog(2) (dmesg) in Linux's formats" \
	'^1$' '^<5>\[ *[0-9]+\.[0-9]{6}\] tamu-kmsg-probe$' \
	'^5,[0-9]+,[0-9]+,-;tamu-kmsg-probe$' 'klogctl: Operation not permitted$' '^0$'

# Limits and ids in Linux's places: cmdline, swaps, partitions, the random
# directory (boot_id fixed, uuid new each read), file-nr, nr_open (root
# may set it within Linux's bounds).
run_sh 'cat /proc/cmdline; cat /proc/swaps; cat /proc/partitions; cd /proc/sys; echo "cap $(cat kernel/cap_last_cap) groups $(cat kernel/ngroups_max) ids $(cat kernel/overflowuid) $(cat kernel/overflowgid)"; a=$(cat kernel/random/boot_id); b=$(cat kernel/random/boot_id); [ "$a" = "$b" ] && echo boot_id steady; [ "$(cat kernel/random/uuid)" != "$(cat kernel/random/uuid)" ] && echo uuid fresh; cat kernel/random/boot_id; cat fs/file-nr; echo 2000000 > fs/nr_open; cat fs/nr_open; (echo 10 > fs/nr_open) 2>&1; true'
expect "cmdline, swaps, partitions, kernel/random, fs/file-nr and nr_open as on Linux" \
	'(^| )quiet( |$)' '^Filename[[:space:]]+Type[[:space:]]+Size[[:space:]]+Used[[:space:]]+Priority$' \
	'^major minor  #blocks  name$' '^cap 40 groups 64 ids 65534 65534$' \
	'^boot_id steady$' '^uuid fresh$' \
	'^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' \
	'^[0-9]+[[:space:]]0[[:space:]]9223372036854775807$' '^2000000$' 'write error: Invalid argument$'

# /proc/devices and /proc/tty: the majors and terminal drivers tamu has,
# in Linux's formats, each major's name matching the nodes in /dev.
run_sh 'cat /proc/devices /proc/tty/drivers /proc/tty/ldiscs; ls -l /dev/ptmx /dev/null /dev/loop0 | tr -s " " | cut -d" " -f5,6'
expect "/proc/devices and /proc/tty/drivers, ldiscs as on Linux" \
	'^Character devices:$' '^  1 mem$' '^  5 /dev/ptmx$' '^136 pts$' \
	'^Block devices:$' '^  7 loop$' \
	'^/dev/tty             /dev/tty        5       0 system:/dev/tty$' \
	'^pty_slave            /dev/pts      136 0-1048575 pty:slave$' \
	'^n_tty       0$' '^5, 2$' '^1, 3$' '^7, 0$'

# sysfs: Linux's top directories, the one CPU, THP off; read only.
run_sh 'mount -t sysfs sysfs /sys; ls /sys | tr "\n" " "; echo; cat /sys/devices/system/cpu/possible /sys/devices/system/cpu/online /sys/kernel/mm/transparent_hugepage/enabled; grep " /sys " /proc/mounts; echo x > /sys/devices/system/cpu/online; true'
expect "sysfs: Linux's top directories, the CPU lists, THP never, read only" \
	'^block bus class dev devices firmware fs kernel module power $' \
	'^0$' '^always madvise \[never\]$' '^sysfs /sys sysfs ' \
	'can.t create /sys/devices/system/cpu/online: (Permission denied|Read-only file system)'

# A dead process's names leave /proc (Linux's proc_flush_pid): 300 short
# processes whose /proc/PID, stat and task/ were read leave no dentries.
run_sh 'mount -t sysfs s /sys; d() { grep "^dentry " /proc/slabinfo | tr -s " " | cut -d" " -f2; }
for i in $(seq 20); do sleep 0 & cat /proc/$!/stat /proc/$!/task/$!/stat >/dev/null 2>&1; wait; done
a=$(d); for i in $(seq 300); do sleep 0.01 & ls /proc/$!/task >/dev/null; cat /proc/$!/status >/dev/null; wait; done; b=$(d)
echo "dentries $a then $b"; [ $((b - a)) -lt 30 ] && echo "no dentries left"'
expect "/proc/PID of 300 dead processes: their dentries go" '^no dentries left$'

# /proc/config.gz: the Linux options tamu answers as, then its own .config.
run_sh 'zcat /proc/config.gz > /tmp/c && grep -c "^CONFIG_\|^# CONFIG_" /tmp/c && grep -E "^CONFIG_IKCONFIG_PROC=|^# CONFIG_MODULES |^CONFIG_MODE_SKAS=" /tmp/c'
expect "/proc/config.gz: kernel/linux.config and tamu's .config, gzipped" \
	"^$(grep -cE '^CONFIG_|^# CONFIG_' kernel/linux.config .config | awk -F: '{ n += $2 } END { print n }')\$" \
	'^CONFIG_IKCONFIG_PROC=y$' '^# CONFIG_MODULES is not set$' '^CONFIG_MODE_SKAS=y$'

report
