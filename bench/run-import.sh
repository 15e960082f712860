#!/usr/bin/env bash
# Import-Module as a user pays it: a fresh `pwsh -c 'Import-Module ...'` against a bare `pwsh -c 1`, alternating,
# medians of 7 (issue 14: at most 100 ms over the bare start), and which assemblies the import loads.
# Usage: run-import.sh [RUNS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
runs="${1:-7}"
dotnet build "$root/src/TwelveFactor" -c Release --nologo -v quiet >/dev/null
pshome="$(cd "$root" && dotnet pwsh -NoProfile -Command '$PSHOME')"
pwsh=(dotnet "$pshome/pwsh.dll" -NoProfile -NonInteractive -Command)
manifest="$root/out/TwelveFactor/TwelveFactor.psd1"
ms() { local s e; s=$(date +%s%N); "$@" >/dev/null; e=$(date +%s%N); echo $(( (e - s) / 1000000 )); }
bare=(); import=()
"${pwsh[@]}" 1 >/dev/null; "${pwsh[@]}" "Import-Module '$manifest'" >/dev/null # warm the disk cache
for _ in $(seq "$runs"); do
  bare+=("$(ms "${pwsh[@]}" 1)")
  import+=("$(ms "${pwsh[@]}" "Import-Module '$manifest'")")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
b=$(median "${bare[@]}"); i=$(median "${import[@]}")
echo "bare pwsh -c 1:              median ${b} ms (runs: ${bare[*]})"
echo "pwsh -c 'Import-Module ...': median ${i} ms (runs: ${import[*]})"
echo "import cost: $((i - b)) ms over a bare start (goal <= 100 ms)"
echo "assemblies the import loads besides pwsh's own:"
"${pwsh[@]}" "\$before = [AppDomain]::CurrentDomain.GetAssemblies().GetName().Name; Import-Module '$manifest'; [System.Runtime.Loader.AssemblyLoadContext]::All.Assemblies.GetName().Name | Sort-Object -Unique | Where-Object { \$_ -notin \$before } | ForEach-Object { '  ' + \$_ }"
