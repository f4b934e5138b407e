# SPDX-License-Identifier: GPL-2.0-only
# Shared by the shell tests: counting results, and running tamu the way a
# user would: unprivileged, and under a timeout so a hang fails the test.

TAMU_TIMEOUT=${TAMU_TIMEOUT:-20}
passed=0
failed=0

ok() {
	passed=$((passed + 1))
	echo "  ok    $1"
}

fail() {
	failed=$((failed + 1))
	echo "  FAIL  $1"
	shift
	for line in "$@"; do
		echo "        $line"
	done
}

# ok OK if the guest's output and status ($out, $status, from run_tamu)
# are the native run's ($native, output then "exit=N"); else fail FAIL
# with both.
compare_native() {
	if [ "$native" == "$(printf '%s\n' "$out"; echo "exit=$status")" ]; then
		ok "$1"
	else
		fail "$2" "native: $native" "guest: $out" "$err"
	fi
}

# The closing line tests/run-all adds up.
report() {
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

# tamu refuses nothing as root, but users do not run it as root: as root,
# run it as nobody from a copy that nobody can read.  TAMU_COPY names that
# copy's directory, for removal; it is empty when TAMU_DIR is the user's
# own tree, which no trap may remove.
setup_tamu() {
	local src=$1
	if [ "$(id -u)" -eq 0 ]; then
		TAMU_DIR=$(mktemp -d /tmp/tamu-test.XXXXXX)
		TAMU_COPY=$TAMU_DIR
		cp "$src" "$TAMU_DIR/tamu"
		chmod 755 "$TAMU_DIR" "$TAMU_DIR/tamu"
		AS_USER="setpriv --reuid=65534 --regid=65534 --clear-groups --"
		trap 'rm -rf "$TAMU_COPY"' EXIT
	else
		TAMU_DIR=$(cd "$(dirname "$src")" && pwd)
		TAMU_COPY=""
		AS_USER=""
	fi
	TAMU="$TAMU_DIR/tamu"
}

# With TAMU_ROOT_IMAGE set to an ext2 image, every boot has that image as
# its root through a fresh COW file: the image itself never changes.
root_disk_args() {
	[ -n "$TAMU_ROOT_IMAGE" ] || return 0
	if [ -z "$COW_DIR" ]; then
		COW_DIR=$(mktemp -d /tmp/tamu-cow.XXXXXX)
		chmod 777 "$COW_DIR"
		trap 'rm -rf "$COW_DIR" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
	fi
	rm -f "$COW_DIR/cow"
	disk_args=("ubd0=$COW_DIR/cow,$TAMU_ROOT_IMAGE" root=/dev/ubda)
}

# run_tamu ARGS...: sets $status, $out and $err.  A hang is status 124.
# TAMU_OPTS (say mode=seccomp) goes before ARGS, which can override it.
run_tamu() {
	local o e disk_args=()
	o=$(mktemp) e=$(mktemp)
	chmod 666 "$o" "$e"
	root_disk_args
	(cd "$TAMU_DIR" && timeout -k 2 "$TAMU_TIMEOUT" $AS_USER "$TAMU" \
		"${disk_args[@]}" $TAMU_OPTS "$@" </dev/null >"$o" 2>"$e")
	status=$?
	out=$(cat "$o")
	err=$(cat "$e")
	rm -f "$o" "$e"
	if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
		echo "        tamu $* did not finish in ${TAMU_TIMEOUT}s"
	fi
}

# run_denied CALL ARGS...: run_tamu where the host's seccomp policy makes
# the system call CALL fail with EPERM (tests/boot/deny), as a container's
# default profile does for ptrace.
run_denied() {
	local call=$1 deny=$PWD/tests/boot/deny tamu=$TAMU
	shift
	if [ -n "$AS_USER" ]; then
		cp "$deny" "$TAMU_DIR/deny" && chmod 755 "$TAMU_DIR/deny"
		deny=$TAMU_DIR/deny
	fi
	TAMU=$deny
	run_tamu "$call" -- "$tamu" "$@"
	TAMU=$tamu
}

# read_counters: c[NAME]=VALUE for each "NAME VALUE" line of $out (what
# /proc/tamu/stats and tests/guest/counters.c print).
declare -A c
read_counters() {
	local name value
	c=()
	while read -r name value; do
		[ -n "$name" ] && c[$name]=$value
	done <<<"$out"
}
