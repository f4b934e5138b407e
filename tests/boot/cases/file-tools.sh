# ls, cp, mv, ln, find, stat, chmod, mkdir, rm, touch.
mkdir -p d/sub d/other
echo hello > d/sub/a; echo world > d/other/b
cp d/sub/a d/copy; mv d/copy d/moved; ln -s sub/a d/link; ln d/sub/a d/hard
ls -1 d; ls -1 d/sub
cat d/link d/hard
find d -type f | sort
find d -name 'a*' | sort
chmod 640 d/sub/a; stat -c '%a %s %F %h' d/sub/a d/link d/sub
stat -L -c '%s' d/link
readlink d/link
rm d/hard; stat -c '%h' d/sub/a
rmdir d/other 2>&1 | sed 's/.*:/rmdir:/'
rm -r d/other; ls -1 d
touch -d '2001-02-03 04:05:06' d/t; stat -c '%y' d/t | cut -c1-19
mv d/sub d/renamed; ls -1 d
cp -r d e; find e | sort
