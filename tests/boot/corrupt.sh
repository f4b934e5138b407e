#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Damaged ext2 images must never crash or hang the kernel: 200 images with
# random bytes of metadata changed are mounted, listed, read, written and
# unmounted, eight at a time (ubd0-ubd7).  Each boot must end with the
# guest's own exit status; a failing image is kept and named, with its seed.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

IMAGES=${IMAGES:-200}
WORK=$(mktemp -d /tmp/tamu-corrupt.XXXXXX)
chmod 777 "$WORK"
trap 'rm -rf "$WORK" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
PATH=$PATH:/sbin:/usr/sbin

# A 1 KiB-block image with direct, indirect and double indirect files,
# fast and slow symlinks, hard links and nested directories.
tree=$WORK/tree
mkdir -p "$tree/d1/d2/d3" "$tree/empty"
echo small >"$tree/small"
head -c 20000 /dev/urandom >"$tree/d1/indirect"
head -c 300000 /dev/urandom >"$tree/d1/d2/dindirect"
ln "$tree/small" "$tree/d1/d2/d3/hard"
ln -s small "$tree/fast"
ln -s "$(printf 'x%.0s' {1..100})/target" "$tree/slow"
for i in $(seq 1 40); do echo "$i" >"$tree/d1/file$i"; done
mke2fs -q -F -t ext2 -b 1024 -N 64 -d "$tree" "$WORK/base" 2M >/dev/null
# The metadata ends with group 0's inode table; directories come next.
limit=$(( ($(dumpe2fs "$WORK/base" 2>/dev/null |
	sed -n 's/.*Inode table at [0-9]*-\([0-9]*\).*/\1/p' | head -1) + 40) * 1024 ))

GUEST='m=0
for d in a b c d e f g h; do
	mount -t ext2 /dev/ubd$d /mnt 2>/dev/null || continue
	m=$((m + 1))
	ls -lR /mnt >/dev/null 2>&1
	# A damaged size may claim petabytes of holes: read a bounded part.
	find /mnt -type f -exec head -c 1000000 {} + >/dev/null 2>&1
	{ echo new >/mnt/new; } 2>/dev/null
	mkdir -p /mnt/nd/sub 2>/dev/null
	mv /mnt/d1 /mnt/nd/ 2>/dev/null
	rm -rf /mnt/nd /mnt/small 2>/dev/null
	ln -s /x /mnt/sym 2>/dev/null
	dd if=/dev/zero of=/mnt/big bs=1k count=100 2>/dev/null
	sync
	umount /mnt 2>/dev/null
done
echo "mounted $m"'

seed=0
mounted=0
while [ "$seed" -lt "$IMAGES" ]; do
	args=()
	for n in 0 1 2 3 4 5 6 7; do
		/usr/bin/python3 tests/boot/corrupt.py "$WORK/base" \
			"$WORK/img$n" $((seed + n)) "$limit"
		chmod 666 "$WORK/img$n"
		args+=("ubd$n=$WORK/img$n")
	done
	run_tamu quiet "${args[@]}" -- /bin/sh -c "$GUEST"
	# The guest's console is stdout and stderr: its last line is the count.
	out=${out##*$'\n'}
	if [ "$status" -ne 0 ] || [[ $out != "mounted "[0-8] ]] ||
		[[ $err == *"Kernel panic"* ]]; then
		# The images as they were before tamu changed them.
		keep=$(mktemp -d /tmp/tamu-corrupt-failed.XXXXXX)
		for n in 0 1 2 3 4 5 6 7; do
			/usr/bin/python3 tests/boot/corrupt.py "$WORK/base" \
				"$keep/img$n" $((seed + n)) "$limit"
		done
		fail "images of seeds $seed-$((seed + 7)) (kept in $keep)" \
			"status $status" "stdout: $out" "$(echo "$err" | tail -5)"
	else
		ok "images of seeds $seed-$((seed + 7)): no crash, no hang"
		mounted=$((mounted + ${out#mounted }))
	fi
	seed=$((seed + 8))
done

# Both paths ran: some damage fails the mount, some only later operations.
if [ "$mounted" -gt 0 ] && [ "$mounted" -lt "$IMAGES" ]; then
	ok "$mounted of $IMAGES damaged images mounted, the others were refused"
else
	fail "$mounted of $IMAGES damaged images mounted: the damage is not varied"
fi

report
