#!/usr/bin/env bash
# The topology of docker-compose.yml as real processes on this machine (no Docker engine here), checked end to end:
# one PostgreSQL 17 and one Kafka broker (each a process of its own, from the one-command jar), two command, two
# query and one alerting instance of the production jar, and nginx (Debian's package) with deploy/nginx.conf in
# front of them. Then deploy/walkthrough.sh runs the README's walk-through through nginx and checks the answers, and
# everything is stopped. The first command instance runs the demo profile, as ./run.sh does, so that the
# walk-through's accounts exist; ProductionJarTest covers a start without it.
#
#   deploy/topology.sh          # exit status 0 when the walk-through passed; after a failure the logs stay in
#                               # the work directory it printed
#
# Differences from the compose file, because every process shares one host: ports are distinct (BASE_PORT, default
# 28000: nginx BASE_PORT, PostgreSQL +1, Kafka +2, the instances from +10 (command +10 and +11, query +12 and +13,
# alerting +14) with their management ports from +110),
# the trusted proxy is 127.0.0.1, and nginx's upstream blocks name those ports instead of the compose services
# (the rest of deploy/nginx.conf is used as it is).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
. "$ROOT/.mvn/find-jdk.sh"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
APP_JAR="$ROOT/hospital-app/target/hospital-app-exec.jar"
LOCAL_JAR="$ROOT/hospital-local/target/hospital-local-exec.jar"
LAUNCHER=org.springframework.boot.loader.launch.PropertiesLauncher
BASE_PORT="${BASE_PORT:-28000}"
NGINX_PORT=$BASE_PORT
PG_PORT=$((BASE_PORT + 1))
KAFKA_PORT=$((BASE_PORT + 2))
WORK_DIR="${WORK_DIR:-$(mktemp -d /tmp/hospital-topology.XXXXXX)}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"

if [ ! -x "$NGINX" ]; then
  echo "nginx is not installed (Debian: apt-get install nginx-light)" >&2
  exit 1
fi
if [ ! -f "$APP_JAR" ] || [ ! -f "$LOCAL_JAR" ]; then
  (cd "$ROOT" && ./mvnw -B -q -DskipTests install)
fi
mkdir -p "$WORK_DIR/logs" "$WORK_DIR/nginx/logs"
chmod a+rx "$WORK_DIR" # nginx's workers run as an unprivileged user and write their temporary files below it
echo "topology: work directory $WORK_DIR"

PIDS=()
stop_all() {
  # Reverse order of start: nginx, the instances, then Kafka and PostgreSQL.
  for ((n = ${#PIDS[@]} - 1; n >= 0; n--)); do
    kill -TERM "${PIDS[$n]}" 2>/dev/null || true
    for _ in $(seq 1 30); do kill -0 "${PIDS[$n]}" 2>/dev/null || break; sleep 1; done
    kill -KILL "${PIDS[$n]}" 2>/dev/null || true
  done
}
trap stop_all EXIT

# await <what> <pid> <command...>: waits up to 180 s for the command to succeed while the process lives.
await() {
  local what="$1" pid="$2"
  shift 2
  for i in $(seq 1 180); do
    if "$@" >/dev/null 2>&1; then echo "$what ready after ${i} s"; return; fi
    if ! kill -0 "$pid" 2>/dev/null; then echo "$what exited; see $WORK_DIR/logs" >&2; exit 1; fi
    sleep 1
  done
  echo "$what not ready after 180 s; see $WORK_DIR/logs" >&2
  exit 1
}

"$JAVA" -Xmx128m -cp "$LOCAL_JAR" -Dloader.main=org.hospital.infra.StandalonePostgres "$LAUNCHER" \
  "$WORK_DIR/postgres" "$PG_PORT" >"$WORK_DIR/logs/postgres.log" 2>&1 &
PIDS+=($!)
await PostgreSQL $! grep -q "PostgreSQL ready on" "$WORK_DIR/logs/postgres.log"
"$JAVA" -Xmx256m -XX:TieredStopAtLevel=1 -cp "$LOCAL_JAR" -Dloader.main=org.hospital.infra.StandaloneKafka \
  "$LAUNCHER" "$WORK_DIR/kafka" "$KAFKA_PORT" >"$WORK_DIR/logs/kafka.log" 2>&1 &
PIDS+=($!)
await Kafka $! grep -q "Kafka ready on" "$WORK_DIR/logs/kafka.log"

export DATABASE_URL="jdbc:postgresql://localhost:$PG_PORT/hospital" DATABASE_USER=hospital DATABASE_PASSWORD=hospital
export KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
HOSPITAL_JWT_SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
HOSPITAL_ACCESS_LOG_KEY="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
export HOSPITAL_JWT_SECRET HOSPITAL_ACCESS_LOG_KEY HOSPITAL_TRUSTED_PROXIES='127\.0\.0\.1' LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs

# start_instance <name> <side> <offset> [application arguments]: one instance of the production jar.
start_instance() {
  local name="$1" side="$2" offset="$3"
  shift 3
  HOSPITAL_SIDES="$side" PORT=$((BASE_PORT + 10 + offset)) MANAGEMENT_SERVER_PORT=$((BASE_PORT + 110 + offset)) \
    "$JAVA" -Xmx384m -XX:TieredStopAtLevel=1 -jar "$APP_JAR" "$@" >"$WORK_DIR/logs/$name.log" 2>&1 &
  PIDS+=($!)
  INSTANCE_PID=$!
}
ready() { curl -fsS -o /dev/null "http://localhost:$((BASE_PORT + 110 + $1))/actuator/health/readiness"; }

# The first command instance migrates the schema and seeds the demo data alone; the others start together.
start_instance command-1 command 0 --spring.profiles.active=demo
await command-1 "$INSTANCE_PID" ready 0
declare -A STARTED
start_instance command-2 command 1; STARTED[1]=$INSTANCE_PID
start_instance query-1 query 2; STARTED[2]=$INSTANCE_PID
start_instance query-2 query 3; STARTED[3]=$INSTANCE_PID
start_instance alerting-1 alerting 4; STARTED[4]=$INSTANCE_PID
for offset in 1 2 3 4; do
  await "instance $offset" "${STARTED[$offset]}" ready "$offset"
done

# nginx: deploy/nginx.conf with the upstreams on this host's ports, inside a minimal main configuration.
sed -E \
  -e "s|upstream command +\{[^}]*\}|upstream command { server 127.0.0.1:$((BASE_PORT + 10)); server 127.0.0.1:$((BASE_PORT + 11)); }|" \
  -e "s|upstream query +\{[^}]*\}|upstream query { server 127.0.0.1:$((BASE_PORT + 12)); server 127.0.0.1:$((BASE_PORT + 13)); }|" \
  -e "s|upstream alerting +\{[^}]*\}|upstream alerting { server 127.0.0.1:$((BASE_PORT + 14)); }|" \
  -e "s|listen 80;|listen $NGINX_PORT;|" \
  "$ROOT/deploy/nginx.conf" >"$WORK_DIR/nginx/hospital.conf"
for port in $((BASE_PORT + 10)) $((BASE_PORT + 12)) $((BASE_PORT + 14)); do
  grep -q "127.0.0.1:$port;" "$WORK_DIR/nginx/hospital.conf" || { echo "upstreams not replaced" >&2; exit 1; }
done
if grep -Eq "server (command-side|query-side|alerting-saga):" "$WORK_DIR/nginx/hospital.conf"; then
  echo "upstreams not replaced" >&2
  exit 1
fi
cat >"$WORK_DIR/nginx/nginx.conf" <<EOF
worker_processes 1;
error_log $WORK_DIR/nginx/logs/error.log warn;
pid $WORK_DIR/nginx/nginx.pid;
events { worker_connections 256; }
http {
    access_log $WORK_DIR/nginx/logs/access.log;
    client_body_temp_path $WORK_DIR/nginx/body;
    proxy_temp_path $WORK_DIR/nginx/proxy;
    include $WORK_DIR/nginx/hospital.conf;
}
EOF
chmod -R a+rwX "$WORK_DIR/nginx"
"$NGINX" -t -p "$WORK_DIR/nginx" -c "$WORK_DIR/nginx/nginx.conf" -q
"$NGINX" -p "$WORK_DIR/nginx" -c "$WORK_DIR/nginx/nginx.conf" -g 'daemon off;' >"$WORK_DIR/logs/nginx.log" 2>&1 &
PIDS+=($!)
await nginx $! curl -fsS -o /dev/null "http://localhost:$NGINX_PORT/gateway/health"

THROUGH_GATEWAY=yes "$ROOT/deploy/walkthrough.sh" "http://localhost:$NGINX_PORT"
# Passed: stop everything and drop the work directory (after a failure it stays, with the logs).
stop_all
trap - EXIT
rm -rf "$WORK_DIR"
