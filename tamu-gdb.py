# SPDX-License-Identifier: GPL-2.0-only
#
# gdb loads this with ./tamu when it may auto-load from this tree, e.g.
# with this line in ~/.config/gdb/gdbinit (or ~/.gdbinit):
#   add-auto-load-safe-path /path/to/tamu
# Then plain `gdb --args ./tamu ...` has the settings and commands of
# tools/gdb/tamu.gdb.

import os

import gdb

gdb.execute("source " + os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                     "tools", "gdb", "tamu.gdb"))
