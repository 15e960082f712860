#!/usr/bin/env python3
"""Config at scale, as a user pays it: each figure from a fresh `pwsh` that imports the module (the first call,
JIT included) and from the same session afterwards (warm, median of WARM calls), beside Node dotenv in the same run.

1. 10 MB env file: `Get-TfConfig -Path F -AsHashtable -AsPlainText` and the default objects (`Get-TfConfig -Path F`,
   collected), against `dotenv.parse` of the same bytes: in a fresh `node` (require + read + parse) and warm (median).
2. 50 MB env file: `Get-TfConfig -Path F` (objects, counted through the pipeline) with the process's peak memory over
   an idle pwsh that only imported the module; `Set-TfConfig` of one existing key; `Test-TfConfig -Path F`.

Usage: run-config-scale.py [WARM] [ROUNDS]   (defaults 5 and 3)
"""
import os, re, shutil, statistics, sys, tempfile
from pwshbench import build, first_and_warm as measure, helper, here, module_note, pwsh, session as run_session, sh

warm = int(sys.argv[1]) if len(sys.argv) > 1 else 5
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 3
build()
print(module_note())
if not os.path.isdir(os.path.join(here, "node/node_modules/dotenv")):
    sh("npm", "install", "--no-audit", "--no-fund", "--silent", cwd=os.path.join(here, "node"))

work = tempfile.mkdtemp(prefix="tf-config-scale-")
ten = os.path.join(work, "ten.env")
fifty = os.path.join(work, "fifty.env")
helper("generate", ten, "10")
# Longer values for the 50 MB file: about 244,000 keys, as in issue 14 (the 10 MB mix has 16,000 keys a MB).
helper("generate", fifty, "50", "245")

def session(body):
    return run_session(work, body)

def first_and_warm(command):
    return measure(work, command, warm)

def node_first(path):
    code = f"const t=process.hrtime.bigint();const d=require('{here}/node/node_modules/dotenv');const n=Object.keys(d.parse(require('fs').readFileSync('{path}'))).length;console.log('first='+Number(process.hrtime.bigint()-t)/1e6+' n='+n)"
    runs = [float(re.search(r"first=([0-9.]+)", sh("node", "-e", code)).group(1)) for _ in range(3)]
    return statistics.median(runs)

def node_warm(path):
    out = sh("node", "--expose-gc", os.path.join(here, "node/parse.js"), path, "9")
    return float(re.search(r"median_ms=([0-9.]+)", out).group(1)), int(re.search(r"entries=(\d+)", out).group(1))

def mib(path):
    return os.path.getsize(path) / 1048576

try:
    dotenv_version = sh("node", "-p", f"require('{here}/node/node_modules/dotenv/package.json').version").strip()
    print(f"pwsh {sh(*pwsh, '$PSVersionTable.PSVersion.ToString()').strip()}, node {sh('node', '--version').strip()}, "
          f"dotenv {dotenv_version}, cores {os.cpu_count()}")
    # ROUNDS rounds alternate node and the two pwsh sessions, so a minute of this VM's drift moves both sides; each
    # figure is the median over the rounds (node's fresh runs, pwsh's first calls, and each side's warm medians).
    node_firsts, node_warms, tables, objectses = [], [], [], []
    for _ in range(rounds):
        node_warm_ms, keys10 = node_warm(ten)
        node_warms.append(node_warm_ms)
        node_firsts.append(node_first(ten))
        tables.append(first_and_warm(f"Get-TfConfig -Path '{ten}' -AsHashtable -AsPlainText"))
        objectses.append(first_and_warm(f"@(Get-TfConfig -Path '{ten}')"))
    node10, node10_first = statistics.median(node_warms), statistics.median(node_firsts)
    table = {k: statistics.median(t[k] for t in tables) for k in ("first", "warm")}
    objects = {k: statistics.median(o[k] for o in objectses) for k in ("first", "warm")}
    print(f"\n10 MB file ({mib(ten):.1f} MiB, {keys10:,} keys)               first call   warm (median of {warm}); medians of {rounds} rounds")
    print(f"  node dotenv.parse (fresh node: require+read+parse) {node10_first:9.0f} ms {node10:9.0f} ms")
    print(f"  Get-TfConfig -AsHashtable -AsPlainText            {table['first']:9.0f} ms {table['warm']:9.0f} ms"
          f"   {node10_first / table['first']:.2f}x / {node10 / table['warm']:.2f}x node (goal >= 2x)")
    print(f"  Get-TfConfig (objects, collected)                 {objects['first']:9.0f} ms {objects['warm']:9.0f} ms"
          f"   {node10_first / objects['first']:.2f}x / {node10 / objects['warm']:.2f}x node (goal >= 1x)")
    print("  rounds (first / warm ms): node " + ", ".join(f"{f:.0f}/{w:.0f}" for f, w in zip(node_firsts, node_warms))
          + "; -AsHashtable " + ", ".join(f"{t['first']:.0f}/{t['warm']:.0f}" for t in tables)
          + "; objects " + ", ".join(f"{o['first']:.0f}/{o['warm']:.0f}" for o in objectses))

    idle = session("'idle=1'")["hwm"]
    get50 = session(f"'first=' + (Measure-Ms {{ Get-TfConfig -Path '{fifty}' | Measure-Object }})")
    node50, keys50 = node_warm(fifty)
    edit = os.path.join(work, "edit.env")
    shutil.copyfile(fifty, edit)
    key = sh("sh", "-c", f"grep -m1 -o '^SERVICE_[0-9_A-Z]*=' '{edit}' | tr -d =").strip()
    set50 = session(f"'first=' + (Measure-Ms {{ Set-TfConfig -Path '{edit}' -Name {key} -Value changed }}); "
                    f"'warm=' + (Measure-Ms {{ Set-TfConfig -Path '{edit}' -Name {key} -Value again }})")
    test50 = session(f"'first=' + (Measure-Ms {{ Test-TfConfig -Path '{fifty}' }})")
    size50 = os.path.getsize(fifty)
    over = (get50["hwm"] - idle) * 1024
    print(f"\n50 MB file ({mib(fifty):.1f} MiB, {keys50:,} keys), fresh pwsh, first call")
    print(f"  node dotenv.parse (warm median)                   {node50:9.0f} ms")
    print(f"  Get-TfConfig | Measure-Object                     {get50['first']:9.0f} ms   goal < 3000 ms;"
          f" peak {get50['hwm'] / 1024:.0f} MiB, idle import {idle / 1024:.0f} MiB: {over / size50:.1f}x the file over idle (goal < 5x)")
    print(f"  Set-TfConfig one key                              {set50['first']:9.0f} ms {set50['warm']:9.0f} ms (second edit)   goal < 1000 ms")
    print(f"  Test-TfConfig                                     {test50['first']:9.0f} ms   goal < 3000 ms")
finally:
    shutil.rmtree(work, ignore_errors=True)
