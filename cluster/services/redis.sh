#!/usr/bin/env bash
# Local Redis (install | start | stop | status), Debian's redis-server package, on 127.0.0.1:$REDIS_PORT.
# Nothing is persisted (no RDB, no AOF): it holds presence/cache data that tests recreate, and
# FRESH=1 only has to restart it. Readiness is a raw PING over /dev/tcp (no redis-cli needed).
set -euo pipefail
# shellcheck source=cluster/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=redis
REDIS_PORT="${REDIS_PORT:-16379}"
REDIS_START_TIMEOUT="${REDIS_START_TIMEOUT:-30}"
REDIS_STOP_TIMEOUT="${REDIS_STOP_TIMEOUT:-15}"

RUN_DIR="$SVC_DIR/$NAME"
PID_FILE="$RUN_DIR/$NAME.pid"
LOG_FILE="$RUN_DIR/$NAME.log"
PORTS_FILE="$RUN_DIR/ports"
PID_PATTERN=redis-server

do_install() {
  command -v redis-server >/dev/null || svc_apt_ensure redis-server
}

running_pid() { svc_pid_of "$PID_FILE" "$PID_PATTERN"; }

redis_pong() {
  local reply
  reply="$(
    exec 3<>"/dev/tcp/127.0.0.1/$REDIS_PORT" || exit 1
    printf 'PING\r\n' >&3
    timeout 2 head -c 7 <&3
  )" || return 1
  [[ "$reply" == "+PONG"* ]]
}

do_start() {
  local pid start=$SECONDS
  svc_reuse_running "$REDIS_PORT" "redis://127.0.0.1:$REDIS_PORT" && return 0
  do_install
  svc_port_must_be_free "$NAME" "$REDIS_PORT"
  mkdir -p "$RUN_DIR/data"
  [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  echo "$REDIS_PORT" >"$PORTS_FILE"
  pid="$(svc_launch "$LOG_FILE" "$(command -v redis-server)" --bind 127.0.0.1 --port "$REDIS_PORT" \
    --save '' --appendonly no --dir "$RUN_DIR/data" --daemonize no)"
  echo "$pid" >"$PID_FILE"
  svc_wait "$NAME" "$pid" "$LOG_FILE" "$REDIS_START_TIMEOUT" redis_pong
  svc_say "$NAME" "ready on redis://127.0.0.1:$REDIS_PORT (pid $pid, $((SECONDS - start))s)"
}

do_stop() {
  svc_stop "$NAME" "$PID_FILE" "$PID_PATTERN" "$REDIS_STOP_TIMEOUT"
}

svc_main "$@"
