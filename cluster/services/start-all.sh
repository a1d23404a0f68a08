#!/usr/bin/env bash
# Start NATS, Redis and Cassandra for local runs and `npm test` (same env knobs as the per-service
# scripts: SVC_DIR, *_PORT, FRESH=1, ...). Installs run first, one after another, because parallel
# apt-get runs would fight over the dpkg lock; then Cassandra (slowest) boots in the background
# while NATS and Redis start. Exits non-zero if any service failed; stop-all.sh cleans up either way.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

for svc in nats redis cassandra; do
  bash "$HERE/$svc.sh" install
done

bash "$HERE/cassandra.sh" start &
cassandra_job=$!

failed=()
bash "$HERE/nats.sh" start || failed+=(nats)
bash "$HERE/redis.sh" start || failed+=(redis)
wait "$cassandra_job" || failed+=(cassandra)

if [ ${#failed[@]} -gt 0 ]; then
  echo "[services] failed to start: ${failed[*]} (run stop-all.sh to stop the rest)" >&2
  exit 1
fi
echo "[services] all running" >&2
