#!/usr/bin/env bash
# Stop the services start-all.sh started (same SVC_DIR), each by its PID file. Cassandra's drain
# takes several seconds, so it stops in the background while NATS and Redis stop.
# Keeps going past a failing service and reports it at the end.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

bash "$HERE/cassandra.sh" stop &
cassandra_job=$!

failed=()
bash "$HERE/nats.sh" stop || failed+=(nats)
bash "$HERE/redis.sh" stop || failed+=(redis)
wait "$cassandra_job" || failed+=(cassandra)

if [ ${#failed[@]} -gt 0 ]; then
  echo "[services] failed to stop: ${failed[*]}" >&2
  exit 1
fi
