#!/usr/bin/env python3
"""A store of many releases, as a user pays it: each command in a fresh `pwsh` that imports the module (the first
call, JIT included; the import itself is not counted) and warm (median of 5 calls in that session).

Builds (once, through Core) a store of RELEASES releases of a FILES-file app, then times Get-TfRelease -Latest,
Get-TfRelease -Id v<RELEASES/2>, Get-TfRelease (all), and Remove-TfRelease -KeepLast on copies of the store: keeping
all but 10 (frees 10 releases), half, and 10, next to `ls` of the manifests folder as the floor of a listing. The
prunes run twice: on copies of a store never collected (no blob reference counts yet) and, after one collection has
written the counts, on copies of that store.

Usage: run-store.py [RELEASES] [FILES]   (defaults 1000 and 2000)
"""
import os, shutil, subprocess, sys, tempfile, time
from pwshbench import build, first_and_warm as measure, helper, module_note, session as run_session, sh

releases = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
files = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
build()
print(module_note())
work = tempfile.mkdtemp(prefix="tf-store-bench-")
store = os.path.join(work, "store")

def session(store_path, body):
    return run_session(work, body, prelude=f"$env:TF_RELEASE_STORE = '{store_path}';")

def first_and_warm(command):
    return measure(work, command, prelude=f"$env:TF_RELEASE_STORE = '{store}';")

def copy_store(name):
    target = os.path.join(work, name)
    sh("cp", "-a", store, target)
    return target

try:
    started = time.time()
    helper("make-store", os.path.join(work, "build"), store, str(releases), str(files))
    print(f"store: {releases:,} releases of a {files:,}-file app, made in {time.time() - started:.0f} s; cores {os.cpu_count()}")
    count = session(store, "'count=' + @(Get-TfRelease -App bench).Count")["count"]
    assert int(count) == releases, f"listing found {count} releases"
    middle = f"v{releases // 2}"
    ls = []
    for _ in range(5):
        t = time.perf_counter(); sh("ls", "-R", store); ls.append((time.perf_counter() - t) * 1000)
    rows = [
        ("Get-TfRelease -Latest", first_and_warm("Get-TfRelease -App bench -Latest"), 50),
        (f"Get-TfRelease -Id {middle}", first_and_warm(f"Get-TfRelease -App bench -Id {middle}"), 50),
        (f"Get-TfRelease (all {releases:,})", first_and_warm("Get-TfRelease -App bench"), 1000),
    ]
    print(f"\n{'command':<40}{'first ms':>10}{'warm ms':>10}{'goal ms':>10}")
    for name, t, goal in rows:
        print(f"{name:<40}{t['first']:10.0f}{t['warm']:10.0f}{goal:10}")
    print(f"{'ls -R of the store (floor)':<40}{sorted(ls)[2]:10.1f}")

    def prune_rows(label, collected):
        print(f"\n{label}")
        for keep in (releases - 10, releases // 2, 10):
            copy = copy_store(f"prune-{keep}")
            if collected:
                # On the copy itself: the counts hold manifest stamps (inodes, change times) a copy does not keep.
                helper("collect", copy)
            t = session(copy, f"'first=' + (Measure-Ms {{ Remove-TfRelease -App bench -KeepLast {keep} -Confirm:$false }})")
            left = session(copy, "'left=' + @(Get-TfRelease -App bench).Count")["left"]
            freed = releases - int(left)
            print(f"Remove-TfRelease -KeepLast {keep:<5} frees {freed:>4} releases: {t['first']:7.0f} ms = {t['first'] / max(freed, 1):6.1f} ms a release freed")
            sh("chmod", "-R", "u+w", copy)
            shutil.rmtree(copy, ignore_errors=True)

    # A store never collected has no blob reference counts: its first collection reads every manifest that stays.
    prune_rows("store never collected (no reference counts yet; the first collection writes them):", False)
    # Once any collection ran (as a routine prune after each deploy does), the counts are there.
    prune_rows("store collected before (reference counts present):", True)
finally:
    subprocess.run(["chmod", "-R", "u+w", work])
    shutil.rmtree(work, ignore_errors=True)
