# SPDX-License-Identifier: GPL-2.0-only
# coreutils on the Debian root: ls -l, cp, sort, find and their friends on
# a small tree.  Prints only what is the same on every Linux (no sizes of
# directories or block counts, which depend on the file system); run
# natively and in tamu by tests/boot/debian.sh.  Usage: bash coreutils.sh DIR
mkdir -p "$1" && cd "$1" || exit 1
export TZ=UTC LC_ALL=C
umask 022
# The owner's name is the runner's: root in tamu, maybe a user natively.
owners() { awk 'NF >= 7 { $3 = "OWNER"; $4 = "GROUP" } { print }'; }

mkdir -p tree/a/b tree/c tree/empty
printf 'line %s\n' 3 1 2 >tree/a/nums
seq 1 2000 | sed 's/$/ x/' >tree/a/b/big
printf x >tree/c/one
ln -s ../a/nums tree/c/link
ln tree/a/nums tree/c/hard
mkfifo tree/c/fifo
chmod 600 tree/c/one
chmod 2750 tree/a/b/big
touch -d '2020-02-29 12:34:56' tree/a/nums tree/c/one tree/a/b/big tree/c/fifo
touch -h -d '2021-01-01 00:00:00' tree/c/link
echo "== ls"
ls -l --time-style=+%F.%T tree/a/nums tree/c/one tree/c/link tree/c/hard \
	tree/a/b/big tree/c/fifo | owners
ls -1aR tree
ls -lL --time-style=+%F tree/c/link | owners
ls -1t tree/c; ls -1S tree/a/nums tree/a/b/big tree/c/one; ls -F tree/c
echo "== cp"
cp -a tree copy && diff -r -x fifo tree copy && echo "cp -a: same contents"
find tree copy \( -type f -o -type l \) -printf '%m %n %TF.%TT %P\n' | sort | uniq -c
cp tree/a/b/big big2 && cmp tree/a/b/big big2 && stat -c '%a %s' big2
cp -r tree/a tree/c tree/empty && ls -1 tree/empty
cp -l tree/a/nums hardcopy && stat -c %h hardcopy
cp -s "$PWD/tree/a/nums" symcopy && readlink symcopy | sed "s|$PWD|DIR|"
head -c 1M /dev/zero >zeros && cp --sparse=always zeros sparse && cmp zeros sparse && echo sparse
echo "== sort"
sort tree/a/nums; sort -r tree/a/nums; sort -t' ' -k2,2n tree/a/nums
printf '10 b\n9 a\n10 a\n' | sort -k1,1n -k2,2
printf 'b\na\nb\nA\n' | sort -u; printf 'b\na\nb\nA\n' | LC_ALL=C.UTF-8 sort -f
seq 1 200000 | sort -R --random-source=tree/a/b/big >shuffled
sort -n -S 1M --parallel=2 -T . shuffled | md5sum
sort -c tree/a/nums; echo "sort -c $?"
sort -m <(seq 1 2 9) <(seq 2 2 10) | paste -sd' '
echo "== find"
# (find lists in directory order, which is the file system's: sorted.)
find tree -name '*um*' | sort
find tree -type f -size +1k | sort
{ find tree -perm 600; find tree -perm -2000; find tree -type p; } | sort
find tree -type l -printf '%p -> %l\n' | sort
find tree -newer tree/c/link | sort
find tree -mindepth 2 -maxdepth 2 -type d | sort
find tree -samefile tree/a/nums | sort
find tree -type f -exec wc -l {} + | sort -k2
find tree -path '*/c/*' -prune -o -type f -print | sort
find tree -empty | sort
echo "== more"
stat -c '%U:%G %a' /etc/shadow /usr/bin/su
wc tree/a/b/big; head -c 20 tree/a/b/big | od -An -c; tail -n 2 tree/a/b/big; tac tree/a/nums
cut -d' ' -f2 tree/a/nums | tr '\n' ,; echo
printf 'a\na\nb\n' | uniq -c; join <(printf '1 x\n2 y\n') <(printf '1 p\n2 q\n')
comm <(printf 'a\nb\n') <(printf 'b\nc\n')
md5sum tree/a/nums; sha256sum tree/a/b/big; base64 tree/a/nums | base64 -d
split -l 700 tree/a/b/big part. && ls part.* && cat part.* | cmp - tree/a/b/big
ln -s tree/a link && readlink -f link/nums | sed "s|$PWD|DIR|"
realpath --relative-to=tree/c tree/a/b/big
mv tree/c/one tree/a/ && ls tree/a; rm -r copy && ls
install -m 640 tree/a/nums installed && stat -c %a installed
truncate -s 12345 zeros && stat -c %s zeros
dd if=tree/a/b/big bs=100 skip=2 count=3 status=none | md5sum
date -d @1000000000 '+%F %T %Z'; date -d '2024-02-29 + 1 year' +%F
expr 7 \* 6; seq -f '%03g' 3; factor 360; numfmt --to=iec 1048576; printf '%s\n' b a | tsort
timeout 0.2 sleep 5; echo "timeout $?"
env -i A=1 /usr/bin/env
mktemp -d -p . XXXX | grep -c .
