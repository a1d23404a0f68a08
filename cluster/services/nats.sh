#!/usr/bin/env bash
# Local NATS server with JetStream (install | start | stop | status), Debian's nats-server package.
# Listens on 127.0.0.1:$NATS_PORT (clients) and :$NATS_MONITOR_PORT (HTTP monitoring, used for
# readiness: /healthz plus /jsz must show a JetStream store dir). Debian ships 2.9.x, so features
# from 2.10+ (multiple filter subjects, per-message TTL) are not available.
set -euo pipefail
# shellcheck source=cluster/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=nats
NATS_PORT="${NATS_PORT:-14222}"
NATS_MONITOR_PORT="${NATS_MONITOR_PORT:-18222}"
NATS_START_TIMEOUT="${NATS_START_TIMEOUT:-30}"
NATS_STOP_TIMEOUT="${NATS_STOP_TIMEOUT:-15}"

RUN_DIR="$SVC_DIR/$NAME"
PID_FILE="$RUN_DIR/$NAME.pid"
LOG_FILE="$RUN_DIR/$NAME.log"
PORTS_FILE="$RUN_DIR/ports"
PID_PATTERN=nats-server

do_install() {
  command -v nats-server >/dev/null || svc_apt_ensure nats-server
}

running_pid() { svc_pid_of "$PID_FILE" "$PID_PATTERN"; }

jetstream_ready() {
  svc_http_get "$NATS_MONITOR_PORT" /healthz | grep -q '"status": *"ok"' &&
    svc_http_get "$NATS_MONITOR_PORT" /jsz | grep -q '"store_dir"'
}

do_start() {
  local pid start=$SECONDS
  svc_reuse_running "$NATS_PORT $NATS_MONITOR_PORT" "nats://127.0.0.1:$NATS_PORT" && return 0
  do_install
  svc_port_must_be_free "$NAME" "$NATS_PORT" "$NATS_MONITOR_PORT"
  [ "$FRESH" = 1 ] && rm -rf "$RUN_DIR/data"
  mkdir -p "$RUN_DIR/data"
  [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  echo "$NATS_PORT $NATS_MONITOR_PORT" >"$PORTS_FILE"
  pid="$(svc_launch "$LOG_FILE" "$(command -v nats-server)" -n tim-test \
    -a 127.0.0.1 -p "$NATS_PORT" -m "$NATS_MONITOR_PORT" -js -sd "$RUN_DIR/data")"
  echo "$pid" >"$PID_FILE"
  svc_wait "$NAME" "$pid" "$LOG_FILE" "$NATS_START_TIMEOUT" jetstream_ready
  svc_say "$NAME" "ready on nats://127.0.0.1:$NATS_PORT with JetStream (pid $pid, $((SECONDS - start))s)"
}

do_stop() {
  svc_stop "$NAME" "$PID_FILE" "$PID_PATTERN" "$NATS_STOP_TIMEOUT"
}

svc_main "$@"
