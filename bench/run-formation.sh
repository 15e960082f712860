#!/usr/bin/env bash
# Start-TfFormation against ruby-foreman and node-foreman: start/stop of 8 processes and log throughput, one run.
# Usage: run-formation.sh [ROUNDS] [LINES]  (see run-formation.py)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v foreman >/dev/null || { echo "ruby-foreman is not installed (apt-get install ruby-foreman)"; exit 1; }
exec python3 "$here/run-formation.py" "$@"
