#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# hostfs: a host directory shared with the guest at /host.  The guest sees
# its files as the host has them, its changes reach the host, it notices
# the host's changes, and it cannot reach a host file outside the
# directory: not by "..", not by a symlink, not by mounting.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

WORK=$(mktemp -d /tmp/tamu-hostfs.XXXXXX)
trap 'rm -rf "$WORK" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
SHARE=$WORK/share
SECRET="host-secret-$$-$RANDOM"
FSOPS=tests/guest/fsops

# The shared tree, and a secret beside it that anybody on the host could
# read: only the confinement keeps it from the guest.
mkdir -p "$SHARE/sub" "$SHARE/work" "$WORK/native"
chmod 755 "$WORK"
echo "$SECRET" >"$WORK/secret"
chmod 644 "$WORK/secret"
echo "hello from the host" >"$SHARE/hello.txt"
chmod 640 "$SHARE/hello.txt"
printf 'deep\n' >"$SHARE/sub/deep.txt"
chmod 600 "$SHARE/sub/deep.txt"
chmod 750 "$SHARE/sub"
echo "before" >"$SHARE/live"
echo "the user running tamu may not read this" >"$SHARE/unreadable"
chmod 000 "$SHARE/unreadable"
ln -s ../secret "$SHARE/up"
ln -s ../../../../../../../../../../etc/passwd "$SHARE/climb"
ln -s /etc/passwd "$SHARE/abs"
ln -s "$WORK/secret" "$SHARE/hostabs"
ln -s "$WORK" "$SHARE/hostdir"
[ -x "$FSOPS" ] && cp "$FSOPS" "$SHARE/fsops"
# Run as nobody when root: the shared files are then nobody's.
[ -n "$AS_USER" ] && chown -R -h 65534:65534 "$SHARE" "$WORK/native"

# Modes, sizes and contents as on the host; owners are root's.
NAMES="hello.txt sub sub/deep.txt up abs"
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	"cd /host && stat -c '%n %a %s %F' $NAMES && cat hello.txt sub/deep.txt &&
	stat -c %u:%g $NAMES | sort -u"
want=$(cd "$SHARE" && stat -c '%n %a %s %F' $NAMES && cat hello.txt sub/deep.txt)
if [ "$status" -eq 0 ] && [ "$out" = "$want"$'\n0:0' ]; then
	ok "the guest sees the host's files, modes and sizes; root owns them"
else
	fail "reading the shared directory" "status $status" "want: $want" \
		"got: $out" "$err"
fi

# Guest root has the host user's rights, no more.
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	'cat /host/unreadable; echo x >>/host/unreadable; stat -c %a /host/unreadable'
if [ "$status" -eq 0 ] && [ "$out" = "cat: can't open '/host/unreadable': Permission denied
/bin/sh: can't create /host/unreadable: Permission denied
0" ]; then
	ok "guest root reads and writes only what the host lets the user"
else
	fail "host permissions" "status $status" "out: $out" "$err"
fi

# Every way out: "..", relative and absolute symlinks, host paths.
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	"cat /host/../secret /host/up /host/sub/../../secret /host/hostabs \
	/host/hostdir/secret $WORK/secret /host/../../../secret; cd /host/..;
	cat secret; readlink /host/up; readlink /host/hostabs; cat /host/climb |
	cmp - /etc/passwd && cat /host/abs | cmp - /etc/passwd && echo guest-passwd"
if [ "$status" -ne 124 ] && [[ $out$err != *"$SECRET"* ]] &&
	[[ $out == *$'../secret\n'"$WORK/secret"$'\nguest-passwd'* ]]; then
	ok "no way out: .., symlinks relative and absolute resolve in the guest"
else
	fail "confinement" "status $status" "out: $out" "err: $err"
fi

# The guest's changes reach the host, with their modes.
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	'cd /host && echo new >new.txt && echo more >>hello.txt &&
	mkdir -p made/deeper && chmod 700 made && mv new.txt made/moved.txt &&
	rm sub/deep.txt && rmdir sub && chmod 604 hello.txt &&
	printf 0123456789 >cut && truncate -s 4 cut && ln -s made/moved.txt sl &&
	ln hello.txt hard && umask 027 && echo m >masked'
got=$(cd "$SHARE" && cat hello.txt made/moved.txt cut && echo &&
	stat -c '%n %a %h' hello.txt made made/deeper made/moved.txt masked &&
	readlink sl && ls sub 2>&1)
want="hello from the host
more
new
0123
hello.txt 604 2
made 700 3
made/deeper 755 2
made/moved.txt 644 1
masked 640 1
made/moved.txt
ls: cannot access 'sub': No such file or directory"
if [ "$status" -eq 0 ] && [ "$got" = "$want" ]; then
	ok "writes, appends, mkdir, rename, rm, chmod, truncate, links reach the host"
else
	fail "changes from the guest" "status $status" "want: $want" \
		"got: $got" "$err"
fi

# Programs: the same results natively and through hostfs.
if [ -x "$FSOPS" ]; then
	native=$($AS_USER "$FSOPS" "$WORK/native" 2>&1; echo "exit=$?")
	run_tamu quiet hostfs="$SHARE" -- /host/fsops /host/work
	if [ "$native" = "$out"$'\n'"exit=$status" ] &&
		cmp -s "$WORK/native/mapped" "$SHARE/work/mapped"; then
		ok "mmap, renameat2, links, readdir, truncate, times: as on Linux"
	else
		fail "fsops natively and through hostfs" "native: $native" \
			"guest: $out" "exit=$status" "$err"
	fi
else
	fail "no $FSOPS: make guest-tests first"
fi

# inotify: the guest's own changes through hostfs, as natively (less
# the extended attributes hostfs does not pass through).
INOTIFY=tests/guest/inotify
if [ -x "$INOTIFY" ]; then
	cp "$INOTIFY" "$SHARE/inotify"
	mkdir "$SHARE/inotify-work" "$WORK/native-inotify"
	[ -n "$AS_USER" ] && chown -R 65534:65534 "$SHARE" "$WORK/native-inotify"
	no_xattr() { sed '/^setxattr: /,/^link:$/{/^link:$/!d}'; }
	native=$($AS_USER "$INOTIFY" "$WORK/native-inotify" 2>&1 | no_xattr; echo "exit=${PIPESTATUS[0]}")
	run_tamu quiet hostfs="$SHARE" -- /host/inotify /host/inotify-work
	if [ "$native" = "$(no_xattr <<<"$out")"$'\n'"exit=$status" ] &&
		grep -q "^setxattr: Operation not supported" <<<"$out"; then
		ok "inotify: the guest's own changes through hostfs are told as on Linux"
	else
		fail "inotify through hostfs" "native: $native" "guest: $out" \
			"exit=$status" "$err"
	fi
	# The host's changes are not seen (tamu learns of them only by
	# looking, and tells nobody).
	(
		for _ in $(seq 100); do [ -e "$SHARE/inotify-work/ready" ] && break; sleep 0.1; done
		echo host >"$SHARE/inotify-work/ready"
		mkdir "$SHARE/inotify-work/hostdir"
		rm -f "$SHARE/inotify-work/ready"
		touch "$SHARE/inotify-work/go"
		[ -n "$AS_USER" ] && chown -R 65534:65534 "$SHARE/inotify-work"
	) &
	run_tamu quiet hostfs="$SHARE" -- /host/inotify host /host/inotify-work
	wait
	if [ "$status" -eq 0 ] && [ "$out" = 'watch: 1
after the host changed it:
  wd 1 CREATE "ready" (len 16)' ]; then
		ok "inotify: changes made on the host are not told to the guest"
	else
		fail "inotify and the host's changes" "status $status" "$out" "$err"
	fi
else
	fail "no $INOTIFY: make guest-tests first"
fi

# The host's changes, seen while the guest runs.
(
	for _ in $(seq 100); do [ -e "$SHARE/ready" ] && break; sleep 0.1; done
	echo "changed, and longer" >"$SHARE/live"
	mkdir "$SHARE/livedir" && touch "$SHARE/livedir/x" "$SHARE/go"
	[ -n "$AS_USER" ] && chown -R 65534:65534 "$SHARE"
) &
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	'cat /host/live; touch /host/ready; i=0
	while [ ! -e /host/go ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
	cat /host/live; ls /host/livedir; wc -c </host/live'
wait
if [ "$status" -eq 0 ] &&
	[ "$out" = $'before\nchanged, and longer\nx\n20' ]; then
	ok "the host's changes are seen: contents, size, new files"
else
	fail "host changes" "status $status" "out: $out" "$err"
fi

# mount -t hostfs: the shared directory or below it, nothing else.
run_tamu quiet hostfs="$SHARE" -- /bin/sh -c \
	"mount -t hostfs none /mnt -o $SHARE/made && ls -1 /mnt && umount /mnt
	mount -t hostfs none /mnt -o $SHARE/nonexistent
	mount -t hostfs none /mnt -o $SHARE/hello.txt
	mount -t hostfs none /mnt -o $WORK && cat /mnt/secret
	mount -t hostfs none /mnt -o $SHARE/../ && cat /mnt/secret
	mount -t hostfs none /mnt -o $SHARE/hostdir && cat /mnt/secret; true"
if [ "$status" -eq 0 ] && [[ $out$err != *"$SECRET"* ]] &&
	[[ $out == $'deeper\nmoved.txt\n'*"/mnt failed: No such file or directory"*"/mnt failed: Not a directory"* ]] &&
	[ "$(grep -c 'mount: ' <<<"$out")" -eq 5 ]; then
	ok "mount -t hostfs: below the shared directory; ENOENT, ENOTDIR, outside refused"
else
	fail "mount -t hostfs" "status $status" "out: $out" "err: $err"
fi

# With root= on a disk, /host is made on the disk's root and mounted.
PATH=$PATH:/sbin:/usr/sbin
mkdir -p "$WORK/tree/bin" "$WORK/tree/dev"
cp "$(command -v busybox)" "$WORK/tree/bin/busybox"
ln -s busybox "$WORK/tree/bin/cat"
mke2fs -q -F -t ext2 -d "$WORK/tree" "$WORK/img" 8M >/dev/null
chmod 666 "$WORK/img"
run_tamu quiet ubd0="$WORK/img" root=/dev/ubda hostfs="$SHARE" -- \
	/bin/cat /host/hello.txt
if [ "$status" -eq 0 ] && [ "$out" = "$(cat "$SHARE/hello.txt")" ]; then
	ok "root= on an ext2 disk: the shared directory is at /host there too"
else
	fail "hostfs on a disk root" "status $status" "out: $out" "$err"
fi

run_tamu quiet hostfs="$WORK/nonexistent" -- /bin/true
first="$status: $err"
run_tamu quiet hostfs="$SHARE/hello.txt" -- /bin/true
if [[ $first == "2: "*"hostfs=$WORK/nonexistent: "*"No such file or directory"* ]] &&
	[[ "$status: $err" == "2: "*"Not a directory"* ]]; then
	ok "hostfs= a missing directory or a file: a clear message, status 2"
else
	fail "hostfs= bad directory" "$first" "$status: $err"
fi

report
