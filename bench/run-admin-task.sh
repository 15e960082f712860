#!/usr/bin/env bash
# Benchmarks for the admin task runner (issue 4): per-run overhead over Process.Start for /bin/true, and
# streaming 200 MiB of lines next to piping the same child to cat, with peak memory. Figures, not a test.
#   bench/run-admin-task.sh [runs] [MiB]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-200}
mib=${2:-200}
dotnet build bench/AdminTaskBench -c Release -v quiet -nologo >/dev/null
exe=bench/AdminTaskBench/bin/Release/net10.0/AdminTaskBench
echo "== $(date -u +%FT%TZ) on $(nproc) cores, $(uname -sr)"
"$exe" overhead "$runs"
echo
# A process of its own, so the peak resident set is the streaming run's alone.
"$exe" streaming "$mib"
