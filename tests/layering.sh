#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The layering rules of docs/architecture.md:
#  - kernel/ includes no host header, only the compiler's freestanding ones,
#    and hostlib's API headers (which kernel/ includes) do the same;
#  - kernel/ includes nothing from outside kernel/include but hostlib's API
#    and arch/um's one entry-point header;
#  - kernel objects call nothing on the host but hostlib (host_*), arch/um
#    (arch_*) and the C library's pure memory and string functions: no
#    malloc, no stdio, no system calls.

cd "$(dirname "$0")/.." || exit 1
. tests/lib.sh

freestanding='<(stddef|stdint|stdbool|stdarg|stdalign|stdnoreturn|limits|float)\.h>'

bad=$(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<' \
	kernel hostlib/include --include='*.[ch]' | grep -vE "$freestanding")
if [ -z "$bad" ]; then
	ok "kernel/ and hostlib/include/ include only freestanding headers"
else
	fail "host headers included where the kernel sees them" "$bad"
fi

bad=""
while IFS= read -r line; do
	file=${line%%:*}
	inc=$(sed -E 's/.*#[[:space:]]*include[[:space:]]*"([^"]+)".*/\1/' <<<"${line#*:}")
	[ -e "$(dirname "$file")/$inc" ] && continue
	case $inc in
	host/*) [ -e "hostlib/include/$inc" ] && continue ;;
	um/*.h) continue ;;
	*) [ -e "kernel/include/$inc" ] && continue ;;
	esac
	bad="$bad $file:$inc"
done < <(grep -rnE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' kernel \
	--include='*.[ch]' | sed -E 's/^([^:]+):[0-9]+:/\1:/')
if [ -z "$bad" ]; then
	ok "kernel/ includes only kernel/include, host/*.h and um/*.h"
else
	fail "kernel/ includes from another layer" $bad
fi

kobjs=$(find kernel -name '*.o')
if [ -z "$kobjs" ]; then
	fail "no kernel objects to check: build first"
else
	defined=$(nm --defined-only $kobjs | awk 'NF == 3 { print $3 }' | sort -u)
	allowed='^(host_|arch_|__asan_|__ubsan_|__stack_chk_fail$|(memcpy|memmove|memset|memcmp|memchr|strlen|strnlen|strcmp|strncmp|strchr|strrchr)$)'
	bad=$(nm --undefined-only $kobjs | awk '$1 == "U" { print $2 }' | sort -u |
		comm -23 - <(echo "$defined") | grep -vE "$allowed")
	if [ -z "$bad" ]; then
		ok "kernel objects call only kernel, hostlib, arch and mem*/str*"
	else
		fail "kernel objects call host code directly" $bad
	fi
fi

report
