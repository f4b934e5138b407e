# SPDX-License-Identifier: GPL-2.0-only
#
# gdb settings for debugging tamu, and its helper commands (tamu.py).
#
#   make gdb ARGS="..."                              builds tamu, runs this
#   gdb -x tools/gdb/tamu.gdb --args ./tamu ARGS...  the same by hand
#   gdb -x tools/gdb/tamu.gdb -p PID                 attach to a running tamu
#   gdb -x tools/gdb/tamu.gdb ./tamu CORE            a core file (gcore)
#
# ./tamu-gdb.py loads this file too when gdb may auto-load from the tree
# (add-auto-load-safe-path).  Sourcing it twice does no harm.

# tamu's own host signals, which it handles: the tick (SIGALRM), a
# resized terminal (SIGWINCH), its traced guest processes stopping
# (SIGCHLD, one for every system call and fault of the guest), I/O.
handle SIGALRM SIGWINCH SIGCHLD SIGIO SIGPIPE nostop noprint pass
# SIGQUIT asks tamu for a dump of its tasks.
handle SIGQUIT nostop print pass
# The kernel never expects these in its own process (guest faults happen
# in the guest's host processes, which gdb does not trace): they are
# kernel bugs.  Stop; continuing hands them to tamu's oops handler.
handle SIGSEGV SIGBUS SIGILL SIGFPE stop print pass
# With mode=seccomp, guest code runs in the kernel's process: its system
# calls (SIGSYS) and faults are host signals there, thousands a second.
# `run` then passes them silently (tamu.py's tamu-signals), and a kernel
# bug stops at kernel_fault(), which reports it, with the faulting frame
# just below the signal frame in `bt`.

# tamu clones a host process for every guest address space and traces it
# with ptrace; gdb must let go of each at once, and stay with tamu.
set detach-on-fork on
set follow-fork-mode parent
# One "[Detaching after fork ...]" line per guest process is noise.
set print inferior-events off
set print thread-events off

# A shell starts tamu: gdb 13 without one (startup-with-shell off)
# splits the arguments at spaces, and `-- /bin/sh -c 'echo $$'` breaks.
# gdb quotes them for a POSIX shell, and takes the shell from $SHELL.
set startup-with-shell on
python
import os
os.environ["SHELL"] = "/bin/sh"
end

# gdb does not tell a command file where it is; the file being read is
# open, so find tamu.py next to it.
python

def _tamu_gdb_dir():
    for fd in os.listdir("/proc/self/fd"):
        try:
            path = os.readlink("/proc/self/fd/" + fd)
        except OSError:
            continue
        here = os.path.dirname(path)
        if os.path.basename(path) == "tamu.gdb" and \
                os.path.exists(os.path.join(here, "tamu.py")):
            return here
    return os.path.join(os.getcwd(), "tools", "gdb")

gdb.execute("source " + os.path.join(_tamu_gdb_dir(), "tamu.py"))
del _tamu_gdb_dir
end
