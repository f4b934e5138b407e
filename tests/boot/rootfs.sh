#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# rootfs=DIR: the host's directory as the guest's root, read-only, under
# an overlay whose upper layer is a tmpfs.  Host programs run (dynamically
# linked ones too); the guest creates, changes and deletes files over a
# directory the test makes, sees its changes, and the directory is
# byte-identical afterwards.  In mode=skas, tt and seccomp.  Bad rootfs=
# options are one line and status 2.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

# Not in /tmp, where the guest has a tmpfs of its own.
WORK=$(mktemp -d /var/tmp/tamu-rootfs.XXXXXX) || exit 1
trap 'rm -rf "$WORK" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
LOW=$WORK/lower
chmod 755 "$WORK"
mkdir -p "$LOW/dir/sub" "$LOW/gone-dir/inner" "$LOW/keep"
echo "data" >"$LOW/file"
echo "appended to" >"$LOW/append"
echo "to be removed" >"$LOW/gone"
echo "moved" >"$LOW/old-name"
echo "deep" >"$LOW/dir/sub/deep"
echo "inner" >"$LOW/gone-dir/inner/f"
head -c 200000 /dev/urandom >"$LOW/big"
ln -s file "$LOW/link"
chmod -R go+rX "$LOW"

# Names, kinds, modes, sizes, times and contents.
fingerprint() {
	(cd "$1" && find . -printf '%p %y %m %s %T@ %l\n' | LC_ALL=C sort &&
		find . -type f -exec sha256sum {} + | LC_ALL=C sort)
}
before=$(fingerprint "$LOW")

# The changes, made in the guest; then what the guest sees.
changes="cd $LOW &&
echo new >new && echo more >>append && rm gone && rm -r gone-dir &&
mv old-name new-name && chmod 600 file && mkdir made &&
echo made >made/f && ln -s new newlink && truncate -s 10 big &&
touch -d 2001-01-01 keep && rm dir/sub/deep && rmdir dir/sub &&
echo over >link &&
ls -A . | tr '\n' ' ' && echo &&
cat new append new-name made/f file && stat -c '%a %s' file big &&
ls -A dir | wc -l && ls gone 2>&1 | sed 's/.*: //'"
want="append big dir file keep link made new new-name newlink 
new
appended to
more
moved
made
over
600 5
644 10
0
No such file or directory"

for mode in skas tt seccomp; do
	what=" (mode=$mode)"
	run_tamu quiet mode=$mode rootfs=/ -- /bin/sh -c 'echo hello'
	if [ "$status" -eq 0 ] && [ "$out" = "hello" ]; then
		ok "rootfs=/: the host's /bin/sh runs$what"
	else
		fail "rootfs=/ -- /bin/sh -c 'echo hello'$what" "status $status" \
			"$out" "$err"
	fi

	# bash is dynamically linked: the host's ld.so and libc load.
	run_tamu quiet mode=$mode rootfs=/ -- /bin/bash -c \
		'echo hi >/tmp/x; cat /tmp/x; ls /etc | head -5'
	host_etc=$(LC_ALL=C ls /etc | head -5)
	if [ "$status" -eq 0 ] && [ "$out" = "hi"$'\n'"$host_etc" ]; then
		ok "rootfs=/: dynamically linked bash, /tmp, the host's /etc$what"
	else
		fail "rootfs=/ -- /bin/bash$what" "status $status" \
			"want: hi $host_etc" "got: $out" "$err"
	fi

	run_tamu quiet mode=$mode rootfs=/ -- /bin/sh -c "$changes"
	after=$(fingerprint "$LOW")
	if [ "$status" -eq 0 ] && [ "$out" = "$want" ]; then
		ok "rootfs=/: files made, changed, moved and removed over a host directory$what"
	else
		fail "changes over the lower directory$what" "status $status" \
			"want: $want" "got: $out" "$err"
	fi
	if [ "$before" = "$after" ]; then
		ok "rootfs=/: the host directory is byte-identical afterwards$what"
	else
		fail "the host directory changed$what" \
			"$(diff <(echo "$before") <(echo "$after"))"
	fi

	# The root is an overlay; /proc, /sys, /dev, /tmp are the guest's;
	# the host directory cannot be mounted again, writable or not.
	run_tamu quiet mode=$mode rootfs=/ -- /bin/sh -c \
		'stat -f -c %T / /tmp; cat /proc/self/comm; ls /sys/kernel >/dev/null &&
		echo sys; ls /dev/null; mkdir -p /tmp/h &&
		mount -t hostfs none /tmp/h -o / 2>/dev/null || echo no hostfs'
	if [ "$status" -eq 0 ] && [ "$out" = "overlayfs
tmpfs
cat
sys
/dev/null
no hostfs" ]; then
		ok "rootfs=/: an overlay root, /proc, /sys, /dev, /tmp; no hostfs mounts$what"
	else
		fail "rootfs=/ mounts$what" "status $status" "$out" "$err"
	fi
done

# Bad options: one line, status 2.
for bad in "rootfs=relative" "rootfs=$WORK/nothere" "rootfs=$LOW/file" \
	"rootfs=/ root=/dev/ubda" "rootfs=/ hostfs=/tmp"; do
	# shellcheck disable=SC2086
	run_tamu quiet $bad -- /bin/true
	if [ "$status" -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] &&
		grep -q "rootfs=" <<<"$err"; then
		ok "$bad: one line, status 2"
	else
		fail "$bad" "status $status" "$out" "$err"
	fi
done

report
