#!/usr/bin/env bash
# Benchmarks TwelveFactor releases on a generated build (default 10,000 files, 1 GiB) against cp -a and
# sha256sum in the same run: first release, release after changing one file, publish, verify.
# Usage: bench/run-release.sh [file-count] [size-in-MiB] [work-folder]
#   bench/run-release.sh               # 10000 files, 1 GiB, in $TMPDIR
#   bench/run-release.sh 2000 100     # smaller: 2,000 files, 100 MiB
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet run -c Release --project "$here/ReleaseBench/ReleaseBench.csproj" -- "$@"
