#!/usr/bin/env bash
# Stops what scripts/cluster-up.sh started, by the pids it recorded: the API, the silos, then Redis.
#   scripts/cluster-down.sh [--kill]   (--kill: SIGKILL instead of a graceful stop)
set -uo pipefail
cd "$(dirname "$0")/.."
run=${MATCHING_RUN:-.cluster}
signal=TERM
[[ "${1:-}" == "--kill" ]] && signal=KILL
for pidfile in "$run"/api.pid "$run"/silo*.pid "$run"/redis.pid; do
  [[ -f "$pidfile" ]] || continue
  pid=$(cat "$pidfile")
  kill -"$signal" "$pid" 2>/dev/null
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  rm -f "$pidfile"
done
echo "stopped (data kept in $run)"
