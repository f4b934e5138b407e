#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# A guest's core file, read on the host: tests/guest/corechain (main ->
# chain_a -> chain_b -> a crash) dies inside tamu in a hostfs directory,
# and the host's gdb, given the program and the core, shows that call
# chain, the program's memory and every thread.  The same program linked
# dynamically (with the host's C library copied into the guest at the
# same paths), where gdb finds the libraries through the core's memory.
# In each mode (skas, tt, seccomp), after any TAMU_OPTS.

cd "$(dirname "$0")/../.." || exit 1
. tests/lib.sh

if ! command -v gdb >/dev/null 2>&1; then
	fail "gdb is not installed: these tests need it (tools/install-deps installs it)"
	report
	exit
fi

setup_tamu "${1:-./tamu}"
CPIO=tests/guest/initramfs.cpio
cp "$CPIO" "$TAMU_DIR/test.cpio"
chmod 644 "$TAMU_DIR/test.cpio"
PROG=tests/guest/corechain
WORK=$(mktemp -d /tmp/tamu-coredump.XXXXXX)
chmod 777 "$WORK"
trap 'rm -rf "$WORK" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
GDB_TIMEOUT=${GDB_TIMEOUT:-30}

# gdb's answers for PROG and a core: sets $bt.
gdb_core() {
	bt=$(timeout -k 2 "$GDB_TIMEOUT" gdb -nx -batch -ex 'echo @bt\n' -ex bt \
		-ex 'print/x chain_magic' -ex 'info threads' \
		-ex 'info sharedlibrary' "$PROG" "$1" 2>&1 </dev/null)
}

# The frames of gdb's backtrace (not the frame it shows on loading the
# core), function names only, on one line.
frames() {
	sed -n '/^@bt$/,$s/^#[0-9]*  *\(0x[0-9a-f]* in \)\{0,1\}\([A-Za-z_][A-Za-z_0-9.]*\) .*/\2/p' <<<"$bt" |
		tr '\n' ' '
}

# The dynamic build and its libraries, which the guest copies to where
# the host has them; DYN_SETUP is the guest's shell commands for that.
DYN=$WORK.dyn
mkdir -p "$DYN/lib"
chmod -R 755 "$DYN"
trap 'rm -rf "$WORK" "$DYN" ${TAMU_COPY:+"$TAMU_COPY"}' EXIT
DYN_SETUP=
if cc -O2 -g -o "$DYN/corechain" tests/guest/corechain.c -lpthread 2>/dev/null; then
	for lib in $(ldd "$DYN/corechain" | sed -n 's|.*=> \(/[^ ]*\) .*|\1|p; s|^[[:space:]]*\(/[^ ]*\) (.*|\1|p'); do
		cp -L "$lib" "$DYN/lib/${lib##*/}"
		DYN_SETUP+="mkdir -p ${lib%/*} && cp /host/lib/${lib##*/} $lib && "
	done
	chmod -R a+rX "$DYN"
	chmod 777 "$DYN"
fi

for mode in skas tt seccomp; do
	rm -rf "${WORK:?}"/*
	run_tamu quiet initrd=test.cpio hostfs="$WORK" mode="$mode" -- /bin/sh -c '
		cd /host && mkdir segv abort threads &&
		(cd segv && /test/corechain segv; echo "segv: $?")
		(cd abort && /test/corechain abort; echo "abort: $?")
		(cd threads && /test/corechain threads; echo "threads: $?")'
	# 128 + signal, with the shell's "(core dumped)": 0x80 reached wait.
	if [ "$status" -ne 0 ] ||
		[ "$(grep -v "(core dumped)" <<<"$out")" != $'segv: 139\nabort: 134\nthreads: 139' ] ||
		[ "$(grep -c "(core dumped)" <<<"$out$err")" -ne 3 ]; then
		fail "crashes in tamu, mode=$mode" "status $status" "$out" "$err"
		continue
	fi
	if [ "$(stat -c %a "$WORK/segv/core" 2>/dev/null)" != 600 ]; then
		fail "a core file of mode 600 in the working directory, mode=$mode" \
			"$(ls -lR "$WORK")"
		continue
	fi

	gdb_core "$WORK/segv/core"
	if [ "$(frames)" == "chain_b chain_a main " ] &&
		grep -q "Program terminated with signal SIGSEGV" <<<"$bt" &&
		grep -q '^\$1 = 0x7a6d756374616d75$' <<<"$bt"; then
		ok "host gdb on a guest's core: SIGSEGV in chain_b, called by chain_a, by main; its memory (mode=$mode)"
	else
		fail "host gdb on a SIGSEGV core, mode=$mode" "$bt"
	fi

	gdb_core "$WORK/abort/core"
	if [[ "$(frames)" == *"abort chain_b chain_a main " ]] &&
		grep -q "Program terminated with signal SIGABRT" <<<"$bt"; then
		ok "host gdb on a guest's core: SIGABRT from abort() in chain_b, chain_a, main (mode=$mode)"
	else
		fail "host gdb on a SIGABRT core, mode=$mode" "$bt"
	fi

	gdb_core "$WORK/threads/core"
	if [ "$(frames)" == "chain_b chain_a main " ] &&
		[ "$(grep -cE '^[* ] +[0-9]+ +Thread ' <<<"$bt")" -eq 3 ] &&
		[ "$(grep -c ' in pause ()' <<<"$bt")" -eq 2 ]; then
		ok "host gdb on a threaded guest's core: the crashing thread first, the two others in pause() (mode=$mode)"
	else
		fail "host gdb on a threaded core, mode=$mode" "$bt"
	fi

	if [ -z "$DYN_SETUP" ]; then
		echo "  skip  a dynamically linked program: no host C compiler"
		continue
	fi
	rm -f "$DYN/core"
	run_tamu quiet initrd=test.cpio hostfs="$DYN" mode="$mode" -- /bin/sh -c "
		$DYN_SETUP
		cd /host && ./corechain threads; echo \"threads: \$?\""
	PROG=$DYN/corechain gdb_core "$DYN/core"
	if [ "$status" -eq 0 ] && [ "$(tail -1 <<<"$out")" == "threads: 139" ] &&
		[ "$(frames)" == "chain_b chain_a main " ] &&
		grep -q "Yes .*/libc\.so" <<<"$bt" &&
		[ "$(grep -c 'pause ()' <<<"$bt")" -ge 2 ]; then
		ok "host gdb on a dynamically linked guest's core: the call chain, libc's symbols for the other threads (mode=$mode)"
	else
		fail "host gdb on a dynamic program's core, mode=$mode" "status $status" "$out" "$err" "$bt"
	fi
done

report
