#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Smoke tests of the tamu binary: the command line, a boot to the point
# where init would start, and the panic path.  tamu runs unprivileged and
# under a timeout (tests/lib.sh).

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

lines() {
	[ -z "$1" ] && echo 0 || printf '%s\n' "$1" | wc -l
}

# expect_usage_error ARG WORDS: exit status 2 and one stderr line that
# names ARG and says WORDS.
expect_usage_error() {
	local arg=$1 words=$2
	run_tamu "$arg"
	if [ "$status" -eq 2 ] && [ "$(lines "$err")" -eq 1 ] &&
		[[ $err == "tamu: $arg: "*"$words"* ]] && [ -z "$out" ]; then
		ok "'$arg' is refused: $err"
	else
		fail "'$arg' should exit 2 with one line naming it" \
			"status $status" "stderr: $err" "stdout: $out"
	fi
}

run_tamu --help
missing=""
for opt in mem=SIZE init=PATH mode=MODE quiet loglevel=N break=STAGE \
	forcepanic --help --version; do
	grep -q -- "^  $opt " <<<"$out" || missing="$missing $opt"
done
if [ "$status" -eq 0 ] && [ -z "$missing" ] && [ -z "$err" ]; then
	ok "--help lists every option on stdout and exits 0"
else
	fail "--help" "status $status" "missing:$missing" "stderr: $err"
fi

run_tamu --version
if [ "$status" -eq 0 ] && [[ $out =~ ^tamu\ [0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	ok "--version prints '$out'"
else
	fail "--version" "status $status" "stdout: $out"
fi

expect_usage_error mem=12X "not a size"
expect_usage_error mem=1M "too small"
expect_usage_error mem=128G "too large"
expect_usage_error bogus=1 "unknown option"
expect_usage_error -x "unknown option"
expect_usage_error loglevel=9 "not a level"
expect_usage_error mode=nosuch "unknown mode"
expect_usage_error break=later "unknown stage"
expect_usage_error quiet=1 "takes no value"
expect_usage_error init= "needs the path"
expect_usage_error mem "needs a value"
expect_usage_error ubd8=disk.img "no such device"
expect_usage_error ubd0=a,b,c "not COW,IMAGE or IMAGE"
expect_usage_error root=ubda "needs a device"
expect_usage_error hostfs=share "needs an absolute host directory"

# A disk image that cannot be used names its option too (after memory is
# up, so only with quiet is it the one line).
run_tamu quiet ubd1=/nonexistent/disk.img
if [ "$status" -eq 2 ] && [ "$err" = "tamu: ubd1=/nonexistent/disk.img: cannot open /nonexistent/disk.img: No such file or directory" ]; then
	ok "a missing ubd image is refused: $err"
else
	fail "a missing ubd image should exit 2 naming it" "status $status" "$err"
fi

# Files that are no disks: refused at boot, not with EIO later.
: >"$TAMU_DIR/empty.img"
head -c 100 /dev/zero >"$TAMU_DIR/short.img"
chmod 666 "$TAMU_DIR/empty.img" "$TAMU_DIR/short.img"
bad=""
for pair in "/dev/null:/dev/null is not a regular file" \
	"empty.img:empty.img is empty: a disk holds at least one 512-byte sector" \
	"short.img:short.img is 100 bytes: a disk holds at least one 512-byte sector"; do
	run_tamu quiet "ubd0=${pair%%:*}" root=/dev/ubda
	[ "$status" -eq 2 ] && [ "$err" = "tamu: ubd0=${pair%%:*}: ${pair#*:}" ] ||
		bad="$bad|${pair%%:*}: status $status: $err"
done
[ -z "$bad" ] && ok "/dev/null, an empty file and a 100-byte file are refused as disks in one line each, status 2" ||
	fail "files that are no disks" "${bad#|}"

# tamu -- with no program: refused, not a boot of the default init.
run_tamu --
[ "$status" -eq 2 ] && [ "$err" = "tamu: --: no program after it (leave it out to boot init)" ] &&
	ok "'--' with nothing after it is refused: $err" ||
	fail "'--' alone" "status $status" "$err"

# Every argument after --, past the 63 once kept; more than execve takes
# (a quarter of the guest's 8 MiB stack limit; the host's is raised so it
# takes them) is one line and status 2.
# shellcheck disable=SC2046
run_tamu quiet -- /bin/echo $(seq 1 5000)
words=$(wc -w <<<"$out")
run_tamu_big() {
	(ulimit -s 16384 && run_tamu quiet -- /bin/true $(seq -f '%010g' 1 200000) &&
		printf '%s\n%s\n' "$status" "$err")
}
big=$(run_tamu_big)
if [ "$words" -eq 5000 ] && [ "$(sed -n 1p <<<"$big")" = 2 ] &&
	[ "$(sed -n '2,$p' <<<"$big")" = "tamu: --: the program's arguments are more than execve takes (Argument list too long)" ]; then
	ok "5000 arguments after -- all reach the program; 3.8 MB of them is one line and status 2"
else
	fail "arguments after --" "words: $words" "$big"
fi

run_tamu break=init
if [ "$status" -eq 0 ] && grep -q 'Memory: [0-9]*K available' <<<"$err" &&
	grep -q 'break=init: halting' <<<"$err"; then
	ok "break=init boots to the init point and halts with status 0"
else
	fail "break=init" "status $status" "stderr: $err"
fi

# 64M minus the page map (48 bytes a frame): between 60M and 64M free.
run_tamu mem=64M break=mm
avail=$(sed -nE 's/.*Memory: ([0-9]+)K available.*/\1/p' <<<"$err")
if [ "$status" -eq 0 ] && [ -n "$avail" ] && [ "$avail" -gt 61440 ] &&
	[ "$avail" -lt 65536 ] && ! grep -q Platform <<<"$err"; then
	ok "mem=64M gives ${avail}K, and break=mm stops before init setup"
else
	fail "mem=64M break=mm" "status $status" "stderr: $err"
fi

run_tamu quiet break=init
if [ "$status" -eq 0 ] && [ -z "$err" ]; then
	ok "quiet keeps informational messages off stderr"
else
	fail "quiet" "status $status" "stderr: $err"
fi

run_tamu break=init -- bogus=1 --help
if [ "$status" -eq 0 ] && grep -q 'Command line: break=init -- bogus=1 --help' <<<"$err"; then
	ok "arguments after -- are init's, not tamu's"
else
	fail "-- passes arguments to init" "status $status" "stderr: $err"
fi

run_tamu forcepanic
if [ "$status" -eq 70 ] &&
	grep -q 'Kernel panic - not syncing: forced by the forcepanic' <<<"$err" &&
	grep -qE '\] panic\+0x' <<<"$err" &&
	grep -qE '\] force_panic\+0x' <<<"$err" &&
	grep -qE '\] start_kernel\+0x' <<<"$err"; then
	ok "forcepanic: panic status 70 and a backtrace naming panic, force_panic, start_kernel"
else
	fail "forcepanic" "status $status" "stderr: $err"
fi

# A panic is printed even when the log is silenced.
run_tamu loglevel=0 forcepanic
if [ "$status" -eq 70 ] && grep -q 'Kernel panic' <<<"$err" &&
	! grep -q 'Memory:' <<<"$err"; then
	ok "a panic is reported even with loglevel=0"
else
	fail "loglevel=0 forcepanic" "status $status" "stderr: $err"
fi

# devtmpfs on /dev and devpts on /dev/pts, with Linux's device numbers
# (its admin-guide/devices.txt) and devtmpfs's modes; a disk's node comes
# from its driver.  Without io_uring on the host there is no disk.
truncate -s 1M "$TAMU_DIR/ubd.img" && chmod 666 "$TAMU_DIR/ubd.img"
ls_dev='ls -l /dev /dev/pts; mount -t proc proc /proc; cat /proc/mounts'
run_tamu quiet ubd0=ubd.img -- /bin/sh -c "$ls_dev"
disk="brw------- 98 0 ubda"
if [ "$status" -eq 2 ] && grep -q "io_uring" <<<"$err"; then
	run_tamu quiet -- /bin/sh -c "$ls_dev"
	disk=""
fi
rm -f "$TAMU_DIR/ubd.img"
missing=""
while read -r perm major minor name; do
	[ -z "$perm" ] && continue
	grep -qE "^$perm +1 root +root +$major, +$minor .* $name\$" <<<"$out" ||
		missing="$missing $name($major,$minor)"
done <<EOF
crw-rw-rw- 1 3 null
crw-rw-rw- 1 5 zero
crw-rw-rw- 1 7 full
crw-rw-rw- 1 8 random
crw-rw-rw- 1 9 urandom
crw-rw-rw- 5 0 tty
crw------- 5 1 console
crw-rw-rw- 5 2 ptmx
c--------- 5 2 ptmx
crw------- 4 64 ttyS0
$disk
EOF
for want in ' fd -> /proc/self/fd$' ' stdin -> /proc/self/fd/0$' \
	' stdout -> /proc/self/fd/1$' ' stderr -> /proc/self/fd/2$' \
	'^drwxrwxrwt .* shm$' '^drwxr-xr-x .* pts$' \
	'^devtmpfs /dev devtmpfs ' '^devpts /dev/pts devpts '; do
	grep -qE -- "$want" <<<"$out" || missing="$missing '$want'"
done
if [ "$status" -eq 0 ] && [ -z "$missing" ]; then
	ok "ls -l /dev: devtmpfs nodes with Linux's numbers, devpts on /dev/pts"
else
	fail "ls -l /dev" "status $status" "missing:$missing" "$out" "$err"
fi

# A host whose seccomp policy forbids ptrace (a container's default
# profile does): one message naming it, and the host-failure status.
run_denied ptrace quiet -- /bin/true
if [ "$status" -eq 71 ] && [ "$(lines "$err")" -eq 1 ] &&
	grep -q 'cannot run on this host: the host forbids ptrace' <<<"$err"; then
	ok "a host that forbids ptrace: one line naming it, status 71"
else
	fail "ptrace forbidden" "status $status" "stderr: $err"
fi

report
