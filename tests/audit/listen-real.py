"""Listeners shaped like a real host's, for capture.sh: IPv6-only and dual-stack sockets, an
IPv4-mapped loopback bind, sockets bound to an interface (scoped), a link-local address, UDP
sockets, and one port shared by a master and two forked workers named "nginx"."""
import ctypes, os, socket, sys, time

SO_BINDTODEVICE = 25
libc = ctypes.CDLL(None)
socks = []

def listen(family, kind, address, port, v6only=True, device=None):
    s = socket.socket(family, kind)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    if family == socket.AF_INET6:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1 if v6only else 0)
    if device:
        s.setsockopt(socket.SOL_SOCKET, SO_BINDTODEVICE, device.encode())
    s.bind((address, port) if family == socket.AF_INET else (address, port, 0, socket.if_nametoindex(device) if device and address.startswith("fe80") else 0))
    if kind == socket.SOCK_STREAM:
        s.listen()
    socks.append(s)

V4, V6, TCP, UDP = socket.AF_INET, socket.AF_INET6, socket.SOCK_STREAM, socket.SOCK_DGRAM
listen(V4, TCP, "0.0.0.0", 22)
listen(V6, TCP, "::", 22)
listen(V6, TCP, "::", 80, v6only=False)
listen(V6, TCP, "::ffff:127.0.0.1", 8081, v6only=False)
listen(V6, TCP, "::1", 631)
listen(V4, UDP, "127.0.0.53", 53, device="lo")
listen(V4, TCP, "127.0.0.53", 53, device="lo")
listen(V4, UDP, "0.0.0.0", 68, device="eth0")
listen(V6, UDP, "fe80::1", 123, device="eth0")
listen(V4, UDP, "0.0.0.0", 5353)
listen(V6, UDP, "::", 5353)
listen(V4, TCP, "10.0.0.10", 10250)
workers = socket.socket(V4, TCP)
workers.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
workers.bind(("0.0.0.0", 443))
workers.listen()
for _ in range(2):
    if os.fork() == 0:
        libc.prctl(1, 15, 0, 0, 0)  # PR_SET_PDEATHSIG: SIGTERM when the master is killed
        libc.prctl(15, b"nginx", 0, 0, 0)
        time.sleep(30)
        sys.exit(0)
libc.prctl(15, b"nginx", 0, 0, 0)
print("ready", flush=True)
time.sleep(30)
