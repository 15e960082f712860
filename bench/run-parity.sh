#!/usr/bin/env bash
# Times TwelveFactor's parity checks across 5 environments at 1k, 10k and 100k keys each (or the key counts
# given as arguments) and prints the time per key, which stays about flat because the checks are linear.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dotnet run -c Release --project "$here/ParityBench/ParityBench.csproj" -- "$@"
