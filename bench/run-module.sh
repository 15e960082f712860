#!/usr/bin/env bash
# Module import cost and Get-TfConfig time per key (10,000 keys in 3 layers), on the real engine.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
dotnet build "$root/src/TwelveFactor" -c Release -v quiet -nologo >/dev/null
# The Release build lays the module out in out/TwelveFactor as well.
dotnet run -c Release --project "$root/bench/ModuleBench/ModuleBench.csproj" -- "$root/out/TwelveFactor/TwelveFactor.psd1"
