#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# tools/tamu-bench --quick, end to end, unprivileged: one short run of
# every benchmark natively and in tamu, and a table with a row for each.
# It measures nothing worth keeping (see make bench); it shows the tool
# and every benchmark program work.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh
setup_tamu "${1:-./tamu}"

log=$(mktemp /tmp/tamu-bench-test.XXXXXX)
chmod 666 "$log"
timeout -k 2 300 $AS_USER env TMPDIR=/tmp /usr/bin/python3 \
	tools/tamu-bench --quick >"$log" 2>&1
status=$?
names=$(/usr/bin/python3 -c '
import importlib.machinery, importlib.util
loader = importlib.machinery.SourceFileLoader("b", "tools/tamu-bench")
spec = importlib.util.spec_from_loader("b", loader)
b = importlib.util.module_from_spec(spec)
loader.exec_module(b)
print(" ".join(b.MICROS + ["boot-to-exit"]))')
missing=""
for name in $names; do
	grep -qE "^$name +" "$log" || missing="$missing $name"
done
if [ "$status" -eq 0 ] && [ -n "$names" ] && [ -z "$missing" ] &&
	grep -q '^null-syscall .*(2.0)' "$log" &&
	grep -q "^ubd ext2 write+fdatasync" "$log" &&
	grep -qE "^ +seccomp +[0-9.]+ [mun]?s " "$log" &&
	grep -qE "^ +tt +[0-9.]+ [mun]?s " "$log" &&
	grep -qE "^create +tamu ext2 +[0-9.]+ [mun]?s" "$log" &&
	grep -q "^an initramfs of 20000 files in one directory" "$log"; then
	ok "tamu-bench --quick: a row for each of $(wc -w <<<"$names") benchmarks, the modes table (tt, seccomp), the I/O table and the large directories"
else
	fail "tamu-bench --quick" "status $status, missing rows:$missing" \
		"$(cat "$log")"
fi
rm -f "$log"

report
