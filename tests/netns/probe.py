#!/usr/bin/env python3
"""Helpers run inside a network namespace (`ip netns exec NS python3 probe.py ...`).

  probe.py listen PORTS_JSON          TCP and UDP listeners on [["tcp", 80], ["udp", 53], ...],
                                      dual-stack; TCP accepts and closes, UDP echoes. Prints
                                      "ready" once bound, runs until killed.
  probe.py probe PROBES_JSON TIMEOUT  runs probes [[id, family, src, dst, proto, port], ...]
                                      concurrently, each bounded by TIMEOUT seconds; prints a
                                      JSON object {id: true|false} (connected / answered).
"""
import json
import selectors
import socket
import sys
import threading


def listen(ports):
    sel = selectors.DefaultSelector()
    for proto, port in ports:
        kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
        s = socket.socket(socket.AF_INET6, kind)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        s.bind(("::", port))
        if proto == "tcp":
            s.listen(64)
        s.setblocking(False)
        sel.register(s, selectors.EVENT_READ, proto)
    print("ready", flush=True)
    while True:
        for key, _ in sel.select():
            s = key.fileobj
            try:
                if key.data == "tcp":
                    conn, _ = s.accept()
                    conn.close()
                else:
                    data, addr = s.recvfrom(2048)
                    s.sendto(data, addr)
            except OSError:
                pass


def one_probe(family, src, dst, proto, port, timeout):
    af = socket.AF_INET if family == 4 else socket.AF_INET6
    kind = socket.SOCK_STREAM if proto == "tcp" else socket.SOCK_DGRAM
    s = socket.socket(af, kind)
    s.settimeout(timeout)
    try:
        s.bind((src, 0))
        if proto == "tcp":
            s.connect((dst, port))
            return True
        token = b"portolan-probe"
        s.sendto(token, (dst, port))
        data, _ = s.recvfrom(2048)
        return data == token
    except OSError:
        return False
    finally:
        s.close()


def probe(probes, timeout):
    results = {}
    lock = threading.Lock()

    def run(p):
        pid, family, src, dst, proto, port = p
        ok = one_probe(family, src, dst, proto, port, timeout)
        with lock:
            results[pid] = ok

    threads = [threading.Thread(target=run, args=(p,)) for p in probes]
    # Bounded concurrency: batches of 128.
    for i in range(0, len(threads), 128):
        batch = threads[i:i + 128]
        for t in batch:
            t.start()
        for t in batch:
            t.join(timeout * 3 + 1)
    print(json.dumps(results))


if __name__ == "__main__":
    if sys.argv[1] == "listen":
        listen(json.loads(sys.argv[2]))
    else:
        probe(json.loads(sys.argv[2]), float(sys.argv[3]))
