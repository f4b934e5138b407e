# Functions, loops, conditionals, arithmetic, case, local variables.
fact() { if [ "$1" -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }
fact 10
i=0; while [ $i -lt 5 ]; do i=$((i + 1)); printf '%d ' $i; done; echo
for w in alpha beta gamma; do case $w in a*) echo A:$w ;; b*) echo B:$w ;; *) echo other:$w ;; esac; done
f() { local v=inside; echo $v; }; v=outside; f; echo $v
set -- x y z; echo $# $2; shift; echo $@
test -n "" || echo empty-is-empty
[ abc = abc ] && echo equal
until false; do echo once; break; done
