#!/usr/bin/env python3
"""Save-to-reload latency of `site-gen serve` (bench/HISTORY.md, "Serve, session 10").

Copies a corpus's content to a temporary folder, starts `site-gen serve` on it, and for each
edit: a page's poll for the next build is waiting, one document is saved as editors save (a
temporary file renamed over it), and the script times the poll's answer (the reload event) and
the page the reload then fetches (which must hold the edit). The first edit after start fills
the extraction and page caches and is reported on its own.

    python3 bench/serve_latency.py target/release/site-gen \
        target/bench/corpus-1000/portolan/content [--edits 7] [--no-bundle]
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def get(port, path, timeout=120):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    conn.request("GET", path)
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def save(path, text):
    with open(path + ".tmp", "w", encoding="utf-8") as f:
        f.write(text)
    os.rename(path + ".tmp", path)


def edit_sentence(text, k):
    """A writer's edit: the opening sentence of the document gets a new word."""
    # A word, not a number: a number in prose may be read as a port.
    return re.sub(r"^(\S+ \S+ \S+ \S+ runs as)( \(draft \w+\))?", rf"\1 (draft {draft(k)})", text, count=1, flags=re.M)


def draft(k):
    return "abcdefghijklmnopqrstuvwxyz"[k % 26] * (1 + k // 26)


def edit_port(text, k):
    """A port edit: the first table cell that is a bare port moves by one (up, then back)."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if not line.startswith("|"):
            continue
        cells = line.split("|")
        for j, cell in enumerate(cells):
            if re.fullmatch(r"\s*\d{3,5}\s*", cell):
                port = int(cell)
                cells[j] = cell.replace(str(port), str(port + (1 if k % 2 else -1)), 1)
                lines[i] = "|".join(cells)
                return "\n".join(lines)
    raise SystemExit("no port cell to edit")


def cpu_ms(pid):
    """User and system CPU the server has used so far (Linux /proc), in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def build_number(script):
    m = re.search(r'"build":(\d+)', script)
    return int(m.group(1)) if m else None


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("binary")
    parser.add_argument("content")
    parser.add_argument("--edits", type=int, default=7)
    parser.add_argument("--no-bundle", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="pass --verbose, print the server's log")
    args = parser.parse_args()

    work = tempfile.mkdtemp(prefix="portolan-serve-bench-")
    try:
        content = os.path.join(work, "content")
        shutil.copytree(args.content, content)
        docs = sorted(f for f in os.listdir(content) if f.endswith(".md"))
        doc = os.path.join(content, docs[len(docs) // 2])
        slug = re.search(r'^platform = "([^"]+)"', open(doc, encoding="utf-8").read(), re.M).group(1)
        page = f"/platforms/{slug}.html"
        command = [args.binary, "serve", "--content", content, "--out", os.path.join(work, "dist"),
                   "--public", os.path.join(ROOT, "public"), "--port", "0"]
        command += ["--no-bundle"] * args.no_bundle + ["--verbose"] * args.verbose
        started = time.monotonic()
        log = open(os.path.join(work, "serve.log"), "w")
        server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=log, text=True)
        port = int(re.search(r"127\.0\.0\.1:(\d+)/", server.stdout.readline()).group(1))
        status, _ = get(port, "/")
        assert status == 200, status
        print(f"{len(docs)} documents; first build served after {time.monotonic() - started:.2f} s")
        build = build_number(get(port, "/__portolan/wait.js?since=0")[1])

        def one_edit(change, k):
            nonlocal build
            answer = {}

            def wait():
                answer["script"] = get(port, f"/__portolan/wait.js?since={build}")[1]
                answer["at"] = time.monotonic()

            waiter = threading.Thread(target=wait)
            waiter.start()
            time.sleep(0.3)
            text = open(doc, encoding="utf-8").read()
            new = change(text, k)
            assert new != text
            cpu = cpu_ms(server.pid)
            saved = time.monotonic()
            save(doc, new)
            waiter.join()
            status, html = get(port, page)
            fetched = time.monotonic()
            assert status == 200 and '"error":null' in answer["script"], answer["script"]
            build = build_number(answer["script"])
            return answer["at"] - saved, fetched - saved, cpu_ms(server.pid) - cpu, html

        event, fetched, cpu, _ = one_edit(edit_sentence, 1)
        print(f"first edit (fills the caches): event {event * 1000:.0f} ms, page {fetched * 1000:.0f} ms, "
              f"server CPU {cpu:.0f} ms")
        for name, change in (("sentence", edit_sentence), ("one port", edit_port)):
            events, pages, cpus = [], [], []
            for k in range(2, 2 + args.edits):
                event, fetched, cpu, html = one_edit(change, k)
                if change is edit_sentence:
                    assert f"(draft {draft(k)})" in html, "the page does not hold the edit"
                events.append(event * 1000)
                pages.append(fetched * 1000)
                cpus.append(cpu)
            print(f"{name} edit, {args.edits} saves: reload event median {statistics.median(events):.0f} ms "
                  f"({min(events):.0f}-{max(events):.0f}), page fetched median {statistics.median(pages):.0f} ms "
                  f"({min(pages):.0f}-{max(pages):.0f}), server CPU median {statistics.median(cpus):.0f} ms")
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)
        log.close()
        if args.verbose:
            print(open(os.path.join(work, "serve.log")).read())
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
