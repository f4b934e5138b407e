# SPDX-License-Identifier: GPL-2.0-only
# su and set-user-ID programs on the Debian root (util-linux su, PAM,
# /etc/shadow), as root in tamu; tests/boot/debian.sh knows the answers.
useradd -m -s /bin/bash alice && useradd -m -s /bin/bash bob &&
	echo bob:secret | chpasswd || exit 1
echo "root to nobody: $(su -s /bin/sh nobody -c 'id -un')"
echo "login shell: $(su - alice -c 'echo $(pwd) $HOME $(id -un)')"
# A user becomes another with the password: su runs set-user-ID root, so
# PAM can read /etc/shadow.
echo "alice to bob: $(su alice -c "echo secret | su bob -c 'id -un' 2>&1")"
echo "wrong password: $(su alice -c "echo wrong | su bob -c 'id -un' 2>&1; echo status \$?")"
cp /usr/bin/id /usr/local/bin/suid-id && chmod 4755 /usr/local/bin/suid-id
cp /usr/bin/id /usr/local/bin/sgid-id && chgrp shadow /usr/local/bin/sgid-id &&
	chmod 2755 /usr/local/bin/sgid-id
echo "set-user-ID: $(su alice -c /usr/local/bin/suid-id)"
echo "set-group-ID: $(su alice -c /usr/local/bin/sgid-id)"
