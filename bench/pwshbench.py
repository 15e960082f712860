"""What the pwsh benchmarks share: the Release module built, the repo-pinned pwsh, and timing a command in a fresh
session after Import-Module (the first call, JIT included) and warm in that same session."""
import os, re, subprocess

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.dirname(here)
manifest = os.path.join(root, "out/TwelveFactor/TwelveFactor.psd1")

def sh(*args, **kw):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kw).stdout

def build():
    """The module (Release; it lays itself out in out/TwelveFactor) and the benchmark helper in bench/work/bin."""
    sh("dotnet", "build", os.path.join(root, "src/TwelveFactor"), "-c", "Release", "--nologo", "-v", "quiet")
    sh("dotnet", "build", os.path.join(here, "TwelveFactor.Benchmarks"), "-c", "Release", "-o", os.path.join(here, "work/bin"), "--nologo", "-v", "quiet")

def ready_to_run(path):
    """True when a PE file carries ReadyToRun code (its CLR header's ManagedNativeHeader is set)."""
    import struct
    data = open(path, "rb").read()
    pe = struct.unpack_from("<I", data, 0x3C)[0]
    sections = struct.unpack_from("<H", data, pe + 6)[0]
    optional = pe + 24
    magic = struct.unpack_from("<H", data, optional)[0]
    directories = optional + (96 if magic == 0x10B else 112)
    clr_rva = struct.unpack_from("<I", data, directories + 14 * 8)[0]
    table = optional + struct.unpack_from("<H", data, pe + 20)[0]
    for i in range(sections):
        va, size, raw = struct.unpack_from("<III", data, table + i * 40 + 12)[0], struct.unpack_from("<I", data, table + i * 40 + 8)[0], struct.unpack_from("<I", data, table + i * 40 + 20)[0]
        if va <= clr_rva < va + size:
            return struct.unpack_from("<I", data, clr_rva - va + raw + 68)[0] > 0
    return False

def module_note():
    """One line saying whether the built module's own assemblies are ReadyToRun images (Release on linux-x64)."""
    files = [os.path.join(root, "out/TwelveFactor/TwelveFactor.dll"), os.path.join(root, "out/TwelveFactor/Dependencies/TwelveFactor.Core.dll")]
    return "module: ReadyToRun" if all(ready_to_run(f) for f in files) else "module: IL only (not ReadyToRun)"

def helper(*args):
    """Runs TwelveFactor.Benchmarks (generate, make-store, ...)."""
    return sh("dotnet", os.path.join(here, "work/bin/TwelveFactor.Benchmarks.dll"), *args)

# The repo-pinned pwsh: `dotnet pwsh` resolves it only inside the repo, so its pwsh.dll is run directly.
pwsh = ["dotnet", os.path.join(sh("dotnet", "pwsh", "-NoProfile", "-Command", "$PSHOME", cwd=root).strip(), "pwsh.dll"),
        "-NoProfile", "-NonInteractive", "-Command"]

def session(work, body, prelude=""):
    """Runs body in a fresh pwsh (in work) after Import-Module; body prints 'name=number' pairs, returned as a
    dict, with the process's peak memory in KiB as 'hwm'. Measure-Ms { ... } times a script block."""
    script = (f"$ErrorActionPreference = 'Stop'; {prelude} Import-Module '{manifest}'; Set-Location '{work}'; "
              "function Measure-Ms([scriptblock] $Block) { $w = [Diagnostics.Stopwatch]::StartNew(); $null = & $Block; $w.Elapsed.TotalMilliseconds }; "
              + body +
              "; 'hwm=' + ((Get-Content /proc/self/status | Where-Object { $_ -like 'VmHWM*' }) -replace '\\D', '')")
    return {k: float(v) for k, v in re.findall(r"(\w+)=([0-9.]+)", sh(*pwsh, script, cwd=work))}

def first_and_warm(work, command, warm=5, prelude=""):
    """'first': the command's first call in a fresh session; 'warm': the median of the next WARM calls."""
    return session(work, f"'first=' + (Measure-Ms {{ {command} }}); "
                         f"'warm=' + ((1..{warm} | ForEach-Object {{ Measure-Ms {{ {command} }} }} | Sort-Object)[{warm // 2}])", prelude)
