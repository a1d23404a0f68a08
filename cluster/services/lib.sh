# shellcheck shell=bash
# Shared helpers for the local service scripts (nats.sh, redis.sh, cassandra.sh); sourced, not run.
# Owns: defaults for the env knobs, apt installs, PID-file bookkeeping, readiness polling and stopping.
# Gotchas: processes are only ever found through their PID file, and a PID is trusted only while
# /proc/<pid>/cmdline still names the expected program (PIDs get reused). Services are started
# with setsid so Ctrl-C in the launching shell does not reach them; stop is the only way down.

SVC_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PROJECT_ROOT="$(cd "$SVC_LIB_DIR/../.." && pwd)"

SVC_DIR="${SVC_DIR:-$PROJECT_ROOT/var/services}"
IM_CACHE_DIR="${IM_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/tim-server}"
FRESH="${FRESH:-0}"
# Absolute paths: they end up in JVM flags and file:// URLs.
SVC_DIR="$(realpath -m "$SVC_DIR")"
IM_CACHE_DIR="$(realpath -m "$IM_CACHE_DIR")"

# How many log lines to show when a service fails to come up.
SVC_LOG_TAIL_LINES=60
# Seconds between SIGTERM and SIGKILL when stopping, unless a script overrides it.
SVC_DEFAULT_STOP_TIMEOUT=30

svc_say() { echo "[$1] ${*:2}" >&2; }
svc_die() { echo "[$1] ERROR: ${*:2}" >&2; exit 1; }

# svc_apt_ensure <pkg>...: install missing Debian packages; apt-get update only if something is missing.
svc_apt_ensure() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  [ "$(id -u)" -eq 0 ] || { echo "need root to apt-get install ${missing[*]}" >&2; return 1; }
  echo "apt-get install ${missing[*]}" >&2
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# svc_pid_of <pidfile> <cmdline-pattern>: print the PID if it is alive and still our program.
svc_pid_of() {
  local pidfile="$1" pattern="$2" pid
  [ -f "$pidfile" ] || return 1
  pid="$(cat "$pidfile" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q -- "$pattern" || return 1
  echo "$pid"
}

# svc_port_open <port>: true if something accepts TCP connections on 127.0.0.1:<port>.
svc_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# svc_port_must_be_free <name> <port>...: refuse to start over a foreign listener, or readiness
# checks would happily talk to someone else's server.
svc_port_must_be_free() {
  local name="$1" port
  shift
  for port in "$@"; do
    if svc_port_open "$port"; then
      svc_die "$name" "port 127.0.0.1:$port is already in use by another process (not started from $SVC_DIR)"
    fi
  done
}

# svc_http_get <port> <path>: body of a GET to 127.0.0.1 (no curl needed); fails if unreachable.
svc_http_get() {
  local reply
  reply="$(
    exec 3<>"/dev/tcp/127.0.0.1/$1" || exit 1
    printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n' "$2" >&3
    timeout 5 cat <&3
  )" || return 1
  printf '%s' "${reply#*$'\r\n\r\n'}"
}

svc_log_tail() {
  local log="$1"
  [ -f "$log" ] || return 0
  echo "----- last $SVC_LOG_TAIL_LINES lines of $log -----" >&2
  tail -n "$SVC_LOG_TAIL_LINES" "$log" >&2
  echo "-----" >&2
}

# svc_wait <name> <pid> <log> <timeout-s> <probe-cmd...>: poll the probe once a second until it
# succeeds; fail early (with the log tail) if the process exits, or on timeout.
svc_wait() {
  local name="$1" pid="$2" log="$3" timeout="$4" start=$SECONDS probe_out=""
  shift 4
  while true; do
    if ! kill -0 "$pid" 2>/dev/null; then
      svc_log_tail "$log"
      svc_die "$name" "process $pid exited during startup"
    fi
    probe_out="$("$@" 2>&1)" && return 0
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      svc_log_tail "$log"
      [ -z "$probe_out" ] || echo "last readiness probe said: $probe_out" >&2
      svc_die "$name" "not ready after ${timeout}s (process $pid still running; stop it with: $0 stop)"
    fi
    sleep 0.5
  done
}

# svc_stop <name> <pidfile> <cmdline-pattern> [timeout-s]: SIGTERM, wait, then SIGKILL; PID file only.
svc_stop() {
  local name="$1" pidfile="$2" pattern="$3" timeout="${4:-$SVC_DEFAULT_STOP_TIMEOUT}" pid start=$SECONDS
  if ! pid="$(svc_pid_of "$pidfile" "$pattern")"; then
    rm -f "$pidfile"
    svc_say "$name" "not running"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ $((SECONDS - start)) -ge "$timeout" ]; then
      svc_say "$name" "still running after ${timeout}s, sending SIGKILL to $pid"
      kill -KILL "$pid" 2>/dev/null || true
      sleep 0.2
      break
    fi
    sleep 0.2
  done
  rm -f "$pidfile"
  svc_say "$name" "stopped (pid $pid, $((SECONDS - start))s)"
}

# svc_launch <log> <cmd...>: start detached in its own session, print the PID.
svc_launch() {
  local log="$1"
  shift
  setsid "$@" </dev/null >>"$log" 2>&1 &
  echo $!
}

# svc_usage <name>: the common verb list.
svc_usage() {
  echo "usage: $0 install|start|stop|status   (service: $1; data under \$SVC_DIR=$SVC_DIR/$1)" >&2
  exit 2
}

# svc_reuse_running <ports> <address>: the start preamble of every service. With FRESH=1 a running
# instance is stopped first. Returns 0 when one is already running with these ports (nothing to
# start), dies when it runs with other ports, returns 1 when none runs.
svc_reuse_running() {
  local want="$1" addr="$2" pid ports
  if [ "$FRESH" = 1 ] && running_pid >/dev/null; then
    svc_say "$NAME" "FRESH=1: restarting with empty data"
    do_stop
  fi
  pid="$(running_pid)" || return 1
  ports="$(cat "$PORTS_FILE" 2>/dev/null || true)"
  [ "$ports" = "$want" ] ||
    svc_die "$NAME" "already running (pid $pid) with ports '$ports' from $RUN_DIR; stop it first"
  svc_say "$NAME" "already running (pid $pid, $addr)"
}

# Shared tail of every service script: the status report and the verb dispatch. Each script
# defines NAME, PORTS_FILE, RUN_DIR, running_pid and do_install/do_start/do_stop before calling it.
svc_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "$NAME running (pid $pid, ports $(cat "$PORTS_FILE" 2>/dev/null || echo '?'), dir $RUN_DIR)"
  else
    echo "$NAME stopped (dir $RUN_DIR)"
    return 1
  fi
}

svc_main() {
  case "${1:-}" in
    install) do_install ;;
    start) do_start ;;
    stop) do_stop ;;
    status) svc_status ;;
    *) svc_usage "$NAME" ;;
  esac
}
