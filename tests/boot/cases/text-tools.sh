# sort, uniq, sed, awk, grep, cut, xargs, tr, head, tail, wc.
printf 'b\na\nc\na\nb\n' > w
sort w | uniq -c
sort -u w | tr '\n' ' '; echo
sed -n '2,3p' w; sed 's/a/A/g' w | tr -d '\n'; echo
awk '{ n[$1]++ } END { for (k in n) print k, n[k] }' w | sort
printf '1 2\n3 4\n' | awk '{ s += $1 * $2 } END { print s }'
grep -c a w; grep -n b w; grep -v -e a -e b w
printf 'x:y:z\n1:2:3\n' | cut -d: -f2,3
seq 1 10 | xargs -n 3 echo
seq 1 100 | head -3; seq 1 100 | tail -2; seq 1 1000 | wc -l
echo Hello | tr 'a-z' 'A-Z'
printf 'line one\nline two\n' | wc -w
