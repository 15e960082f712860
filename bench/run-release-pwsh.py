#!/usr/bin/env python3
"""Releases as a user pays them in pwsh, next to git in the same run: New-TfRelease of a FILES-file build (default
10,000 files, about 1 GiB) as the first call of a fresh session after Import-Module (JIT included; the import and
pwsh's own start are not counted, as git's process starts are counted in git's figure), then warm in that session,
after one changed file and with nothing changed (as the session's second call, and again as its fourth, after the
third call's change); `git add -A && git commit` of the same change on the same tree.
ROUNDS rounds (default 5) alternate New-TfRelease and git; medians are compared. bench/run-release.sh times the same
releases through Core in one process.

Usage: run-release-pwsh.py [FILES] [MIB] [ROUNDS]
"""
import os, random, shutil, statistics, subprocess, sys, tempfile, time
from pwshbench import build, module_note, session as run_session, sh

files = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
mib = int(sys.argv[2]) if len(sys.argv) > 2 else 1024
rounds = int(sys.argv[3]) if len(sys.argv) > 3 else 5
build()
print(module_note())
work = tempfile.mkdtemp(prefix="tf-release-pwsh-")
tree = os.path.join(work, "build")
app = os.path.join(work, "bench")
store = os.path.join(work, "store")
git_dir = os.path.join(work, "git")
git = ["git", f"--git-dir={git_dir}", f"--work-tree={tree}", "-c", "user.email=bench@example", "-c", "user.name=bench", "-c", "gc.auto=0"]

def generate():
    """FILES files in folders of 100, sizes around MIB/FILES, contents unique (a header) over a random pool."""
    rng = random.Random(12345)
    pool = os.urandom(16 << 20)
    average = (mib << 20) // files
    for i in range(files):
        folder = os.path.join(tree, f"d{i // 100:03d}")
        os.makedirs(folder, exist_ok=True)
        size = max(8, rng.randint(average // 2, average * 3 // 2))
        start = rng.randrange(0, len(pool) - size) if size < len(pool) else 0
        with open(os.path.join(folder, f"f{i:05d}.bin"), "wb") as f:
            f.write(i.to_bytes(8, "little"))
            f.write(pool[start:start + size - 8])
    return os.path.join(tree, f"d{files // 200:03d}", f"f{files // 2:05d}.bin")

def flip(path, at):
    with open(path, "r+b") as f:
        f.seek(at)
        byte = f.read(1)
        f.seek(at)
        f.write(bytes([byte[0] ^ 0xFF]))

def timed(*command):
    started = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return (time.perf_counter() - started) * 1000

release = f"New-TfRelease -Path '{tree}' -Store '{store}' -App bench"

try:
    os.makedirs(app)
    with open(os.path.join(app, ".env"), "w") as f:
        f.write("PORT=8080\nDB_PASSWORD=s3cret\n")
    changed = generate()
    sh("sync")
    print(f"build: {files:,} files, {sum(os.path.getsize(os.path.join(d, n)) for d, _, ns in os.walk(tree) for n in ns) / 1048576:,.0f} MiB; "
          f"config: {app}/.env with a secret; cores {os.cpu_count()}")
    run_session(app, f"$null = {release}; 'done=1'")
    subprocess.run(git + ["init", "-q"], check=True)
    subprocess.run(git + ["add", "-A"], check=True)
    subprocess.run(git + ["commit", "-q", "-m", "first"], check=True)
    sh("sync")

    # The floor of any first call: a one-file build's first release in a fresh session (the engine's first cmdlet
    # call, the module's first use of Core, the store and the config; no build to speak of).
    one = os.path.join(work, "one")
    os.makedirs(one)
    with open(os.path.join(one, "app.txt"), "w") as f:
        f.write("one file\n")
    one_release = f"New-TfRelease -Path '{one}' -Store '{os.path.join(work, 'store-one')}' -App bench"
    run_session(app, f"$null = {one_release}; 'done=1'")

    first, warm_change, warm_same, warm_again, git_change, git_same, one_first = [], [], [], [], [], [], []
    size = os.path.getsize(changed)
    for r in range(rounds):
        flip(changed, (size // 4 + r) % size)
        sh("sync")
        for turn in (0, 1) if r % 2 == 0 else (1, 0):
            if turn == 0:
                # The first call sees one changed file; then, warm, nothing changed; then one more change, synced to
                # disk first as git's changes are (a release that stores a blob waits for the disk, dirty pages included).
                got = run_session(app, f"'first=' + (Measure-Ms {{ {release} }}); "
                                       f"'same=' + (Measure-Ms {{ {release} }}); "
                                       f"$b = [IO.File]::ReadAllBytes('{changed}'); $b[{(size // 3 + r) % size}] = $b[{(size // 3 + r) % size}] -bxor 255; "
                                       f"[IO.File]::WriteAllBytes('{changed}', $b); & sync; "
                                       f"'change=' + (Measure-Ms {{ {release} }}); "
                                       f"'again=' + (Measure-Ms {{ {release} }})")
                first.append(got["first"])
                warm_same.append(got["same"])
                warm_change.append(got["change"])
                warm_again.append(got["again"])
                one_first.append(run_session(app, f"'first=' + (Measure-Ms {{ {one_release} }})")["first"])
            else:
                git_change.append(timed("sh", "-c", " ".join(git) + " add -A && " + " ".join(git) + " commit -q -m round"))
                sh("sync")
                git_same.append(timed("sh", "-c", " ".join(git) + " add -A && " + " ".join(git) + " commit -q --allow-empty -m same"))
            sh("sync")

    def row(label, runs, peer=None):
        median = statistics.median(runs)
        ratio = f"   {statistics.median(peer) / median:.2f}x git" if peer else ""
        print(f"  {label:<52} {median:8.0f} ms{ratio}   runs: {', '.join(f'{t:.0f}' for t in runs)}")

    print(f"\nmedians of {rounds} rounds, New-TfRelease and git alternating:")
    row("New-TfRelease, one change, first call in a fresh session", first, git_change)
    row("New-TfRelease, one change, warm", warm_change, git_change)
    row("New-TfRelease, nothing changed, the session's 2nd call", warm_same, git_same)
    row("New-TfRelease, nothing changed, warm (4th call)", warm_again, git_same)
    row("New-TfRelease of a one-file build, first call (the floor)", one_first)
    row("git add -A && git commit, one change", git_change)
    row("git add -A && git commit --allow-empty, nothing changed", git_same)
finally:
    subprocess.run(["chmod", "-R", "u+w", work])
    shutil.rmtree(work, ignore_errors=True)
