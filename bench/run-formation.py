#!/usr/bin/env python3
"""Start-TfFormation beside Debian's ruby-foreman and npm's node-foreman (nf), on the same Procfiles, in one run.

1. Start and stop: 8 processes of the test app (each binds its PORT and says so). "start" is from launching the
   tool until all 8 have said they listen; "stop" from SIGINT (Ctrl+C) to the tool until the tool has exited and no
   process of the formation is left. The tools run as a user runs them: a fresh `pwsh -c Start-TfFormation`, a fresh
   `foreman start`, a fresh `nf start`; and in a pwsh session that has already imported the module (the clock starts
   when the command is entered: the first call, JIT included; the stop ends when the prompt is back and every process
   is gone). A bare `pwsh -c 1` is timed too. The test app handles SIGTERM and SIGINT alike, as real servers do.
2. Log throughput: 4 chatty processes (LINES lines of 100 bytes each), lines per second through
   `Start-TfFormation | Out-Null`, through its console view (stdout to a pipe), and through foreman's output (to a
   pipe), with the peak memory of each tool's process.

Usage: run-formation.py [ROUNDS] [LINES]   (defaults 3 and 250000; 2700000 makes 1 GB of output)
"""
import os, signal, statistics, subprocess, sys, tempfile, time

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
lines = int(sys.argv[2]) if len(sys.argv) > 2 else 250000

def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout

sh("dotnet", "build", os.path.join(root, "tests/TwelveFactor.TestApp"), "-c", "Release", "-o", os.path.join(here, "work/testapp"), "--nologo", "-v", "quiet")
sh("dotnet", "build", os.path.join(root, "src/TwelveFactor"), "-c", "Release", "--nologo", "-v", "quiet")
app = os.path.join(here, "work/testapp/TwelveFactor.TestApp")
manifest = os.path.join(root, "out/TwelveFactor/TwelveFactor.psd1")
nf = os.path.join(here, "node/node_modules/.bin/nf")
if not os.path.exists(nf):
    sh("npm", "install", "--no-audit", "--no-fund", "--silent", cwd=os.path.join(here, "node"))
# The repo-pinned pwsh (dotnet pwsh resolves it only inside the repo, so its pwsh.dll is run directly elsewhere).
# env --default-signal=INT: Ctrl+C must reach each tool as from a terminal, even when this script runs in the background.
pshome = sh("dotnet", "pwsh", "-NoProfile", "-Command", "$PSHOME", cwd=root).strip()
pwsh = ["env", "--default-signal=INT", "dotnet", os.path.join(pshome, "pwsh.dll"), "-NoProfile", "-NonInteractive", "-Command"]

def versions():
    foreman = sh("foreman", "version").strip()
    nfv = sh(nf, "--version").strip()
    pv = sh(*pwsh, "$PSVersionTable.PSVersion.ToString()").strip()
    print(f"ruby-foreman {foreman}, node-foreman {nfv}, pwsh {pv}, {os.cpu_count()} cores")

def app_pids():
    out = subprocess.run(["pgrep", "-f", app], capture_output=True, text=True).stdout.split()
    return [p for p in out if p != str(os.getpid())]

def start_stop(command, folder, expect, in_session=False):
    proc = subprocess.Popen(command, cwd=folder, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.PIPE, text=True, start_new_session=True)
    if in_session:
        # A session that has imported the module and waits for the user's command: the clock starts at Enter.
        while "ready" not in proc.stdout.readline():
            pass
    began = time.perf_counter()
    if in_session:
        proc.stdin.write("\n"); proc.stdin.flush()
    seen = 0
    for line in proc.stdout:
        if "listening on" in line:
            seen += 1
            if seen == expect:
                break
    started = time.perf_counter() - began
    if seen != expect:
        raise SystemExit(f"{command[2]}: only {seen} of {expect} processes said they listen")
    stopping = time.perf_counter()
    os.killpg(proc.pid, signal.SIGINT)
    if in_session:
        for line in proc.stdout:
            if "prompt" in line:
                break
    else:
        for _ in proc.stdout:
            pass
        proc.wait(timeout=60)
    while app_pids():
        time.sleep(0.005)
    elapsed = time.perf_counter() - stopping
    for _ in proc.stdout:
        pass
    proc.wait(timeout=60)
    return started, elapsed

def median(values):
    return statistics.median(values)

versions()
work = tempfile.mkdtemp(prefix="tf-formation-bench-")
with open(os.path.join(work, "Procfile"), "w") as f:
    for i in range(1, 9):
        f.write(f"p{i}: '{app}' serve\n")
open(os.path.join(work, ".env"), "w").write("LOG_LEVEL=info\n")

# Ports below the ephemeral range (32768 and up), so no client socket of the machine holds one.
tools = {
    "Start-TfFormation": pwsh + [f"Import-Module '{manifest}'; Start-TfFormation -Port 21000 -ShutdownTimeout 5"],
    "ruby-foreman": ["env", "--default-signal=INT", "foreman", "start", "-p", "22000", "-t", "5"],
    "node-foreman": ["env", "--default-signal=INT", nf, "start", "-p", "23000"],
}
# Ctrl+C from a terminal reaches the whole foreground process group; foreman and nf expect that, pwsh handles it itself.
# In a session, the stop ends when the prompt is back (the finally block runs as the stopped pipeline unwinds), not
# when pwsh exits; the fresh-pwsh row above includes pwsh's own exit.
session = pwsh + [f"Import-Module '{manifest}'; [Console]::Out.WriteLine('ready'); $null = [Console]::In.ReadLine(); try {{ Start-TfFormation -Port 24000 -ShutdownTimeout 5 }} finally {{ [Console]::Out.WriteLine('prompt') }}"]
results = {name: ([], []) for name in list(tools) + ["Start-TfFormation (in a session)"]}
bare = []
for r in range(rounds):
    for name, command in tools.items():
        s, t = start_stop(command, work, 8)
        results[name][0].append(s)
        results[name][1].append(t)
    s, t = start_stop(session, work, 8, in_session=True)
    results["Start-TfFormation (in a session)"][0].append(s)
    results["Start-TfFormation (in a session)"][1].append(t)
    began = time.perf_counter(); sh(*pwsh, "1", cwd=work); bare.append(time.perf_counter() - began)

print(f"\n8 processes, start until every one listens, stop until all are gone (median of {rounds}):")
print(f"{'tool':<36}{'start s':>9}{'stop s':>9}")
for name, (s, t) in results.items():
    print(f"{name:<36}{median(s):>9.3f}{median(t):>9.3f}")
print(f"{'(bare pwsh -c 1)':<36}{median(bare):>9.3f}")
for mine in ("Start-TfFormation", "Start-TfFormation (in a session)"):
    tf_s, tf_t = median(results[mine][0]), median(results[mine][1])
    for peer in ("ruby-foreman", "node-foreman"):
        ps, pt = median(results[peer][0]), median(results[peer][1])
        print(f"{mine} vs {peer}: start {ps / tf_s:.2f}x, stop {pt / tf_t:.2f}x (>1 means Start-TfFormation is faster)")

# --- log throughput -----------------------------------------------------------------------------------------------
chatty = tempfile.mkdtemp(prefix="tf-chatty-bench-")
with open(os.path.join(chatty, "Procfile"), "w") as f:
    for i in range(1, 5):
        f.write(f"c{i}: '{app}' chatty {lines} sleep\n")
open(os.path.join(chatty, ".env"), "w").write("")
total = 4 * lines

def throughput_counted(command):
    """Reads the tool's stdout until every chatty line has come through, then stops it; lines/s and peak KiB."""
    began = time.perf_counter()
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", os.path.join(chatty, "rss")] + command, cwd=chatty,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL, start_new_session=True)
    seen = 0
    for line in proc.stdout:
        if b"chatty " in line:
            seen += 1
            if seen == total:
                break
    elapsed = time.perf_counter() - began
    if seen != total:
        raise SystemExit(f"{command}: only {seen} of {total} lines came through")
    os.killpg(proc.pid, signal.SIGINT)
    for _ in proc.stdout:
        pass
    proc.wait(timeout=120)
    while app_pids():
        time.sleep(0.01)
    return total / elapsed, int(open(os.path.join(chatty, "rss")).read().split()[-1])

def throughput_out_null():
    """Start-TfFormation | Out-Null: the chatty processes exit after their lines, so the formation ends by itself."""
    with open(os.path.join(chatty, "Procfile.exit"), "w") as f:
        for i in range(1, 5):
            f.write(f"c{i}: '{app}' chatty {lines}\n")
    began = time.perf_counter()
    subprocess.run(["/usr/bin/time", "-f", "%M", "-o", os.path.join(chatty, "rss")] + pwsh +
                   [f"Import-Module '{manifest}'; Start-TfFormation -Path Procfile.exit -Restart OnFailure | Out-Null"],
                   cwd=chatty, check=True, stdout=subprocess.DEVNULL)
    return total / (time.perf_counter() - began), int(open(os.path.join(chatty, "rss")).read().split()[-1])

print(f"\nlog throughput: 4 processes x {lines} lines of 100 bytes ({total * 100 / 1e6:.0f} MB), one round each:")
tf_null = throughput_out_null()
# SIGINT goes to the tool's whole process group, as Ctrl+C in a terminal does.
tf_view = throughput_counted(pwsh + [f"Import-Module '{manifest}'; Start-TfFormation"])
foreman = throughput_counted(["env", "--default-signal=INT", "foreman", "start"])
print(f"{'tool':<36}{'lines/s':>12}{'peak MiB':>10}")
print(f"{'Start-TfFormation | Out-Null':<36}{tf_null[0]:>12,.0f}{tf_null[1] / 1024:>10.0f}")
print(f"{'Start-TfFormation (console view)':<36}{tf_view[0]:>12,.0f}{tf_view[1] / 1024:>10.0f}")
print(f"{'ruby-foreman (to a pipe)':<36}{foreman[0]:>12,.0f}{foreman[1] / 1024:>10.0f}")
print(f"ratio vs ruby-foreman: Out-Null {tf_null[0] / foreman[0]:.2f}x, console view {tf_view[0] / foreman[0]:.2f}x")
