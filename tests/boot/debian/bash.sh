# SPDX-License-Identifier: GPL-2.0-only
# bash on the Debian root: what its scripts lean on.  Output must be the
# same natively and in tamu (tests/boot/debian.sh).  Usage: bash bash.sh DIR
mkdir -p "$1" && cd "$1" || exit 1
declare -A m=([b]=2 [a]=1)
for k in $(printf '%s\n' "${!m[@]}" | sort); do printf '%s=%s ' "$k" "${m[$k]}"; done; echo
arr=(x y z); echo "array ${#arr[@]} ${arr[*]:1}"
echo "arithmetic $(( 6 * 7 )) $(( 2 ** 10 )) $(( -7 / 2 )) $(( 7 % -3 ))"
f() { local x=$1; echo "f:$x"; return 3; }; f arg; echo "function status $?"
echo "substitution $(echo inner "$(echo nested)")"
while read -r a b; do echo "read $a|$b"; done <<<"one two three"
diff <(printf '1\n2\n') <(printf '1\n3\n'); echo "process substitution $?"
coproc CO { read -r l; echo "co:$l"; }
echo hi >&"${CO[1]}"; read -r got <&"${CO[0]}"; echo "coproc $got"; wait "$CO_PID"
sleep 0.3 & sleep 0.1 & wait -n; echo "wait -n $?"; wait
( exit 7 ); echo "subshell $?"
trap 'echo "trapped USR1"' USR1; kill -USR1 $$; trap - USR1
set -o pipefail; false | true; echo "pipefail $?"; set +o pipefail
printf '%s\n' {a..e} | paste -sd,
[[ abc123 =~ ^([a-z]+)([0-9]+)$ ]] && echo "regex ${BASH_REMATCH[1]} ${BASH_REMATCH[2]}"
x=hello; echo "expansions ${x^^} ${x:1:3} ${x/l/L} ${#x} ${y:-default}"
shopt -s extglob; y=aaab; echo "extglob ${y##+(a)}"
exec {fd}>fdfile; echo "via fd" >&"$fd"; exec {fd}>&-; cat fdfile
timeout 0.2 bash -c 'sleep 5'; echo "timeout $?"
bash -c 'kill -TERM $$'; echo "killed by TERM $?"
echo "background jobs $(bash -c 'sleep 0.2 & sleep 0.2 & jobs -p | wc -l')"
mapfile -t lines < <(seq 3); echo "mapfile ${#lines[@]} ${lines[2]}"
printf -v v '%05.1f|%-4s|%x' 3.14159 ab 255; echo "printf $v"
case foo.tar.gz in *.tar.gz) echo "case tarball" ;; esac
for ((i = 0; i < 3; i++)); do printf '%d' "$i"; done; echo
cat <<-END
	here-doc $((1 + 1))
	END
ulimit -n 64; echo "ulimit $(ulimit -n)"
echo "pipes $(seq 1000 | sort -rn | head -1)"
{ echo out; echo err >&2; } 2>&1 >/dev/null | sed 's/^/stderr only: /'
set -e; (false); echo "not reached"
