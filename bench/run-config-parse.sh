#!/usr/bin/env bash
# Env file parsing throughput: TwelveFactor.Core (decode + EnvDocument.Parse) against Node dotenv
# (dotenv.parse on the same bytes), on one generated file, in one run. Usage: run-config-parse.sh [MB] [ITERATIONS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
mb="${1:-10}"
iterations="${2:-15}"
work="$here/work"
mkdir -p "$work"

dotnet build "$here/TwelveFactor.Benchmarks" -c Release -o "$work/bin" --nologo -v quiet >/dev/null
if [ ! -d "$here/node/node_modules/dotenv" ]; then
  (cd "$here/node" && npm install --no-audit --no-fund --silent >/dev/null)
fi

file="$work/bench.env"
dotnet "$work/bin/TwelveFactor.Benchmarks.dll" generate "$file" "$mb"
echo "file: $file ($(wc -c <"$file") bytes, $(wc -l <"$file") lines)"
echo "dotenv $(node -p "require('$here/node/node_modules/dotenv/package.json').version"), node $(node --version), dotnet $(dotnet --version)"

core="$(dotnet "$work/bin/TwelveFactor.Benchmarks.dll" parse "$file" "$iterations")"
node_line="$(node --expose-gc "$here/node/parse.js" "$file" "$iterations")"
echo "$core"
echo "$node_line"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<<"$2"; }
core_best="$(field best_mbps "$core")"; node_best="$(field best_mbps "$node_line")"
core_med="$(field median_mbps "$core")"; node_med="$(field median_mbps "$node_line")"
awk -v cb="$core_best" -v nb="$node_best" -v cm="$core_med" -v nm="$node_med" 'BEGIN {
  printf "Core  %8.1f MB/s best, %8.1f MB/s median\n", cb, cm
  printf "Node  %8.1f MB/s best, %8.1f MB/s median\n", nb, nm
  printf "ratio %8.2fx best,      %8.2fx median (goal >= 2x)\n", cb / nb, cm / nm
}'
