#!/usr/bin/env bash
# Config at scale through the real pwsh against Node dotenv (see run-config-scale.py). Usage: run-config-scale.sh [WARM] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/run-config-scale.py" "$@"
