"""What session.py, runtime.py and reapply.py share: namespaces named by role on one bridge, the
processes started in them, the line echo server and the SSH-like session, and loading ufw and
firewalld over private copies of their state (so the machine's own is never touched).

Each script keeps its own namespace names, timeouts and error texts (the `Namespaces` arguments).
"""
import os
import shutil
import subprocess
import sys

# A line echo server on the port given as its argument (a host's "sshd", a guest's web server,
# an outside service a guest calls): echoes each line back, one thread per connection.
SERVER = r"""
import socket, sys, threading
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", int(sys.argv[1]))); s.listen(8); print("ready", flush=True)
def serve(c):
    f = c.makefile("rwb", buffering=0)
    for line in f:
        f.write(line)
while True:
    c, _ = s.accept(); threading.Thread(target=serve, args=(c,), daemon=True).start()
"""

# Runs in admin: one connection, a line before and (on a line from stdin) a line after.
SESSION = r"""
import socket, sys
c = socket.create_connection(("10.0.0.10", 22), timeout=3); f = c.makefile("rwb", buffering=0)
f.write(b"before\n"); print("up" if f.readline() == b"before\n" else "down", flush=True)
sys.stdin.readline()
try:
    f.write(b"after\n"); print("alive" if f.readline() == b"after\n" else "cut", flush=True)
except OSError:
    print("cut", flush=True)
"""


# Runs in a namespace: one TCP connection to (address, port), a line sent and echoed back:
# prints "open", else "closed" (refused, dropped, or no echo).
CONNECT = r"""
import socket, sys
try:
    c = socket.create_connection((sys.argv[1], int(sys.argv[2])), timeout=1.5)
    c.sendall(b"x\n"); c.settimeout(1.5)
    print("open" if c.recv(2) == b"x\n" else "closed")
except OSError:
    print("closed")
"""


class Namespaces:
    """One script's namespaces by role (`names`: role -> namespace name) and the processes it
    started in them. `timeout` bounds each command; a failed command's error quotes its stderr,
    or its stdout when `stdout_too` and stderr is empty, cut to the last `tail` characters."""

    def __init__(self, names, timeout=60, stdout_too=False, tail=None):
        # PORTOLAN_NETNS_PREFIX (e.g. "ci") is put before every name, so that two runs on one
        # machine (a CI run, an engineer's) do not delete each other's namespaces.
        prefix = os.environ.get("PORTOLAN_NETNS_PREFIX", "")
        self.names = {role: f"{prefix}-{name}" if prefix else name
                      for role, name in names.items()}
        self.timeout = timeout
        self.stdout_too = stdout_too
        self.tail = tail
        self.processes = []

    def sh(self, *args, ns=None, input=None, check=True):
        cmd = (["ip", "netns", "exec", self.names[ns]] if ns else []) + list(args)
        r = subprocess.run(cmd, input=input, capture_output=True, text=True,
                           timeout=self.timeout)
        if check and r.returncode != 0:
            text = (r.stderr or r.stdout if self.stdout_too else r.stderr).strip()
            raise RuntimeError(f"{' '.join(cmd)}: {text[-self.tail:] if self.tail else text}")
        return r.stdout

    def connect(self, ns, address, port):
        """"open" when a connection from `ns` to address:port gets its line echoed, else
        "closed" (the one probe of session.py, runtime.py and reapply.py)."""
        return self.sh(sys.executable, "-c", CONNECT, address, str(port), ns=ns).strip()

    def spawn(self, ns, code, *args):
        p = subprocess.Popen(["ip", "netns", "exec", self.names[ns], sys.executable, "-c", code,
                              *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        self.processes.append(p)
        return p

    def cleanup(self):
        for p in self.processes:
            p.kill()
            p.wait(timeout=5)
        self.processes.clear()
        for ns in self.names.values():
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)

    def switch(self, addresses):
        """Starts afresh: a bridge in the "sw" namespace and, in the order of `addresses` (role
        -> IPv4 address), a namespace per role whose eth0 is on it (v0, v1, ... on the bridge),
        holding the address as a /32 with a default route out of eth0."""
        self.cleanup()
        self.sh("ip", "netns", "add", self.names["sw"])
        self.sh("ip", "link", "add", "br0", "type", "bridge", ns="sw")
        self.sh("ip", "link", "set", "br0", "up", ns="sw")
        for i, (side, address) in enumerate(addresses.items()):
            self.sh("ip", "netns", "add", self.names[side])
            self.sh("ip", "link", "add", f"v{i}", "netns", self.names["sw"], "type", "veth",
                    "peer", "name", "eth0", "netns", self.names[side], ns="sw")
            self.sh("ip", "link", "set", f"v{i}", "master", "br0", "up", ns="sw")
            for dev in ("lo", "eth0"):
                self.sh("ip", "link", "set", dev, "up", ns=side)
            self.sh("ip", "addr", "add", f"{address}/32", "dev", "eth0", ns=side)
            self.sh("ip", "route", "add", "default", "dev", "eth0", ns=side)


def private(out, name, source):
    """A copy of `source` under `out`, to bind over it in a mount namespace of its own."""
    copy = os.path.join(out, name)
    if os.path.isdir(source):
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(source, copy, symlinks=True)
    else:
        shutil.copy2(source, copy)
    return copy


def ufw_missing():
    """Why ufw cannot run here, or None."""
    if shutil.which("ufw") and os.path.isdir("/etc/ufw") and os.path.isfile("/etc/default/ufw"):
        return None
    return "not installed"


def with_ufw_state(spaces, out, command, fresh=True):
    """`command` (a shell line) in the host's network namespace over private copies of ufw's
    state under `out`: new copies, or with `fresh=False` those of an earlier run (a second load,
    the way back) when there are any."""
    etc = os.path.join(out, "etc-ufw")
    default = os.path.join(out, "default-ufw")
    if fresh or not os.path.exists(etc):
        etc = private(out, "etc-ufw", "/etc/ufw")
        default = private(out, "default-ufw", "/etc/default/ufw")
    spaces.sh("unshare", "-m", "--propagation", "private", "sh", "-c",
              f"mount --bind {etc} /etc/ufw && mount --bind {default} /etc/default/ufw && "
              f"{command}", ns="host")


def firewalld_missing():
    """Why firewalld cannot run in a namespace here, or None."""
    for tool in ("firewalld", "firewall-cmd", "dbus-daemon"):
        if not shutil.which(tool):
            return f"{tool} is not installed"
    if not os.path.isdir("/etc/firewalld"):
        return "/etc/firewalld is missing"
    return None


# In the host's namespace, over a private /run and /etc/firewalld ($ETC): the generated zone and
# policy ($RULES) installed, `extra` (more zones), a D-Bus system bus and firewalld started,
# then `then` (the steps the zone's description gives, each script's checks); on exit firewalld
# is killed without its exit cleanup so that its nftables rules stay for the probes.
FIREWALLD_PREPARE = r"""
set -e
mount -t tmpfs none /run
mkdir -p /run/dbus
mount --bind "$ETC" /etc/firewalld
mkdir -p /etc/firewalld/zones /etc/firewalld/policies
cp "$RULES"/zones/*.xml /etc/firewalld/zones/
cp "$RULES"/policies/*.xml /etc/firewalld/policies/ 2>/dev/null || true
"""
FIREWALLD_START = r"""# An earlier run's firewalld was killed to keep its rules for the probes; a new one adds its
# rules beside that table instead of replacing it (two sets, the old first), which a firewalld
# that ran all along never has: the table goes first.
nft delete table inet firewalld 2>/dev/null || true
bus=$(dbus-daemon --system --fork --nopidfile --print-pid)
firewalld --nofork --nopid &
pid=$!
trap 'kill -9 $pid 2>/dev/null; kill $bus 2>/dev/null' EXIT
for i in $(seq 1 60); do
  firewall-cmd --state >/dev/null 2>&1 && break
  sleep 0.5
done
"""


def run_firewalld(spaces, rules, out, then, extra="", env=(), fresh=True):
    """Runs firewalld with the generated `rules` (see FIREWALLD_PREPARE) over a private copy of
    /etc/firewalld under `out` (new, or with `fresh=False` that of an earlier run when there is
    one); `env` adds NAME=VALUE for the script. Returns what the script printed."""
    etc = os.path.join(out, "etc-firewalld")
    if fresh or not os.path.exists(etc):
        etc = private(out, "etc-firewalld", "/etc/firewalld")
        for sub in ("zones", "policies"):
            shutil.rmtree(os.path.join(etc, sub), ignore_errors=True)
        conf = os.path.join(etc, "firewalld.conf")
        if os.path.isfile(conf):
            # Its exit would flush the rules the probes need; the kill above skips it anyway.
            text = open(conf).read().replace("CleanupOnExit=yes", "CleanupOnExit=no")
            open(conf, "w").write(text)
    cmd = ["ip", "netns", "exec", spaces.names["host"], "unshare", "-m", "--propagation",
           "private", "env", f"ETC={etc}", f"RULES={rules}", *env, "sh", "-c",
           FIREWALLD_PREPARE + extra + FIREWALLD_START + then]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=90)
    if r.returncode != 0:
        raise RuntimeError(f"firewalld: {(r.stderr or r.stdout).strip()[-400:]}")
    return r.stdout


class Tally:
    """One line per row (what, got, want), then the count: a judged row passes when it got
    what it wants (`ok  `/`FAIL`); a row not judged is only recorded (`same`/`CUT `)."""

    def __init__(self):
        self.passed = self.failed = 0

    def rows(self, where, rows, judged=lambda what: True):
        for what, got, want in rows:
            ok = got == want
            if judged(what):
                mark = "ok  " if ok else "FAIL"
                self.passed += ok
                self.failed += not ok
            else:
                mark = "same" if ok else "CUT "
            print(f"{mark} {where} {what}: {got} (want {want})")

    def end(self, name, out):
        return finish(name, self.passed, self.failed, out)


def finish(name, passed, failed, out):
    """The script's last line, its scratch folder `out` removed; the exit status."""
    print(f"{name}: {passed} passed, {failed} failed")
    subprocess.run(["rm", "-rf", out])
    return 1 if failed else 0
