#!/usr/bin/env bash
# Local single-node Cassandra 5.0 (install | start | stop | status), run as a plain JVM from the
# cassandra-all jars (cassandra/pom.xml), cached in $IM_CACHE_DIR/cassandra-<version>/lib.
# Gotchas: needs JDK 17 exactly (the Temurin 25 on the box cannot run Cassandra 5), the JPMS flags in
# cassandra/jvm17.args and the jamm agent; JMX stays off so several instances can share the box.
# Example: CASSANDRA_PORT=29042 CASSANDRA_STORAGE_PORT=27000 SVC_DIR=/tmp/x bash cassandra.sh start
set -euo pipefail
# shellcheck source=cluster/services/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME=cassandra
CASSANDRA_VERSION="${CASSANDRA_VERSION:-5.0.9}"
CASSANDRA_PORT="${CASSANDRA_PORT:-19042}"
CASSANDRA_STORAGE_PORT="${CASSANDRA_STORAGE_PORT:-17000}"
CASSANDRA_HEAP="${CASSANDRA_HEAP:-1g}"
CASSANDRA_JAVA="${CASSANDRA_JAVA:-/usr/lib/jvm/java-17-openjdk-amd64/bin/java}"
# First boot creates the system keyspaces; on a busy 2-core box that can take a while.
CASSANDRA_START_TIMEOUT="${CASSANDRA_START_TIMEOUT:-180}"
# The shutdown hook drains memtables; give it time before SIGKILL.
CASSANDRA_STOP_TIMEOUT="${CASSANDRA_STOP_TIMEOUT:-45}"
MAVEN_DEPENDENCY_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

CONF_DIR="$SVC_LIB_DIR/cassandra"
HOME_DIR="$IM_CACHE_DIR/cassandra-$CASSANDRA_VERSION"
LIB_DIR="$HOME_DIR/lib"
LIB_MARKER="$HOME_DIR/.lib-complete"
RUN_DIR="$SVC_DIR/$NAME"
PID_FILE="$RUN_DIR/$NAME.pid"
LOG_FILE="$RUN_DIR/$NAME.log"
PORTS_FILE="$RUN_DIR/ports"
PID_PATTERN=org.apache.cassandra.service.CassandraDaemon

lib_complete() {
  [ -f "$LIB_MARKER" ] && [ -f "$LIB_DIR/cassandra-all-$CASSANDRA_VERSION.jar" ] && compgen -G "$LIB_DIR/jamm-*.jar" >/dev/null
}

install_tools() {
  local pkgs=()
  [ -x "$CASSANDRA_JAVA" ] || pkgs+=(openjdk-17-jre-headless)
  command -v mvn >/dev/null || pkgs+=(maven)
  [ ${#pkgs[@]} -eq 0 ] || svc_apt_ensure "${pkgs[@]}"
  [ -x "$CASSANDRA_JAVA" ] || svc_die "$NAME" "no JDK 17 at $CASSANDRA_JAVA (set CASSANDRA_JAVA)"
}

# Copy the runtime classpath once per version; a lock keeps parallel first starts from racing.
install_lib() {
  lib_complete && return 0
  mkdir -p "$HOME_DIR"
  exec 9>"$HOME_DIR.lock"
  flock 9
  if ! lib_complete; then
    local tmp="$HOME_DIR/lib.tmp" mvn_log="$HOME_DIR/maven.log" start=$SECONDS
    svc_say "$NAME" "fetching cassandra-all $CASSANDRA_VERSION jars into $LIB_DIR (maven log: $mvn_log)"
    rm -rf "$tmp" "$LIB_DIR" "$LIB_MARKER"
    if ! mvn -B -q -f "$CONF_DIR/pom.xml" "$MAVEN_DEPENDENCY_PLUGIN:copy-dependencies" \
      -Dcassandra.version="$CASSANDRA_VERSION" -DincludeScope=runtime -DoutputDirectory="$tmp" >"$mvn_log" 2>&1; then
      tail -n 40 "$mvn_log" >&2
      svc_die "$NAME" "maven copy-dependencies failed"
    fi
    [ -f "$tmp/cassandra-all-$CASSANDRA_VERSION.jar" ] || svc_die "$NAME" "cassandra-all jar missing after copy"
    mv "$tmp" "$LIB_DIR"
    echo "cassandra-all $CASSANDRA_VERSION: $(find "$LIB_DIR" -name '*.jar' | wc -l) jars, $(date -u +%FT%TZ)" >"$LIB_MARKER"
    svc_say "$NAME" "jars cached ($(cat "$LIB_MARKER"); $((SECONDS - start))s)"
  fi
  flock -u 9
}

do_install() {
  install_tools
  install_lib
}

running_pid() { svc_pid_of "$PID_FILE" "$PID_PATTERN"; }

cql_ready() {
  svc_port_open "$CASSANDRA_PORT" && node "$CONF_DIR/cql-ping.mjs" "$CASSANDRA_PORT"
}

do_start() {
  local pid start=$SECONDS
  svc_reuse_running "$CASSANDRA_PORT $CASSANDRA_STORAGE_PORT" "cql 127.0.0.1:$CASSANDRA_PORT" && return 0
  do_install
  command -v node >/dev/null || svc_die "$NAME" "node is needed for the CQL readiness probe"
  [ -d "$PROJECT_ROOT/node_modules/cassandra-driver" ] ||
    svc_die "$NAME" "the CQL readiness probe needs cassandra-driver: run npm ci in $PROJECT_ROOT first"
  svc_port_must_be_free "$NAME" "$CASSANDRA_PORT" "$CASSANDRA_STORAGE_PORT"
  [ "$FRESH" = 1 ] && rm -rf "$RUN_DIR/data"
  mkdir -p "$RUN_DIR/data" "$RUN_DIR/tmp"
  [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"
  sed -e "s/@NATIVE_PORT@/$CASSANDRA_PORT/g" -e "s/@STORAGE_PORT@/$CASSANDRA_STORAGE_PORT/g" \
    "$CONF_DIR/cassandra.yaml" >"$RUN_DIR/cassandra.yaml"
  echo "$CASSANDRA_PORT $CASSANDRA_STORAGE_PORT" >"$PORTS_FILE"

  local jamm
  jamm="$(compgen -G "$LIB_DIR/jamm-*.jar" | head -n 1)"
  pid="$(svc_launch "$LOG_FILE" "$CASSANDRA_JAVA" -cp "$LIB_DIR/*" "@$CONF_DIR/jvm17.args" \
    "-Xms$CASSANDRA_HEAP" "-Xmx$CASSANDRA_HEAP" -Xss256k \
    -XX:+UseG1GC -XX:+ParallelRefProcEnabled -XX:MaxGCPauseMillis=300 -XX:ActiveProcessorCount=2 \
    -XX:+ExitOnOutOfMemoryError -XX:+PerfDisableSharedMem "-XX:ErrorFile=$RUN_DIR/hs_err_%p.log" \
    -ea -da:net.openhft... -Djava.net.preferIPv4Stack=true "-Djava.io.tmpdir=$RUN_DIR/tmp" \
    "-javaagent:$jamm" \
    -Dcassandra-foreground=yes \
    "-Dcassandra.config=file://$RUN_DIR/cassandra.yaml" \
    "-Dcassandra.storagedir=$RUN_DIR/data" \
    "-Dlogback.configurationFile=file://$CONF_DIR/logback.xml" \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.ring_delay_ms=1000 \
    -Dcassandra.initial_token=0 \
    "$PID_PATTERN")"
  echo "$pid" >"$PID_FILE"
  svc_say "$NAME" "starting $CASSANDRA_VERSION (pid $pid, cql 127.0.0.1:$CASSANDRA_PORT, storage $CASSANDRA_STORAGE_PORT, log $LOG_FILE)"
  svc_wait "$NAME" "$pid" "$LOG_FILE" "$CASSANDRA_START_TIMEOUT" cql_ready
  svc_say "$NAME" "ready on 127.0.0.1:$CASSANDRA_PORT after $((SECONDS - start))s"
}

do_stop() {
  svc_stop "$NAME" "$PID_FILE" "$PID_PATTERN" "$CASSANDRA_STOP_TIMEOUT"
}

svc_main "$@"
