# SPDX-License-Identifier: GPL-2.0-only
# procps and util-linux on the Debian root: each command must do on tamu
# what it does on Linux for root.  Prints "ok CMD" or "FAIL CMD: why";
# tests/boot/debian.sh counts.  Usage: bash tools.sh procps|util-linux
export LC_ALL=C

# try CMD...: CMD exits 0.
try() {
	local out
	if out=$("$@" 2>&1 </dev/null); then
		echo "ok $*"
	else
		echo "FAIL $*: status $?: $(tail -1 <<<"$out")"
	fi
}

# want VALUE CMD...: CMD exits 0 and prints VALUE (blanks squeezed).
want() {
	local value=$1 out
	shift
	out=$("$@" 2>&1 </dev/null | sed -E 's/^ +//; s/ +/ /g'; exit "${PIPESTATUS[0]}")
	if [ $? -eq 0 ] && [ "$out" = "$value" ]; then
		echo "ok $*"
	else
		echo "FAIL $*: printed '$(tail -1 <<<"$out")', not '$value'"
	fi
}

sleep 30 &
sleeper=$!
case $1 in
procps)
	try ps aux
	want "S sleep 30" ps -o stat=,args= -p "$sleeper"
	try ps -eo pid,ppid,ni,pri,stat,wchan,etime,time,rss,vsz,args
	want "$sleeper" pgrep -f "^sleep 30"
	try pkill -0 -f "^sleep 30"
	try top -b -n 1
	try free
	try uptime
	try w
	try vmstat
	try vmstat -s
	try pmap "$sleeper"
	want "$sleeper: $PWD" pwdx "$sleeper"
	try sysctl kernel.hostname
	try pidwait --help
	;;
util-linux)
	# The process attributes the scheduler keeps.
	want 5 nice -n 5 nice
	try renice -n 3 -p "$sleeper"
	want 3 ps -o ni= -p "$sleeper"
	try taskset -p "$sleeper"
	try taskset -c 0 true
	try chrt -p "$sleeper"
	try chrt -o 0 true
	try ionice -p "$sleeper"
	try ionice -c 3 true
	try prlimit --pid "$sleeper"
	# Identity and privileges.
	want nobody runuser -u nobody -- id -un
	want 65534 setpriv --reuid=65534 --regid=65534 --clear-groups id -u
	try setpriv --dump
	try setsid -w true
	try script -q -c true /dev/null
	# What the kernel shows of itself.
	try dmesg
	try lsblk
	try lscpu
	try findmnt /
	try mount
	;;
esac
kill "$sleeper"
