#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Hostile clients against a running `foidesk serve` on 127.0.0.1 (issue 16).

  hostile.py uploads PORT PID [N] [SIZE]
      N anonymous sockets (default 40) each POST an attachment upload with
      Content-Length SIZE (default 12581887) and send every byte but the
      last, as fast as the server takes them.  Prints one JSON line:
      rss_before_kb, rss_after_kb, hwm_before_kb, hwm_kb (the server's
      VmRSS and peak VmHWM before and after), answered (sockets that got an HTTP status
      line back), statuses, sent_mb (body bytes the server accepted).

  hostile.py slow PORT [N] [PROBES]
      N slowloris sockets (default 500) from 127.0.0.2 upwards (at most 60
      per source address, under the server's per-address limit), each
      sending one header line every 2 s; meanwhile PROBES (default 8) GET
      /login from 127.0.0.1, one every 0.25 s.  With N = 0 it is the
      reference run.  Prints one JSON line: held (sockets open when the
      probes ran), probe_ms (each probe's latency, or -1 when it was not
      answered within 5 s).

Loopback only; bounded in sockets and time (about 10 s per run).
"""
import json
import socket
import sys
import threading
import time


def vm(pid, key):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return -1


def upload_one(port, size, out, i):
    head = ("POST /cases/2026-0001/attachments HTTP/1.1\r\nHost: x\r\n"
            "Content-Type: multipart/form-data; boundary=BND\r\n"
            "Content-Length: %d\r\n\r\n" % size).encode()
    chunk = b"A" * 65536
    sent = 0
    status = ""
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(head)
        left = size - 1
        while left > 0:
            n = s.send(chunk[:min(left, len(chunk))])
            sent += n
            left -= n
    except OSError:
        pass
    try:
        s.settimeout(2)
        status = s.recv(64).split(b"\r\n")[0].decode("latin-1")
    except (OSError, UnboundLocalError):
        pass
    out[i] = (sent, status)
    try:
        s.close()
    except (OSError, UnboundLocalError):
        pass


def uploads(port, pid, n=40, size=12581887):
    before, hwm0 = vm(pid, "VmRSS"), vm(pid, "VmHWM")
    out = [None] * n
    threads = [threading.Thread(target=upload_one, args=(port, size, out, i))
               for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    time.sleep(0.5)
    statuses = sorted({o[1].split(" ")[1] for o in out
                       if o and o[1].startswith("HTTP/")})
    print(json.dumps({
        "rss_before_kb": before, "rss_after_kb": vm(pid, "VmRSS"),
        "hwm_before_kb": hwm0, "hwm_kb": vm(pid, "VmHWM"),
        "answered": sum(1 for o in out if o and o[1].startswith("HTTP/")),
        "statuses": statuses,
        "sent_mb": round(sum(o[0] for o in out if o) / 1048576, 1)}))


def probe(port):
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        if not s.recv(16).startswith(b"HTTP/1.1 200"):
            return -1
        s.close()
    except OSError:
        return -1
    return round((time.monotonic() - t0) * 1000, 1)


def slow(port, n=500, probes=8):
    socks = []
    for i in range(n):
        try:
            s = socket.socket()
            s.bind(("127.0.0.%d" % (2 + i // 60), 0))
            s.settimeout(1)
            s.connect(("127.0.0.1", port))
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            socks.append(s)
        except OSError:
            pass
    stop = threading.Event()

    def drip():
        while not stop.wait(2):
            for s in socks:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except OSError:
                    pass
    t = threading.Thread(target=drip)
    t.start()
    time.sleep(0.5)
    lat = []
    for _ in range(probes):
        lat.append(probe(port))
        time.sleep(0.25)
    held = 0
    for s in socks:
        try:
            s.settimeout(0)
            if s.recv(1) != b"":
                held += 1
        except BlockingIOError:
            held += 1
        except OSError:
            pass
    stop.set()
    t.join()
    for s in socks:
        s.close()
    print(json.dumps({"held": held, "probe_ms": lat}))


if __name__ == "__main__":
    a = sys.argv[1:]
    if len(a) >= 3 and a[0] == "uploads":
        uploads(int(a[1]), int(a[2]), *[int(x) for x in a[3:5]])
    elif len(a) >= 2 and a[0] == "slow":
        slow(int(a[1]), *[int(x) for x in a[2:4]])
    else:
        sys.exit(__doc__)
