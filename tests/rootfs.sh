#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest root file system, rootfs/initramfs.cpio (`make
# rootfs/initramfs.cpio` builds it), checked against what it is made from:
# busybox's own applet list, busybox's cpio reading the archive, the newc
# headers parsed here, and tools/mkcpio's errors and reproducibility.

cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh
export LC_ALL=C

BUSYBOX=${BUSYBOX:-/bin/busybox}
CPIO=rootfs/initramfs.cpio
LIST=rootfs/initramfs.list
MKCPIO=tools/mkcpio
PYTHON=${PYTHON:-/usr/bin/python3}

# What the archive must hold, by the paths it stores (no leading '/').
DIRS=". bin sbin usr usr/bin usr/sbin etc etc/init.d dev proc sys tmp mnt
	root home home/user var var/log run"
ETC="passwd group hostname profile motd inittab init.d/rcS"
NODES="dev/console dev/null"

for f in "$CPIO" "$LIST" "$MKCPIO"; do
	if [ ! -f "$f" ]; then
		fail "$f is missing: run make rootfs/initramfs.cpio first"
		report
		exit
	fi
done

tmp=$(mktemp -d /tmp/tamu-rootfs.XXXXXX)
chmod 755 "$tmp"
trap 'rm -rf "$tmp"' EXIT

# ---------------------------------------------------------------------------
# (a) The archive lists exactly the expected entries.
applets=$("$BUSYBOX" --list-full | grep -vx 'bin/busybox')
{
	printf '%s\n' $DIRS bin/busybox $NODES init
	printf 'etc/%s\n' $ETC
	echo "$applets"
} | sort >"$tmp/expected"
"$BUSYBOX" cpio -t <"$CPIO" 2>/dev/null | sort >"$tmp/listed"
entries=$(wc -l <"$tmp/listed")
if diff=$(diff "$tmp/expected" "$tmp/listed"); then
	ok "the archive holds the $entries expected entries ($(wc -l \
		<<<"$applets") applets, dirs, /etc, nodes)"
else
	fail "the archive differs from the expected (< expected, > archive)" \
		"$(head -20 <<<"$diff")"
fi
dups=$(uniq -d "$tmp/listed")
if [ -z "$dups" ]; then
	ok "no name is in the archive twice"
else
	fail "names in the archive twice" "$dups"
fi

# ---------------------------------------------------------------------------
# (b) Extracted by busybox cpio, the files are the ones they came from.  An
# unprivileged extraction cannot create the device nodes: (c) checks them.
mkdir "$tmp/x"
(cd "$tmp/x" && "$BUSYBOX" cpio -i -d) <"$CPIO" 2>"$tmp/x.err"
status=$?
errors=$(grep -v -e '^[0-9]* blocks$' \
	-e "^cpio: can't create node dev/" "$tmp/x.err")
if [ "$status" -eq 0 ] && [ -z "$errors" ]; then
	ok "busybox cpio extracts the archive"
else
	fail "busybox cpio -i -d failed with status $status" "$errors"
fi

if cmp -s "$BUSYBOX" "$tmp/x/bin/busybox" && [ -x "$tmp/x/bin/busybox" ]; then
	ok "bin/busybox is $BUSYBOX, byte for byte, executable"
else
	fail "bin/busybox differs from $BUSYBOX or is not executable"
fi

bad=""
while read -r a; do
	[ -L "$tmp/x/$a" ] && [ "$(readlink "$tmp/x/$a")" = /bin/busybox ] ||
		bad+="$a -> $(readlink "$tmp/x/$a" || echo '(not a symlink)') "
done <<<"$applets"
if [ -z "$bad" ]; then
	ok "every applet is a symlink to /bin/busybox where --list-full puts it"
else
	fail "applets that are not symlinks to /bin/busybox" "$bad"
fi

bad=""
for f in $ETC; do
	cmp -s "rootfs/etc/$f" "$tmp/x/etc/$f" || bad+="etc/$f "
done
if [ -z "$bad" ]; then
	ok "the /etc files are rootfs/etc's"
else
	fail "/etc files that differ from rootfs/etc" "$bad"
fi

bad=""
for d in $DIRS; do
	[ -d "$tmp/x/$d" ] && [ ! -L "$tmp/x/$d" ] || bad+="$d "
done
if [ -z "$bad" ]; then
	ok "every directory extracts as a directory"
else
	fail "not directories once extracted" "$bad"
fi

if [ "$(id -u)" -eq 0 ]; then
	got=$(stat -c '%n %F %t:%T %a' "$tmp/x/dev/console" "$tmp/x/dev/null" \
		2>&1 | sed "s|$tmp/x/||")
	want="dev/console character special file 5:1 600
dev/null character special file 1:3 666"
	if [ "$got" = "$want" ]; then
		ok "as root, dev/console (5:1) and dev/null (1:3) extract as nodes"
	else
		fail "device nodes extracted wrong" "$got"
	fi
fi

# ---------------------------------------------------------------------------
# (c) The newc headers, read here byte by byte: one line per entry
# "name mode uid gid nlink mtime filesize devmaj devmin rmaj rmin check
# ino" (mode in octal), and a line "BAD ..." for anything malformed.
"$PYTHON" - "$CPIO" >"$tmp/headers" <<'EOF'
import sys

data = open(sys.argv[1], "rb").read()
off = 0
align = lambda n: (n + 3) & ~3
while True:
    if off % 4:
        print("BAD header at offset %d is not 4-byte aligned" % off)
    hdr = data[off:off + 110]
    if len(hdr) < 110 or hdr[:6] != b"070701":
        print("BAD no newc header at offset %d" % off)
        break
    try:
        f = [int(hdr[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
    except ValueError:
        print("BAD header at offset %d is not hex" % off)
        break
    (ino, mode, uid, gid, nlink, mtime, size, dmaj, dmin, rmaj, rmin,
     namesize, check) = f
    name_end = off + 110 + namesize
    name = data[off + 110:name_end - 1].decode("ascii", "replace")
    if namesize < 2 or data[name_end - 1] != 0:
        print("BAD name at offset %d is not NUL-terminated" % off)
    start = align(name_end)
    if data[name_end:start].strip(b"\0"):
        print("BAD %s: header+name padding is not NULs" % name)
    end = align(start + size)
    if end > len(data) or data[start + size:end].strip(b"\0"):
        print("BAD %s: data overruns the archive or padding is not NULs"
              % name)
    print(name, "%o" % mode, uid, gid, nlink, mtime, size, dmaj, dmin,
          rmaj, rmin, check, ino)
    off = end
    if name == "TRAILER!!!":
        break
if data[off:]:
    print("BAD %d bytes after the trailer" % (len(data) - off))
EOF
bad=$(grep '^BAD' "$tmp/headers")
if [ -z "$bad" ]; then
	ok "every header is newc, and every header+name and data 4-byte aligned"
else
	fail "malformed newc archive" "$bad"
fi
grep -v '^BAD' "$tmp/headers" >"$tmp/h"

last=$(tail -1 "$tmp/h")
n=$(($(wc -l <"$tmp/h") - 1))
if [ "${last%% *}" = "TRAILER!!!" ] && [ "$n" -eq "$entries" ]; then
	ok "the $n entries busybox lists end in TRAILER!!!"
else
	fail "no TRAILER!!! after the $entries entries busybox lists" \
		"last: $last, entries: $n"
fi

bad=$(awk '$1 != "TRAILER!!!" && ($6 || $8 || $9 || $12)' "$tmp/h")
if [ -z "$bad" ]; then
	ok "every mtime, devmajor/devminor and check is 0"
else
	fail "entries with an mtime, device or check that is not 0" \
		"$(head -5 <<<"$bad")"
fi

# A directory's octal mode is 4xxxx: five digits starting with 4.
bad=$({
	awk '$1 != "TRAILER!!!" &&
		(length($2) == 5 && $2 ~ /^4/ ? $5 != 2 : $5 != 1) {
			print $1, $2, "nlink", $5 }' "$tmp/h"
	awk '{ print $13 }' "$tmp/h" | sort | uniq -d |
		sed 's/^/repeated inode /'
})
if [ -z "$bad" ]; then
	ok "directories have nlink 2, other entries 1; inode numbers are unique"
else
	fail "wrong nlink or repeated inode numbers" "$bad"
fi

# name: the fields "mode uid gid" and, for nodes, "rmaj rmin".
want="tmp 41777 0 0
root 40700 0 0
home/user 40755 1000 1000
. 40755 0 0
bin/busybox 100755 0 0
etc/init.d/rcS 100755 0 0
etc/passwd 100644 0 0
usr/bin/awk 120777 0 0
dev/console 20600 0 0 5 1
dev/null 20666 0 0 1 3"
while read -r name expect; do
	got=$(awk -v n="$name" '$1 == n {
		s = $2 " " $3 " " $4
		if ($2 ~ /^2/) s = s " " $10 " " $11
		print s }' "$tmp/h")
	if [ "$got" = "$expect" ]; then
		ok "header of $name: $expect"
	else
		fail "header of $name: '$got', not '$expect'"
	fi
done <<<"$want"

# ---------------------------------------------------------------------------
# (d) mkcpio refuses a bad list: status 1, the file and line on stderr, and
# no archive (nor a leftover OUT.tmp).
mkcpio_refuses() {
	local what=$1 line=$2 list=$tmp/bad.list out=$tmp/bad.cpio err
	shift 2
	printf '%s\n' "$@" >"$list"
	rm -f "$out" "$out.tmp"
	err=$("$MKCPIO" -o "$out" "$list" 2>&1 >/dev/null)
	status=$?
	if [ "$status" -eq 1 ] && [[ $err == "mkcpio: $list:$line: "* ]] &&
		[ ! -e "$out" ] && [ ! -e "$out.tmp" ]; then
		ok "mkcpio refuses $what: ${err//$tmp\//}"
	else
		fail "mkcpio on $what: status $status, wrong message or file" \
			"want 'mkcpio: $list:$line: ...', no $out(.tmp)" \
			"stderr: $err" "$(ls "$tmp")"
	fi
}
mkcpio_refuses "an unknown keyword" 3 \
	"# comment" "dir / 755 0 0" "pipe /fifo 644 0 0" "dir /x 755 0 0"
mkcpio_refuses "a relative name" 2 \
	"dir / 755 0 0" "dir bin 755 0 0"
mkcpio_refuses "a missing source" 5 \
	"" "# comment" "dir / 755 0 0" \
	"file /etc/passwd rootfs/etc/passwd 644 0 0" \
	"file /x $tmp/no-such-file 644 0 0" "dir /y 755 0 0"
mkcpio_refuses "a mode that is not octal" 2 \
	"dir / 755 0 0" "dir /bin 789 0 0"
mkcpio_refuses "a wrong field count" 1 \
	"slink /bin/sh 777 0 0"

echo old >"$tmp/keep.cpio"
printf 'dir / 755 0 0\nbogus\n' |
	"$MKCPIO" -o "$tmp/keep.cpio" - 2>"$tmp/keep.err"
status=$?
if [ "$status" -eq 1 ] && [ "$(cat "$tmp/keep.cpio")" = old ] &&
	grep -q '^mkcpio: <stdin>:2: ' "$tmp/keep.err"; then
	ok "a failed mkcpio leaves an existing archive as it was"
else
	fail "a failed mkcpio changed its OUT or did not say so" \
		"status $status" "$(cat "$tmp/keep.err")"
fi

# ---------------------------------------------------------------------------
# (e) Built again from the same inputs, list and archive are the same
# bytes: once to a file, once through stdin and stdout.
bb=$(awk '$1 == "file" && $2 == "/bin/busybox" { print $3 }' "$LIST")
etc=$(awk '$1 == "file" && $3 ~ /^rootfs\// { print $3 }' "$LIST")
# shellcheck disable=SC2086
rootfs/gen-list.sh "$bb" $etc >"$tmp/1.list" &&
	rootfs/gen-list.sh "$bb" $etc >"$tmp/2.list"
"$MKCPIO" -o "$tmp/1.cpio" "$tmp/1.list"
"$MKCPIO" - <"$tmp/2.list" >"$tmp/2.cpio"
if cmp -s "$tmp/1.list" "$LIST" && cmp -s "$tmp/2.list" "$LIST" &&
	cmp -s "$tmp/1.cpio" "$CPIO" && cmp -s "$tmp/2.cpio" "$CPIO"; then
	ok "built twice, the list and the archive are byte-identical ($(wc -c \
		<"$CPIO") bytes)"
else
	fail "rebuilding does not give the same list and archive" \
		"$(cmp "$tmp/1.list" "$LIST"; cmp "$tmp/2.list" "$LIST"
		   cmp "$tmp/1.cpio" "$CPIO"; cmp "$tmp/2.cpio" "$CPIO")"
fi

report
