# tar with gzip, round trip, checked with md5sum.
mkdir -p src/deep
seq 1 2000 > src/numbers; echo small > src/deep/file
i=0; while [ $i -lt 50 ]; do echo "file $i" > src/f$i; i=$((i + 1)); done
tar czf a.tgz src
mkdir out; tar xzf a.tgz -C out
(cd src && find . -type f | sort | xargs md5sum) > sums
(cd out/src && md5sum -c ../../sums) | grep -c OK
cmp src/numbers out/src/numbers && echo same
gzip -c src/numbers | gunzip | md5sum
tar tzf a.tgz | sort | head -3
