#!/usr/bin/env bash
# A store of many releases through the real pwsh (see run-store.py). Usage: run-store.sh [RELEASES] [FILES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/run-store.py" "$@"
