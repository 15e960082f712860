#!/usr/bin/env python3
"""Where a pwsh command's time goes, with the module's own methods named: runs SCRIPT in the repo-pinned pwsh under
`perf record` (Debian's linux-perf), with the runtime writing a perf map and W^X off so JIT-compiled frames have
names, and names the frames in the module's ReadyToRun images (which a perf map leaves out) from crossgen2 maps of
the same build. SCRIPT imports the built module (out/TwelveFactor, Release) and prints one line
`window=<start> <end>` of [Diagnostics.Stopwatch]::GetTimestamp() values around the part to look at; only samples
in that window count. Prints the samples per thread, where the sampled instruction was (managed code, the runtime,
the JIT, the kernel), and the methods of the module and the engine by how many samples they were on the stack for.

How the figures read: perf slows what it samples (at 10 kHz a call takes about twice as long), so compare shares,
not milliseconds. A method marked [InstrumentedTier...] is the runtime's PGO build of it, slower than its final one.

Usage: profile-pwsh.py SCRIPT.ps1 [FREQUENCY]   (default 5000 samples a second)
Example: a script with `Import-Module ./out/TwelveFactor/TwelveFactor.psd1; $t0 = [Diagnostics.Stopwatch]::GetTimestamp();
New-TfRelease -Path ./build -Store ./store -App demo; $t1 = ...; "window=$t0 $t1"`.
"""
import bisect, collections, csv, glob, os, re, shutil, struct, subprocess, sys, tempfile
from pwshbench import build, here, pwsh, root, sh

if len(sys.argv) < 2:
    sys.exit(__doc__)
if shutil.which("perf") is None:
    sys.exit("perf is not installed (Debian: apt-get install linux-perf).")
script = os.path.abspath(sys.argv[1])
frequency = sys.argv[2] if len(sys.argv) > 2 else "5000"

build()
module = os.path.join(root, "out/TwelveFactor")
il = os.path.join(root, "src/TwelveFactor/bin/Release/net8.0")
work = tempfile.mkdtemp(prefix="tf-profile-")

def prop(name):
    return sh("dotnet", "msbuild", os.path.join(root, "src/TwelveFactor"), "-nologo", "-p:Configuration=Release", f"-getProperty:{name}").strip()

def text_offset(image):
    """RVA minus file offset of the image's .text section (crossgen2 places sections 64 KiB apart on Linux)."""
    data = open(image, "rb").read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    table = pe + 24 + struct.unpack_from("<H", data, pe + 20)[0]
    for i in range(struct.unpack_from("<H", data, pe + 6)[0]):
        if data[table + i * 40:table + i * 40 + 5] == b".text":
            va, raw = struct.unpack_from("<I", data, table + i * 40 + 12)[0], struct.unpack_from("<I", data, table + i * 40 + 20)[0]
            return va - raw
    raise SystemExit(f"{image}: no .text section")

# The module's two ReadyToRun images, compiled again with a map (the same compiler, inputs and options as the build).
crossgen = prop("_Crossgen2Path")
framework = prop("_ReadyToRunFramework")
engine = next(iter(glob.glob(os.path.expanduser("~/.nuget/packages/powershellstandard.library/*/lib/*/System.Management.Automation.dll"))), None)
maps = {}
for name, laid_out in (("TwelveFactor", os.path.join(module, "TwelveFactor.dll")), ("TwelveFactor.Core", os.path.join(module, "Dependencies/TwelveFactor.Core.dll"))):
    out = os.path.join(work, name + ".dll")
    args = [crossgen, os.path.join(il, name + ".dll"), "-o", out, "-r", framework + "*.dll", "-r", il + "/*.dll",
            "--targetos:linux", "--targetarch:x64", "-O", "--mapcsv"]
    if engine:
        args += ["-r", engine]
    subprocess.run(args, check=True, capture_output=True)
    if os.path.getsize(out) != os.path.getsize(laid_out):
        print(f"warning: {name}.dll compiled again differs in size from the one laid out; its names may be wrong")
    rows = sorted((int(r["Rva"], 16), int(r["Length"]), r["Symbol"]) for r in csv.DictReader(open(out[:-4] + ".map.csv"))
                  if r["Node Type"] == "MethodWithGCInfo" and r["Length"])
    maps[name + ".dll"] = (text_offset(out), [r[0] for r in rows], rows)

def ready_to_run_name(dso, offset):
    entry = maps.get(os.path.basename(dso))
    if entry is None:
        return None
    delta, starts, rows = entry
    i = bisect.bisect_right(starts, offset + delta) - 1
    if i < 0 or offset + delta >= rows[i][0] + rows[i][1]:
        return None
    return "R2R " + rows[i][2].replace("TwelveFactor_Core_TwelveFactor_Core_", "Core ").replace("TwelveFactor_TwelveFactor_", "")

data = os.path.join(work, "perf.data")
env = dict(os.environ, DOTNET_PerfMapEnabled="1", DOTNET_EnableWriteXorExecute="0")
run = subprocess.run(["perf", "record", "-k", "mono", "-F", frequency, "-g", "-o", data, "--", *pwsh[:2], "-NoProfile", "-NonInteractive", "-File", script],
                     env=env, capture_output=True, text=True, cwd=root)
window = re.search(r"window=(\d+) (\d+)", run.stdout)
if window is None:
    sys.exit("the script printed no 'window=<start> <end>' line:\n" + run.stdout + run.stderr)
low, high = int(window.group(1)) / 1e9, int(window.group(2)) / 1e9

samples, current = [], None
script_out = subprocess.run(["perf", "script", "-i", data, "-F", "comm,tid,time,ip,sym,dso"], capture_output=True, text=True, errors="replace").stdout
for line in script_out.splitlines():
    if not line.strip():
        current = None
    elif not line[0].isspace():
        head = re.match(r"^(.*?)\s+(\d+)\s+(\d+\.\d+):", line)
        current = None
        if head and low <= float(head.group(3)) <= high:
            current = (head.group(1).strip(), [])
            samples.append(current)
    elif current is not None:
        frame = re.match(r"\s*([0-9a-f]+) (.*) \((.*)\)$", line)
        if frame:
            symbol = ready_to_run_name(frame.group(3), int(frame.group(1), 16)) or frame.group(2)
            current[1].append((symbol, os.path.basename(frame.group(3))))
shutil.rmtree(work, ignore_errors=True)

total = len(samples)
print(f"{total} samples in the window ({(high - low) * 1000:.1f} ms under perf)")
print("threads: " + ", ".join(f"{n} {c}" for n, c in collections.Counter(s[0] for s in samples).most_common(6)))
def where(frames):
    dso = frames[0][1] if frames else "?"
    return "kernel" if "kernel" in dso else "JIT" if "clrjit" in dso else "runtime" if "coreclr" in dso else "managed" if dso.startswith("perf-") or dso.endswith(".dll") else dso
print("leaves: " + ", ".join(f"{n} {c * 100 / max(total, 1):.0f} %" for n, c in collections.Counter(where(s[1]) for s in samples).most_common(6)))
ours, engine = collections.Counter(), collections.Counter()
for _, frames in samples:
    for symbol in {f[0] for f in frames}:
        if symbol.startswith("R2R ") or "[TwelveFactor" in symbol:
            ours[symbol] += 1
        elif "[System.Management.Automation]" in symbol:
            engine[symbol] += 1
print("\nthe module's methods on the stack (samples, share; R2R = its ReadyToRun code, others as the JIT compiled them):")
for symbol, count in ours.most_common(30):
    print(f"{count:7} {count * 100 / max(total, 1):5.1f} %  {symbol[:150]}")
# The engine's frames that stand around every command (the pipeline, the interpreter) say nothing; the rest do.
print("\nthe engine's methods on the stack, those under 70 % of the samples:")
for symbol, count in [(s, c) for s, c in engine.most_common() if c < 0.7 * total][:15]:
    print(f"{count:7} {count * 100 / max(total, 1):5.1f} %  {symbol[:150]}")
