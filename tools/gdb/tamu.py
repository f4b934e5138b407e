# SPDX-License-Identifier: GPL-2.0-only
#
# gdb commands that read tamu's data structures: tasks, the kernel log,
# address spaces, open files, kernel backtraces of sleeping tasks, guest
# registers.  They only read memory (no function of the kernel is called),
# so they work on a stopped tamu and on a core file (gcore) alike.
#
# Loaded by tools/gdb/tamu.gdb; by hand: source tools/gdb/tamu.py.
# `help user-defined` lists the commands.

import struct

import gdb

# Kept in step with the kernel's headers.
THREAD_SIZE = 16 * 1024		# arch/um/include/um/thread.h
PAGE_SHIFT = 12
TASK_RUNNING = 0		# kernel/include/tamu/sched.h
TASK_UNINTERRUPTIBLE = 2
TASK_STOPPED = 4
TASK_DEAD = 64
EXIT_ZOMBIE = 16
PTE_PRESENT = 0x1		# kernel/include/tamu/mm.h
VM_READ, VM_WRITE, VM_EXEC, VM_SHARED = 0x1, 0x2, 0x4, 0x8
S_IFMT, S_IFSOCK = 0o170000, 0o140000

# What arch_switch_to leaves at thread.ksp: r15 r14 r13 r12 rbx rbp, then
# the return address into schedule().
KSP_R12 = 24		# a new task's function (arch_prepare_stack)
KSP_RBP = 40
KSP_RET = 48
MAX_FRAMES = 64
# Sleeping in these says nothing: tamu-ps shows the first other function.
SCHED_FUNCS = {"arch_switch_to", "schedule", "sleep_until", "mutex_lock"}


# ---------------------------------------------------------------------------
# Reading memory and variables.

def inferior():
    inf = gdb.selected_inferior()
    if inf.pid == 0:
        raise gdb.GdbError("no tamu to look at: run it, attach to it "
                           "or load a core file")
    return inf


def read(addr, size):
    return bytes(gdb.selected_inferior().read_memory(addr, size))


def read_u64(addr):
    return struct.unpack("<Q", read(addr, 8))[0]


def var(name):
    """A kernel variable, global or file-static."""
    sym = gdb.lookup_global_symbol(name) or gdb.lookup_static_symbol(name)
    if sym is None:
        raise gdb.GdbError("no symbol %s: is this tamu, with its debug "
                           "information?" % name)
    return sym.value()


def cstring(addr, maxlen=4096):
    """A NUL-terminated string at a kernel address."""
    if not addr:
        return ""
    out = b""
    while len(out) < maxlen:
        chunk = read(addr + len(out), min(256, maxlen - len(out)))
        end = chunk.find(b"\0")
        if end >= 0:
            return (out + chunk[:end]).decode(errors="replace")
        out += chunk
    return out.decode(errors="replace")


def char_array(value):
    """The text of a char array field, up to its first NUL."""
    raw = read(int(value.address), value.type.sizeof)
    return raw.split(b"\0")[0].decode(errors="replace")


# ---------------------------------------------------------------------------
# Lists and tasks.

def container_of(ptr, typename, member):
    t = gdb.lookup_type(typename)
    return gdb.Value(int(ptr) - t[member].bitpos // 8).cast(t.pointer())


def list_for_each_entry(head, typename, member):
    """The entries of a struct list_head (a value or a pointer to one)."""
    if head.type.code != gdb.TYPE_CODE_PTR:
        head = head.address
    end = int(head)
    node = head["next"]
    seen = 0
    while int(node) != end:
        if not int(node) or seen > 1000000:
            raise gdb.GdbError("corrupt list at %#x" % end)
        nxt = node["next"]	# read first: the caller may not care for it
        yield container_of(node, typename, member)
        node = nxt
        seen += 1


def tasks():
    return list_for_each_entry(var("task_list"), "struct task_struct",
                               "tasks")


def find_task(pid, cmd):
    for t in tasks():
        if int(t["pid"]) == pid:
            return t
    raise gdb.GdbError("%s: no task with pid %d (tamu-ps lists them)"
                       % (cmd, pid))


def task_arg(arg, cmd):
    """The task a command's PID argument (a number or an expression) names."""
    inferior()
    argv = gdb.string_to_argv(arg)
    if len(argv) != 1:
        raise gdb.GdbError("usage: %s PID" % cmd)
    try:
        pid = int(argv[0], 0)
    except ValueError:
        try:
            pid = int(gdb.parse_and_eval(argv[0]))
        except gdb.error as e:
            raise gdb.GdbError("%s: %s is no pid (%s)" % (cmd, argv[0], e))
    return find_task(pid, cmd)


def is_current(t):
    return int(t) == int(var("current"))


def is_idle(t):
    return int(t) == int(var("idle_task").address)


def comm(t):
    return char_array(t["comm"])


def ppid(t):
    """As /proc shows it: the thread group's parent's tgid."""
    leader = t["group_leader"]
    parent = leader["parent"] if int(leader) else t["parent"]
    return int(parent["tgid"]) if int(parent) else 0


def state_char(t):
    """As /proc/PID/stat shows it (kernel/fs/proc/array.c), and X once dead."""
    exit_state = int(t["exit_state"])
    state = int(t["state"])
    if exit_state == EXIT_ZOMBIE:
        return "Z"
    if exit_state or state == TASK_DEAD:
        return "X"
    return {TASK_RUNNING: "R", TASK_UNINTERRUPTIBLE: "D",
            TASK_STOPPED: "T"}.get(state, "S")


# ---------------------------------------------------------------------------
# Code addresses and the saved kernel context of a sleeping task.

def symbol_at(pc):
    """(name, offset) of the ELF symbol at pc, or (None, 0)."""
    out = gdb.execute("info symbol %#x" % pc, to_string=True)
    if out.startswith("No symbol"):
        return None, 0
    name = out.split(" in section ")[0]
    if " + " in name:
        name, off = name.split(" + ")
        return name, int(off)
    return name, 0


def functions_at(pc):
    """The functions at pc, innermost first: inlined ones, then the real."""
    names = []
    try:
        block = gdb.block_for_pc(pc)
    except RuntimeError:
        block = None
    while block is not None and not (block.is_static or block.is_global):
        if block.function is not None:
            names.append(block.function.name)
        block = block.superblock
    if not names:
        name, _ = symbol_at(pc)
        if name:
            names.append(name)
    return names


def lookup_pc(pc):
    """The pc to look up for a return address: the call, unless pc is a
    function's first instruction (a new task's task_trampoline)."""
    name, off = symbol_at(pc)
    return pc if name is not None and off == 0 else pc - 1


def frame_lines(n, pc):
    """gdb-style lines for the frame(s) at a return address pc."""
    at = lookup_pc(pc)
    names = functions_at(at) or ["??"]
    sal = gdb.find_pc_line(at)
    where = ""
    if sal.symtab is not None:
        where = " at %s:%d" % (sal.symtab.filename, sal.line)
    lines = ["#%-2d 0x%016x in %s ()%s" % (n, pc, names[0], where)]
    # What an inlined function was inlined into: no pc of its own.
    for name in names[1:]:
        n += 1
        lines.append("#%-2d %s ()" % (n, name))
    return lines, names


def stack_bounds(t):
    """[lo, hi) of a task's kernel stack; None for the idle task's, which
    is the host's stack of the process."""
    stack = int(t["stack"])
    return (stack, stack + THREAD_SIZE) if stack else None


def saved_pcs(t):
    """Return addresses of a task suspended in arch_switch_to, innermost
    first, from its saved frame-pointer chain."""
    bounds = stack_bounds(t)
    if bounds is None and not is_idle(t):
        return []	# a dead task's stack is gone
    ksp = int(t["thread"]["ksp"])
    if bounds is not None:
        lo, hi = bounds
    else:
        lo, hi = ksp, ksp + 8 * 1024 * 1024
    if not lo <= ksp < hi - KSP_RET:
        return []
    pcs = []
    try:
        pc, fp = read_u64(ksp + KSP_RET), read_u64(ksp + KSP_RBP)
        while pc and len(pcs) < MAX_FRAMES:
            pcs.append(pc)
            if functions_at(lookup_pc(pc))[-1:] == ["main"]:
                break	# the host C library is below, without frame pointers
            if not (lo <= fp <= hi - 16) or fp % 8:
                break
            pc, next_fp = read_u64(fp + 8), read_u64(fp)
            if next_fp and next_fp <= fp:
                break	# frames must go up the stack
            fp = next_fp
    except gdb.MemoryError:
        pass
    return pcs


def new_task_fn(t, pcs):
    """For a task that never ran: the function it will start in."""
    if len(pcs) != 1 or symbol_at(pcs[0]) != ("task_trampoline", 0):
        return None
    return symbol_at(read_u64(int(t["thread"]["ksp"]) + KSP_R12))[0]


def wait_channel(t):
    """What a task that is not running waits in: its innermost function
    that is not the scheduler's."""
    if is_current(t):
        return "running"
    if state_char(t) in "ZX":
        return "-"
    pcs = saved_pcs(t)
    fn = new_task_fn(t, pcs)
    if fn:
        return fn
    for pc in pcs:
        for name in functions_at(lookup_pc(pc)):
            if name not in SCHED_FUNCS:
                return name
    return "?"


# ---------------------------------------------------------------------------
# Paths, as the kernel's d_path builds them (kernel/fs/namei.c), up to the
# root of all mounts.

def dentry_name(d):
    return read(int(d["name"]), int(d["name_len"])).decode(errors="replace")


def d_path(path):
    mnt, d = path["mnt"], path["dentry"]
    if not int(d) or not int(mnt):
        return None
    parts = []
    for _ in range(4096):
        if int(d) == int(mnt["root"]):
            if int(mnt["parent"]) == int(mnt):
                break
            d, mnt = mnt["mountpoint"], mnt["parent"]
            continue
        parts.append(dentry_name(d))
        d = d["parent"]
    name = "/" + "/".join(reversed(parts))
    if path["dentry"]["unhashed"]:
        name += " (deleted)"
    return name


def file_name(f):
    """What /proc/PID/fd/N shows for an open file (proc_put_file)."""
    inode = f["inode"]
    try:
        pipe_sb = int(var("pipe_sb").address)
    except gdb.GdbError:
        pipe_sb = None
    if int(inode) and int(inode["sb"]) == pipe_sb:
        return "pipe:[%d]" % int(inode["ino"])
    name = d_path(f["path"])
    if name is not None:
        return name
    if int(inode) and int(inode["mode"]) & S_IFMT == S_IFSOCK:
        return "socket:[%d]" % int(inode["ino"])
    sb = inode["sb"] if int(inode) else None
    fstype = "unknown"
    if sb is not None and int(sb) and int(sb["type"]):
        fstype = cstring(int(sb["type"]["name"]))
    return "anon_inode:[%s]" % fstype


# Linux x86-64 open flags (kernel/include/uapi/fcntl.h).
O_FLAGS = [
    (0o100, "O_CREAT"), (0o200, "O_EXCL"), (0o400, "O_NOCTTY"),
    (0o1000, "O_TRUNC"), (0o2000, "O_APPEND"), (0o4000, "O_NONBLOCK"),
    (0o10000, "O_DSYNC"), (0o20000, "O_ASYNC"), (0o40000, "O_DIRECT"),
    (0o100000, "O_LARGEFILE"), (0o200000, "O_DIRECTORY"),
    (0o400000, "O_NOFOLLOW"), (0o1000000, "O_NOATIME"),
    (0o2000000, "O_CLOEXEC"), (0o4000000, "__O_SYNC"),
    (0o10000000, "O_PATH"), (0o20000000, "__O_TMPFILE"),
]


def open_flags(flags):
    names = [["O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"][flags & 3]]
    names += [n for bit, n in O_FLAGS if flags & bit]
    return "|".join(names)


# ---------------------------------------------------------------------------
# Guest memory, through a task's page tables (kernel/mm/pgtable.c).

def guest_page(mm, addr):
    """The kernel address of the byte at guest address addr in mm."""
    base = int(var("phys_zone")["base"])
    table = int(mm["pgd"])
    for level in (3, 2, 1, 0):
        index = (addr >> (PAGE_SHIFT + 9 * level)) & 511
        entry = read_u64(table + 8 * index)
        if not entry & PTE_PRESENT:
            raise gdb.GdbError("guest address %#x is not mapped (or not "
                               "faulted in yet) in this address space"
                               % addr)
        table = base + ((entry >> PAGE_SHIFT) << PAGE_SHIFT)
    return table + (addr & ((1 << PAGE_SHIFT) - 1))


def guest_string(mm, addr, maxlen=4096):
    out = b""
    while len(out) < maxlen:
        page_left = (1 << PAGE_SHIFT) - ((addr + len(out)) & 0xfff)
        chunk = read(guest_page(mm, addr + len(out)),
                     min(page_left, maxlen - len(out)))
        end = chunk.find(b"\0")
        if end >= 0:
            return out + chunk[:end]
        out += chunk
    return out


# ---------------------------------------------------------------------------
# The commands.

class TamuPs(gdb.Command):
    """Every task: pid, thread group, parent, state, command, what it waits on.
Usage: tamu-ps
State as in ps: R runnable, S sleeping, D uninterruptible, T stopped,
Z zombie, X dead.  WAIT is the innermost kernel function of a task's
saved context that is not the scheduler's; "running" for the current."""

    def __init__(self):
        super().__init__("tamu-ps", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        inferior()
        gdb.write("%5s %5s %5s %-2s %-16s %s\n"
                  % ("PID", "TGID", "PPID", "ST", "COMM", "WAIT"))
        for t in tasks():
            gdb.write("%5d %5d %5d %-2s %-16s %s\n"
                      % (int(t["pid"]), int(t["tgid"]), ppid(t),
                         state_char(t), comm(t), wait_channel(t)))


class TamuDmesg(gdb.Command):
    """The kernel log, oldest first, read from the ring in kernel_log.
Usage: tamu-dmesg"""

    def __init__(self):
        super().__init__("tamu-dmesg", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        inferior()
        ring = var("kernel_log")
        if not int(ring["buf"]):
            gdb.write("(the log is not set up yet)\n")
            return
        size = int(ring["size"])
        buf = read(int(ring["buf"]), size)
        # struct log_hdr of kernel/printk/log_ring.c: u64 ts_ns, u32
        # rec_len, u16 text_len, u8 level, u8 truncated; then the text.
        idx = int(ring["first_idx"])
        for _ in range(int(ring["first_seq"]), int(ring["next_seq"])):
            if idx + 16 > size:
                break
            rec_len = struct.unpack_from("<I", buf, idx + 8)[0]
            if rec_len == 0:	# the rest of the buffer is unused
                idx = 0
            ts, rec_len, text_len = struct.unpack_from("<QIH", buf, idx)
            if rec_len < 16 or idx + 16 + text_len > size:
                gdb.write("(corrupt record at offset %d)\n" % idx)
                return
            text = buf[idx + 16:idx + 16 + text_len]
            gdb.write("[%5d.%06d] %s\n"
                      % (ts // 10**9, ts % 10**9 // 1000,
                         text.decode(errors="replace")))
            idx += rec_len


class TamuVmas(gdb.Command):
    """A task's memory map, as /proc/PID/maps shows it.
Usage: tamu-vmas PID
Columns: start-end, permissions, file offset, device, inode, path."""

    def __init__(self):
        super().__init__("tamu-vmas", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = task_arg(arg, "tamu-vmas")
        mm = t["mm"]
        if not int(mm):
            raise gdb.GdbError("tamu-vmas: pid %d (%s) has no address space"
                               % (int(t["pid"]), comm(t)))
        for vma in list_for_each_entry(mm["vmas"], "struct vm_area_struct",
                                       "list"):
            gdb.write(self.line(mm, vma) + "\n")

    @staticmethod
    def line(mm, vma):
        start, end = int(vma["start"]), int(vma["end"])
        flags = int(vma["flags"])
        f = vma["file"]
        inode = f["inode"] if int(f) else None
        dev = ino = off = 0
        if inode is not None and int(inode):
            sb = inode["sb"]
            dev = int(sb["dev"]) if int(sb) else 0
            ino = int(inode["ino"])
            off = int(vma["pgoff"]) << PAGE_SHIFT
        perms = "".join([
            "r" if flags & VM_READ else "-",
            "w" if flags & VM_WRITE else "-",
            "x" if flags & VM_EXEC else "-",
            "s" if flags & VM_SHARED else "p"])
        line = "%08x-%08x %s %08x %02x:%02x %d " % (
            start, end, perms, off, dev >> 20, dev & 0xfffff, ino)
        if int(f):
            name = file_name(f)
        elif start <= int(mm["brk"]) and end >= int(mm["start_brk"]):
            name = "[heap]"
        elif start <= int(mm["start_stack"]) < end or \
                end == int(mm["start_stack"]):
            name = "[stack]"
        else:
            return line
        return "%-72s %s" % (line, name)


class TamuFiles(gdb.Command):
    """A task's open file descriptors: position, flags and full path.
Usage: tamu-files PID
Paths go up to the root of all mounts (a chroot does not hide them)."""

    def __init__(self):
        super().__init__("tamu-files", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = task_arg(arg, "tamu-files")
        files = t["files"]
        if not int(files):
            raise gdb.GdbError("tamu-files: pid %d (%s) has no file table"
                               % (int(t["pid"]), comm(t)))
        chunks = files["chunks"]
        # FD_CHUNK: a page of pointers per chunk (fdtable.h's fd_slot).
        per_chunk = 4096 // gdb.lookup_type("void").pointer().sizeof
        opened = files["open_fds"]
        cloexec = files["close_on_exec"]
        gdb.write("%4s %-10s %-30s %s\n" % ("FD", "POS", "FLAGS", "PATH"))
        for fd in range(int(files["max_fds"])):
            if not int(opened[fd // 64]) & (1 << (fd % 64)):
                continue
            f = chunks[fd // per_chunk][fd % per_chunk]
            if not int(f):
                continue
            flags = int(f["f_flags"])
            if int(cloexec[fd // 64]) & (1 << (fd % 64)):
                flags |= 0o2000000
            gdb.write("%4d %-10d %-30s %s\n"
                      % (fd, int(f["f_pos"]),
                         "0%o %s" % (flags, open_flags(flags)),
                         file_name(f)))


class TamuBt(gdb.Command):
    """The kernel backtrace of a task, from its saved context.
Usage: tamu-bt PID
A task that is not running is suspended in arch_switch_to: its frames are
found from thread.ksp along the saved frame pointers within its kernel
stack.  For the running task, this is gdb's own backtrace."""

    def __init__(self):
        super().__init__("tamu-bt", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = task_arg(arg, "tamu-bt")
        pid, name = int(t["pid"]), comm(t)
        if is_current(t):
            gdb.write("pid %d (%s) is running; its frames:\n" % (pid, name))
            self.live()
            return
        pcs = saved_pcs(t)
        if not pcs:
            raise gdb.GdbError("tamu-bt: pid %d (%s) has no saved kernel "
                               "context (state %s)"
                               % (pid, name, state_char(t)))
        gdb.write("pid %d (%s), state %s, saved at ksp %#x:\n"
                  % (pid, name, state_char(t), int(t["thread"]["ksp"])))
        n = 0
        for pc in pcs:
            lines, names = frame_lines(n, pc)
            gdb.write("\n".join(lines) + "\n")
            n += len(names) or 1
        fn = new_task_fn(t, pcs)
        if fn:
            gdb.write("(it has not run yet; it starts in %s)\n" % fn)

    @staticmethod
    def live():
        frame = gdb.newest_frame()
        n = 0
        while frame is not None and n < MAX_FRAMES:
            sal = frame.find_sal()
            where = ""
            if sal.symtab is not None:
                where = " at %s:%d" % (sal.symtab.filename, sal.line)
            pc = "0x%016x in " % frame.pc()
            newer = frame.newer()
            if newer is not None and newer.type() == gdb.INLINE_FRAME:
                pc = ""		# the same pc as the inlined function's
            gdb.write("#%-2d %s%s ()%s\n"
                      % (n, pc, frame.name() or "??", where))
            frame = frame.older()
            n += 1


class TamuTask(gdb.Command):
    """A task's guest registers (thread.regs), as info registers shows them.
Usage: tamu-task PID
They are the registers of the guest thread while the kernel handles its
system call, fault or signal; for a task running guest code, the ones it
was last resumed with."""

    REGS = [("rax", "ax"), ("rbx", "bx"), ("rcx", "cx"), ("rdx", "dx"),
            ("rsi", "si"), ("rdi", "di"), ("rbp", "bp"), ("rsp", "sp"),
            ("r8", "r8"), ("r9", "r9"), ("r10", "r10"), ("r11", "r11"),
            ("r12", "r12"), ("r13", "r13"), ("r14", "r14"), ("r15", "r15"),
            ("rip", "ip"), ("eflags", "flags"), ("cs", "cs"), ("ss", "ss"),
            ("ds", "ds"), ("es", "es"), ("fs", "fs"), ("gs", "gs"),
            ("fs_base", "fs_base"), ("gs_base", "gs_base"),
            ("orig_rax", "orig_ax")]
    EFLAGS = [(0, "CF"), (2, "PF"), (4, "AF"), (6, "ZF"), (7, "SF"),
              (8, "TF"), (9, "IF"), (10, "DF"), (11, "OF"), (14, "NT"),
              (16, "RF"), (17, "VM"), (18, "AC"), (19, "VIF"), (20, "VIP"),
              (21, "ID")]

    def __init__(self):
        super().__init__("tamu-task", gdb.COMMAND_USER)

    def invoke(self, arg, from_tty):
        t = task_arg(arg, "tamu-task")
        thread = t["thread"]
        regs = thread["regs"]
        gdb.write("pid %d (%s), state %s\n"
                  % (int(t["pid"]), comm(t), state_char(t)))
        for name, field in self.REGS:
            v = int(regs[field])
            if name == "eflags":
                natural = "[ %s ]" % " ".join(
                    n for bit, n in self.EFLAGS if v & (1 << bit))
            elif name in ("rip", "rsp", "rbp", "fs_base", "gs_base"):
                natural = "%#x" % v
            elif name == "orig_rax":
                natural = "%d%s" % (self.signed(v), self.syscall_name(v))
            else:
                natural = "%d" % self.signed(v)
            gdb.write("%-15s0x%-18x%s\n" % (name, v, natural))
        gdb.write("%-15s%d, error_code %#x, cr2 %#x\n"
                  % ("last trap", int(thread["trap_nr"]),
                     int(thread["error_code"]), int(thread["cr2"])))

    @staticmethod
    def signed(v):
        return v - (1 << 64) if v >= 1 << 63 else v

    @staticmethod
    def syscall_name(nr):
        try:
            names = var("syscall_names")
            if nr < names.type.range()[1] + 1 and int(names[nr]):
                return " (%s)" % cstring(int(names[nr]))
        except (gdb.GdbError, gdb.error):
            pass
        return ""


class TamuTaskFunction(gdb.Function):
    """$tamu_task(PID): the struct task_struct * of a pid."""

    def __init__(self):
        super().__init__("tamu_task")

    def invoke(self, pid):
        return find_task(int(pid), "$tamu_task")


class TamuUserString(gdb.Function):
    """$tamu_ustr(ADDR [, PID]): a string in guest memory.
Reads the NUL-terminated string at guest address ADDR through the page
tables of the current task (or of PID), e.g. p $tamu_ustr(uname)."""

    def __init__(self):
        super().__init__("tamu_ustr")

    def invoke(self, addr, pid=None):
        t = var("current") if pid is None else find_task(int(pid),
                                                         "$tamu_ustr")
        if not int(t["mm"]):
            raise gdb.GdbError("$tamu_ustr: pid %d has no address space"
                               % int(t["pid"]))
        text = guest_string(t["mm"], int(addr))
        return gdb.Value(text.decode(errors="replace"))


class TamuSignals(gdb.Command):
    """tamu-signals [MODE]: set gdb's signal handling for tamu's mode.
With skas (the default) a SIGSEGV in the kernel process is a kernel bug:
gdb stops there.  With seccomp, guest system calls and faults are host
signals in the kernel process: they pass silently, and kernel bugs stop
at kernel_fault().  Without MODE, the mode= of the program's arguments
(or of the attached process's command line)."""

    INPROC = "handle SIGSYS SIGSEGV SIGBUS SIGILL SIGFPE nostop noprint pass"
    SKAS = "handle SIGSEGV SIGBUS SIGILL SIGFPE stop print pass"

    def __init__(self):
        super().__init__("tamu-signals", gdb.COMMAND_USER)
        self.armed = False

    @staticmethod
    def mode_of_args():
        words = (gdb.parameter("args") or "").split()
        inf = gdb.selected_inferior()
        if inf.pid:
            try:
                with open("/proc/%d/cmdline" % inf.pid, "rb") as f:
                    words = f.read().decode(errors="replace").split("\0")
            except OSError:
                pass
        for w in words:
            if w.startswith("mode="):
                return w[5:]
        return "skas"

    def invoke(self, arg, from_tty):
        mode = arg.strip() or self.mode_of_args()
        if mode == "skas":
            gdb.execute(self.SKAS, to_string=True)
        else:
            gdb.execute(self.INPROC, to_string=True)
            if not self.armed:
                gdb.execute("break kernel_fault", to_string=True)
                self.armed = True
        if from_tty:
            print("tamu-signals: set for mode=%s" % mode)


def _set_signals(event):
    gdb.execute("tamu-signals", to_string=True)


TamuSignals()
# The C library is loaded as a run starts and when gdb attaches: the mode
# is known then, and no guest code has run yet.
gdb.events.new_objfile.connect(_set_signals)
TamuPs()
TamuDmesg()
TamuVmas()
TamuFiles()
TamuBt()
TamuTask()
TamuTaskFunction()
TamuUserString()
