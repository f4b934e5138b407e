#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A Debian bookworm root (tools/mkdebian: mmdebstrap minbase, python3,
# procps, rt-tests) booted from its cached ext2 image through a fresh COW
# file each time, unprivileged: bash, coreutils, procps, util-linux and
# su, python3 (sockets, asyncio, multiprocessing, subprocess, threads)
# and hackbench.  Scripts of tests/boot/debian/ run in the guest and,
# where the answer does not depend on the machine, on the host too; the
# outputs must match.  The image is built when missing (about a minute);
# without mmdebstrap or the network, the test skips with the reason.

# shellcheck disable=SC2086 # $AS_USER and hackbench's $args are words
cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

if ! why=$(tools/mkdebian --check); then
	echo "  skip  the Debian root: $why"
	report
	exit
fi
log=$(mktemp)
start=$(date +%s)
if ! image=$(tools/mkdebian 2>"$log"); then
	fail "building the Debian root (tools/mkdebian)" "$(tail -20 "$log")"
	rm -f "$log"
	report
	exit
fi
if grep -q "^mkdebian: made" "$log"; then
	echo "        built $image in $(($(date +%s) - start)) s"
fi
rm -f "$log"

WORK=$(mktemp -d /tmp/tamu-debian.XXXXXX)
chmod 755 "$WORK"
trap 'rm -rf "$WORK" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
# The cache may be in a home that the test user cannot enter: a link (or
# a copy) beside the test.  tamu only reads it: writes go to the COW file.
if [ -n "$AS_USER" ]; then
	ln -f "$image" "$WORK/debian.ext2" 2>/dev/null ||
		cp --sparse=always "$image" "$WORK/debian.ext2"
	image=$WORK/debian.ext2
fi
before=$(stat -c '%s %Y' "$image")
mkdir -m 777 "$WORK/cow"
COW_DIR=$WORK/cow
TAMU_ROOT_IMAGE=$image
# The scripts, shared with the guest at /host.
mkdir -m 755 "$WORK/share"
cp tests/boot/debian/* "$WORK/share/"
chmod 644 "$WORK/share"/*
native_dir() {
	local d
	d=$(mktemp -d "$WORK/native.XXXXXX")
	chmod 777 "$d"
	echo "$d"
}

# guest CMD: run a shell command on the Debian root, through /sbin/init
# (tamu-init: /proc, /run, /dev/shm mounted).  Output goes through a pipe,
# as on the host: the guest's console is a terminal (ls would use columns).
# loglevel=6 lets through the kernel's notice of each system call it does
# not implement; missing[CALL] keeps the first program seen making it.
declare -A missing
guest() {
	local line re='\] (.+) \(pid [0-9]+\): system call ([a-z0-9_]+ \([0-9]+\)) is not implemented'
	run_tamu loglevel=6 hostfs="$WORK/share" -- /sbin/init /bin/bash -c \
		"set -o pipefail; { $1; } 2>&1 | cat"
	while IFS= read -r line; do
		[[ $line =~ $re ]] && [ -z "${missing[${BASH_REMATCH[2]}]}" ] &&
			missing[${BASH_REMATCH[2]}]=${BASH_REMATCH[1]}
	done <<<"$err"
	# What a failure shows of stderr: without those notices.
	err=$(grep -vE '\] tamu version |is not implemented$' <<<"$err")
}

# same NAME NATIVE-CMD GUEST-CMD: the outputs and statuses must match.
same() {
	local name=$1 native
	native=$(cd "$WORK" && timeout 60 $AS_USER bash -c "$2" 2>&1; echo "exit=$?")
	guest "$3"
	if [ "$native" == "$(printf '%s\n' "$out"; echo "exit=$status")" ]; then
		ok "$name as on Linux"
	else
		fail "$name: tamu differs from Linux" \
			"$(diff <(echo "$native") <(printf '%s\n' "$out"; echo "exit=$status") | head -20)" \
			${err:+"stderr: $(tail -5 <<<"$err")"}
	fi
}

guest 'cat /etc/debian_version; uname -sr; readlink /proc/1/exe'
if [ "$status" -eq 0 ] && [[ $out =~ ^12\.[0-9]+$'\n'"Linux "[^$'\n']*$'\n'/usr/bin/bash$ ]]; then
	ok "boots the Debian root: $(head -1 <<<"$out"), init /sbin/init (tamu-init) mounts /proc"
else
	fail "booting the Debian root" "status $status" "$out" "$err"
fi

d=$(native_dir)
same "bash (arrays, coproc, wait -n, traps, process substitution...)" \
	"bash share/bash.sh $d" "bash /host/bash.sh /tmp/bash"
d=$(native_dir)
same "coreutils (ls -l, cp -a, sort, find...)" \
	"bash share/coreutils.sh $d" "bash /host/coreutils.sh /tmp/coreutils"

# Python: one line per topic, each compared with the host's.
d=$(native_dir)
native=$(cd "$WORK" && timeout 60 $AS_USER /usr/bin/python3 share/python.py "$d" 2>&1)
guest "python3 /host/python.py /tmp/python"
while IFS= read -r line; do
	topic=${line%%: *}
	mine=$(grep -F -- "$topic: " <<<"$out")
	if [ "$status" -eq 0 ] && [ "$mine" == "$line" ]; then
		ok "python3: $topic as on Linux"
	else
		fail "python3: $topic" "Linux: $line" "tamu:  $mine (status $status)" \
			${err:+"$(tail -5 <<<"$err")"}
	fi
done <<<"$native"

# The other platforms: position-independent programs load below their
# smaller guest space.
for mode in tt seccomp; do
	run_tamu quiet mode=$mode -- /sbin/init /bin/bash -c \
		'python3 -c "import socket; a, b = socket.socketpair(); a.send(b\"x\"); print(b.recv(1))"'
	if [ "$status" -eq 0 ] && [ "$out" == "b'x'" ]; then
		ok "mode=$mode runs Debian's python3 (position-independent, dynamically linked)"
	else
		fail "Debian on mode=$mode" "status $status" "$out" "$(tail -5 <<<"$err")"
	fi
done

guest 'sleep 30 & echo "sleeper $!"; ps aux; echo "ps status $?"
	su -s /bin/sh nobody -c "ps aux >/dev/null; echo as nobody: \$?"; kill $!'
sleeper=$(sed -n 's/^sleeper //p' <<<"$out")
# procps's header, the host's own where it has procps.
header=$(ps aux 2>/dev/null | head -1)
[[ $header == USER* ]] ||
	header="USER       PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND"
if [ "$status" -eq 0 ] && [ -n "$sleeper" ] &&
	grep -qxF "$header" <<<"$out" &&
	grep -qE "^root +1 .* /bin/bash /sbin/init" <<<"$out" &&
	grep -qE "^root +$sleeper .* S +[0-9:]+ +[0-9:]+ sleep 30$" <<<"$out" &&
	grep -q "^ps status 0" <<<"$out" && grep -q "^as nobody: 0" <<<"$out"; then
	ok "ps aux (procps): the host's header, init and a sleeping child; as root and as nobody"
else
	fail "ps aux" "status $status" "$out" "$(tail -5 <<<"$err")"
fi

# su: the answers are Linux's (a bookworm chroot gives exactly these).
TAMU_TIMEOUT=60 guest "bash /host/su.sh"
for want in "root to nobody: nobody" \
	"login shell: /home/alice /home/alice alice" \
	"alice to bob: Password: bob" \
	$'wrong password: Password: su: Authentication failure\nstatus 1' \
	"set-user-ID: uid=1000(alice) gid=1000(alice) euid=0(root) groups=1000(alice)" \
	"set-group-ID: uid=1000(alice) gid=1000(alice) egid=42(shadow) groups=42(shadow),1000(alice)"; do
	what=${want%%: *}
	if [ "$status" -eq 0 ] && [[ $out == *"$want"* ]]; then
		ok "su and set-ID programs: $what"
	else
		got=$(grep -A"$(($(wc -l <<<"$want") - 1))" -F "$what: " <<<"$out")
		fail "su and set-ID programs: $what" "Linux: $want" \
			"tamu:  ${got:-nothing (status $status)}" ${err:+"$(tail -3 <<<"$err")"}
	fi
done

# procps and util-linux: each command does what it does on Linux as root.
for group in procps util-linux; do
	guest "cd /tmp && bash /host/tools.sh $group"
	mapfile -t failures < <(grep '^FAIL ' <<<"$out")
	total=$(grep -cE '^(ok|FAIL) ' <<<"$out")
	if [ "$status" -eq 0 ] && [ ${#failures[@]} -eq 0 ] && [ "$total" -gt 0 ]; then
		ok "$group: $total commands as on Linux"
	elif [ ${#failures[@]} -gt 0 ]; then
		fail "$group: ${#failures[@]} of $total commands not as on Linux" \
			"${failures[@]}"
	else
		fail "$group" "status $status" "$out"
	fi
done

# Debian's own init, as tamu boots the image without a command: sysvinit
# runs rcS and runlevel 2, getty prompts on the console, root logs in (no
# password on this throwaway root), and poweroff ends tamu with status 0.
# The console is driven through a coprocess, reading up to each prompt.
console_until() {
	local want=$1 c
	while [[ $console != *"$want" ]]; do
		IFS= read -r -t 120 -N 1 c <&"${BOOT[0]}" || return 1
		console+=$c
	done
}

for mode in skas tt seccomp; do
	console=""
	root_disk_args
	coproc BOOT { cd "$TAMU_DIR" && exec timeout -k 2 240 $AS_USER \
		"$TAMU" "${disk_args[@]}" quiet mode=$mode 2>&1; }
	pid=$BOOT_PID
	if console_until "tamu login: " && echo root >&"${BOOT[1]}" &&
		console_until "root@tamu:~# " &&
		echo 'cat /proc/1/comm; runlevel; echo "lo""gged in as $(id -un)"' \
			>&"${BOOT[1]}" && console_until "root@tamu:~# "; then
		echo poweroff >&"${BOOT[1]}"
		# The rest, to the end: the halt scripts and tamu's exit.
		console+=$(tr -d '\0' <&"${BOOT[0]}")
	fi
	wait "$pid"
	status=$?
	if [ "$status" -eq 0 ] && grep -q "INIT: Entering runlevel: 2" <<<"$console" &&
		grep -qE $'init\r?$' <<<"$console" &&
		grep -qE $'^N 2\r?$' <<<"$console" &&
		grep -qE $'^logged in as root\r?$' <<<"$console" &&
		grep -q "system halt NOW" <<<"$console"; then
		ok "Debian's init (sysvinit) boots to a login prompt on the console, root logs in, poweroff ends tamu (mode=$mode)"
	else
		fail "booting Debian's init (mode=$mode)" "status $status" \
			"$(tail -25 <<<"$console")"
	fi
done

# hackbench (rt-tests): 4 groups of 20 senders and 20 receivers, each
# sender passing 200 messages to each receiver of its group, over socket
# pairs, pipes, and with threads; the guest's times beside the host's.
for mode in "socket:" "pipe:-p" "thread:-T"; do
	name=${mode%%:*} flag=${mode#*:}
	args="${flag:+$flag }-g 4 -l 200"
	TAMU_TIMEOUT=300 guest "hackbench $args"
	guest_time=$(sed -n 's/^Time: //p' <<<"$out")
	native_time=""
	head_want=$'Running in '
	if command -v hackbench >/dev/null; then
		native=$(timeout 60 $AS_USER hackbench $args 2>&1)
		native_time=$(sed -n 's/^Time: //p' <<<"$native")
		head_want=$(head -2 <<<"$native")
	fi
	if [ "$status" -eq 0 ] && [ -n "$guest_time" ] &&
		[[ $out == "$head_want"* ]]; then
		ok "hackbench $args ($name): ${guest_time} s${native_time:+, natively $native_time s}"
	else
		fail "hackbench $args ($name)" "status $status" \
			"$out" "$(tail -5 <<<"$err")"
	fi
done

# Not a check: what the programs above asked for in vain (most cope).
if [ ${#missing[@]} -gt 0 ]; then
	echo "        system calls tamu does not implement, made by the programs above:"
	for call in "${!missing[@]}"; do
		echo "          $call by ${missing[$call]}"
	done | sort
fi

if [ "$(stat -c '%s %Y' "$image")" = "$before" ]; then
	ok "the cached image is unchanged: every write went to a COW file"
else
	fail "the cached image changed"
fi

report
