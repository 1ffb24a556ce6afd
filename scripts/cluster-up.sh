#!/usr/bin/env bash
# Starts a Matching cluster on loopback: Redis (append-only file on), N silos and one API, in the background.
#   scripts/cluster-up.sh [SILOS=2] [API_PORT=5080] [REDIS_PORT=6379]
# State and logs go to ${MATCHING_RUN:-.cluster}/ (pids, redis data, one log per process); stop with
# scripts/cluster-down.sh. Builds Release once. Environment passes through: e.g. APPENDFSYNC=always.
# A cluster checks API keys: Auth__AdminKey is used if set, else one is made once and kept in $run/admin-key.
set -euo pipefail
cd "$(dirname "$0")/.."
silos=${1:-2}
api_port=${2:-5080}
redis_port=${3:-6379}
run=${MATCHING_RUN:-.cluster}
mkdir -p "$run"
run=$(cd "$run" && pwd)

dotnet build -c Release src/Silo >/dev/null
dotnet build -c Release src/Api >/dev/null

# Redis keeps every acknowledged write in its append-only file; fsync once a second by default (see README,
# "Run a cluster", for "always" against "everysec").
redis-server --port "$redis_port" --bind 127.0.0.1 --dir "$run" --appendonly yes \
  --appendfsync "${APPENDFSYNC:-everysec}" --save '' --daemonize yes --pidfile "$run/redis.pid" --logfile "$run/redis.log"
for _ in $(seq 1 50); do redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break; sleep 0.1; done

export ConnectionStrings__redis="127.0.0.1:$redis_port"
for i in $(seq 1 "$silos"); do
  Orleans__SiloPort=$((11110 + i)) Orleans__GatewayPort=$((30000 + i)) \
    nohup dotnet src/Silo/bin/Release/net10.0/Matching.Silo.dll >"$run/silo$i.log" 2>&1 &
  echo $! >"$run/silo$i.pid"
done

if [ -z "${Auth__AdminKey:-}" ]; then
  if [ ! -s "$run/admin-key" ]; then
    (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '/+=\n' >"$run/admin-key")
  fi
  Auth__AdminKey=$(cat "$run/admin-key")
  export Auth__AdminKey
fi

nohup dotnet src/Api/bin/Release/net10.0/Matching.Api.dll --urls "http://127.0.0.1:$api_port" >"$run/api.log" 2>&1 &
echo $! >"$run/api.pid"

# Ready when the API reaches the cluster and its shards have loaded.
for _ in $(seq 1 120); do
  if curl -fs "http://127.0.0.1:$api_port/health/ready" >/dev/null; then
    echo "ready: http://127.0.0.1:$api_port ($silos silos, redis 127.0.0.1:$redis_port, run dir $run; admin key in $run/admin-key unless Auth__AdminKey was set)"
    exit 0
  fi
  sleep 0.5
done
echo "not ready after 60 s: see $run/*.log" >&2
exit 1
