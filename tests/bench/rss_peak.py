#!/usr/bin/env python3
"""What a process's peak RSS is made of (issue #15).

  rss_peak.py [--min KIB] [--every MS] -- CMD [ARG...]

Runs CMD (its stdout and stderr go to /dev/null), reads
/proc/PID/smaps every MS milliseconds (default 10) and keeps the sample
with the largest total Rss. Prints that sample's Rss per mapping, summed
by name: [heap] (brk), [anon] (malloc's own mappings: big blocks), each
shared library and file by its base name, then the kernel's VmHWM (the
peak /usr/bin/time's %M reports, which sampling can miss by a little).
Mappings under --min KiB (default 40) are summed as "(smaller)".
Exits with CMD's status. Linux only.
"""
import argparse
import collections
import os
import subprocess
import sys
import time


def sample(pid):
    """{name: KiB} of one smaps read, or None once the process is gone."""
    sizes = collections.Counter()
    name = None
    try:
        with open(f"/proc/{pid}/smaps") as f:
            for line in f:
                first = line.split(None, 1)[0]
                if not first.endswith(":"):	# a mapping's header line
                    fields = line.split()
                    path = fields[5] if len(fields) > 5 else "[anon]"
                    name = os.path.basename(path) if path.startswith("/") else path
                elif first == "Rss:":
                    sizes[name] += int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        return None
    return sizes


def hwm(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return None


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--min", type=int, default=40)
    ap.add_argument("--every", type=float, default=10)
    ap.add_argument("cmd", nargs=argparse.REMAINDER)
    a = ap.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        ap.error("no command")
    p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best, peak_hwm = collections.Counter(), None
    while p.poll() is None:
        s = sample(p.pid)
        h = hwm(p.pid)
        if s is None:
            break
        if h is not None:
            peak_hwm = h
        if sum(s.values()) > sum(best.values()):
            best = s
        time.sleep(a.every / 1000)
    status = p.wait()
    small = 0
    print(f"{'KiB':>7}  mapping (at the sampled peak of {sum(best.values())} KiB)")
    for name, kib in best.most_common():
        if kib >= a.min:
            print(f"{kib:7d}  {name}")
        else:
            small += kib
    print(f"{small:7d}  (smaller)")
    print(f"VmHWM {peak_hwm} KiB (last read before exit)")
    return status


if __name__ == "__main__":
    sys.exit(main())
