# dd from /dev/urandom and /dev/zero; /dev/null and /dev/full.
dd if=/dev/urandom of=r bs=1024 count=16 2>/dev/null; wc -c < r
dd if=/dev/zero bs=512 count=3 2>/dev/null | wc -c
head -c 100 /dev/zero | od -An -tx1 | sort -u
echo gone > /dev/null; echo $?
echo x > /dev/full 2>/dev/null; echo full=$?
a=$(head -c 16 /dev/urandom | md5sum); b=$(head -c 16 /dev/urandom | md5sum); [ "$a" != "$b" ] && echo differ
