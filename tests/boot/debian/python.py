# SPDX-License-Identifier: GPL-2.0-only
"""Python 3 on the Debian root: sockets, asyncio, multiprocessing,
subprocess, threads.  One line per topic, the same on every Linux; run
natively and in tamu by tests/boot/debian.sh, which compares the lines.
Usage: python3 python.py DIR (an empty directory for socket names)."""

import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def line(topic, fn):
    try:
        result = fn()
    except Exception as e:
        result = "%s: %s" % (type(e).__name__, e)
    print("%s: %s" % (topic, result), flush=True)


def socketpair():
    a, b = socket.socketpair()
    a.sendall(b"ping")
    got = b.recv(4)
    b.sendall(b"pong" * 20000)  # more than one buffer's worth, read back
    back = b""
    while len(back) < 80000:
        back += a.recv(65536)
    a.close()
    eof = b.recv(1)
    d1, d2 = socket.socketpair(socket.AF_UNIX, socket.SOCK_DGRAM)
    d1.send(b"one")
    d1.send(b"two")
    return "%r %d %r %r %r" % (got, len(back), eof, d2.recv(10), d2.recv(10))


def asyncio_echo(path):
    async def handle(reader, writer):
        while line := await reader.readline():
            writer.write(line.upper())
            await writer.drain()
        writer.close()
        await writer.wait_closed()

    async def client(n):
        reader, writer = await asyncio.open_unix_connection(path)
        got = []
        for i in range(3):
            writer.write(b"client %d message %d\n" % (n, i))
            await writer.drain()
            got.append((await reader.readline()).decode().strip())
        writer.close()
        await writer.wait_closed()
        return got

    async def main():
        server = await asyncio.start_unix_server(handle, path)
        async with server:
            results = await asyncio.gather(*(client(n) for n in range(4)))
        return "%d clients, %s" % (len(results), results[3][2])

    return asyncio.run(main())


def square_into(shared, lock, key):
    with lock:
        shared[key] = key * key
        shared["count"] = shared.get("count", 0) + 1


def manager():
    with multiprocessing.Manager() as m:
        shared, lock = m.dict(), m.Lock()
        procs = [multiprocessing.Process(target=square_into,
                                         args=(shared, lock, k))
                 for k in range(4)]
        for p in procs:
            p.start()
        for p in procs:
            p.join()
        codes = [p.exitcode for p in procs]
        return "%s exit codes %s" % (sorted(shared.items(), key=str), codes)


def pool():
    with multiprocessing.Pool(3) as p:
        return p.map(abs, range(-5, 0))


def subprocesses():
    sort = subprocess.run(["sort", "-r"], input="a\nc\nb\n",
                          capture_output=True, text=True)
    first = subprocess.Popen(["printf", "x\\ny\\nx\\n"],
                             stdout=subprocess.PIPE)
    uniq = subprocess.run(["sort", "-u"], stdin=first.stdout,
                          capture_output=True, text=True)
    first.wait()
    shell = subprocess.run("echo out; echo err >&2; exit 3", shell=True,
                           capture_output=True, text=True)
    try:
        subprocess.run(["sleep", "5"], timeout=0.2)
        timeout = "no timeout"
    except subprocess.TimeoutExpired:
        timeout = "timeout"
    return "%r %r %r %r %d %s" % (sort.stdout, uniq.stdout, shell.stdout,
                                  shell.stderr, shell.returncode, timeout)


def threads():
    counter = [0]
    lock = threading.Lock()

    def add():
        for _ in range(1000):
            with lock:
                counter[0] += 1

    ts = [threading.Thread(target=add) for _ in range(8)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    ready = threading.Event()
    cond = threading.Condition()
    box = []

    def producer():
        ready.wait()
        with cond:
            box.append("made")
            cond.notify()

    t = threading.Thread(target=producer)
    t.start()
    ready.set()
    with cond:
        cond.wait_for(lambda: box, timeout=5)
    t.join()
    with ThreadPoolExecutor(4) as ex:
        squares = list(ex.map(lambda x: x * x, range(6)))
    return "%d %s %s %d" % (counter[0], box, squares,
                            threading.active_count())


if __name__ == "__main__":
    work = sys.argv[1]
    os.makedirs(work, exist_ok=True)
    line("socketpair", socketpair)
    line("asyncio echo over a UNIX socket",
         lambda: asyncio_echo(os.path.join(work, "echo.sock")))
    line("multiprocessing Manager", manager)
    line("multiprocessing Pool", pool)
    line("subprocess", subprocesses)
    line("threads", threads)
