#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# POSIX signals in tamu against Linux: tests/guest/signals runs natively
# and as tamu's init, and the two outputs must be the same line for line.
# The program prefixes each line with its section ("[altstack] ..."), so
# each section is one result here and a failure names the feature.  Its
# exit status is compared too.  Options for tamu come from TAMU_OPTS.

cd "$(dirname "$0")/../.." || exit 1
# A section that hangs waits for its 5 s watchdog: give tamu time for some.
TAMU_TIMEOUT=${TAMU_TIMEOUT:-60}
. tests/lib.sh
setup_tamu "${1:-./tamu}"
CPIO=tests/guest/initramfs.cpio
cp "$CPIO" "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
what=${TAMU_OPTS:+ ($TAMU_OPTS)}

native=$(timeout -k 2 60 tests/guest/signals 2>&1; echo "exit=$?")
# shellcheck disable=SC2086
run_tamu quiet initrd=test.cpio $TAMU_OPTS -- /test/signals
guest=$(printf '%s\n' "$out"; echo "exit=$status")

# The lines of one section ("" for lines without a section), in order.
section() {
	awk -v s="$1" '
		s == "" && !/^\[[^]]*\] / && !/^exit=/ { print; next }
		s != "" && index($0, "[" s "] ") == 1 { print }'
}

# Every section either side printed, in the order they first appear.
sections=$({ sed -n 's/^\[\([^]]*\)\] .*/\1/p' <<<"$native"
	     sed -n 's/^\[\([^]]*\)\] .*/\1/p' <<<"$guest"; } | awk '!seen[$0]++')

while IFS= read -r s; do
	[ -n "$s" ] || continue
	n=$(section "$s" <<<"$native")
	g=$(section "$s" <<<"$guest")
	if [ "$n" == "$g" ]; then
		ok "[$s] $(grep -c . <<<"$n") lines as on Linux$what"
	else
		mapfile -t lines < <(diff <(echo "$n") <(echo "$g") |
			sed -n 's/^< /native: /p; s/^> /tamu:   /p' | head -20)
		fail "[$s] differs from Linux$what" "${lines[@]}"
	fi
done <<<"$sections"

n=$(section "" <<<"$native")
g=$(section "" <<<"$guest")
if [ -n "$n$g" ] && [ "$n" != "$g" ]; then
	fail "output outside any section differs$what" "native: $n" "tamu: $g"
fi

n=$(grep '^exit=' <<<"$native")
g=$(grep '^exit=' <<<"$guest")
if [ "$n" == "$g" ] && [ "$n" == "exit=0" ]; then
	ok "every section ran to its end, exit status 0$what"
else
	fail "exit status: native ${n#exit=}, tamu ${g#exit=}$what" \
		"stderr: $(tail -5 <<<"$err")"
fi

report
