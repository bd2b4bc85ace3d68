# trace-rpc.py — run by gdb from tools/trace-rpc: single-steps one operation of the
# kernel-core benchmark and prints how many instructions each function executed.
#
# Environment: TRACE_TRIGGER (a bench_ipc function reached before the measured loop),
# TRACE_FN (the function whose consecutive entries delimit one operation), TRACE_SKIP
# (entries to let pass first, so caches and name tables are warm), TRACE_LIMIT, and
# TRACE_PCS (a file to write every executed address to, one a line, for objdump).
import collections
import os

import gdb

trigger = os.environ.get("TRACE_TRIGGER", "start_server_thread")
fn = os.environ.get("TRACE_FN", "rpc")
skip = int(os.environ.get("TRACE_SKIP", "20"))
limit = int(os.environ.get("TRACE_LIMIT", "50000"))

gdb.execute("set pagination off")
gdb.execute("set confirm off")
gdb.execute("target remote :" + os.environ.get("TRACE_PORT", "1234"))
# Hardware breakpoints: the bench's functions are in user tasks' address spaces.
gdb.execute("hbreak " + trigger)
gdb.execute("continue", to_string=True)
gdb.execute("delete")
gdb.execute("hbreak " + fn)
for _ in range(skip + 1):
    gdb.execute("continue", to_string=True)
gdb.execute("delete")

start = int(gdb.parse_and_eval("$pc"))
names = {}
counts = collections.Counter()
runs = []
pcs = []
steps = 0
while steps < limit:
    gdb.execute("stepi", to_string=True)
    steps += 1
    pc = int(gdb.parse_and_eval("$pc"))
    if pc == start:
        break
    pcs.append(pc)
    name = names.get(pc)
    if name is None:
        sym = gdb.execute("info symbol %d" % pc, to_string=True)
        name = hex(pc) if sym.startswith("No symbol") else sym.split(" in section")[0].split(" + ")[0].strip()
        names[pc] = name
    counts[name] += 1
    if runs and runs[-1][0] == name:
        runs[-1][1] += 1
    else:
        runs.append([name, 1])

with open(os.environ["TRACE_OUT"], "w") as out:
    out.write("trace-rpc: %s: %d instructions from one entry to the next\n" % (fn, steps))
    for name, n in counts.most_common():
        out.write("%7d  %s\n" % (n, name))
    out.write("trace-rpc: in order:\n")
    out.write("  ".join("%s:%d" % (name, n) for name, n in runs) + "\n")
if os.environ.get("TRACE_PCS"):
    with open(os.environ["TRACE_PCS"], "w") as out:
        out.write("".join("%x\n" % pc for pc in pcs))
gdb.execute("kill")
