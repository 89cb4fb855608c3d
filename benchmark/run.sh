#!/usr/bin/env bash
# Runs the load benchmark end to end: builds the jars when missing, starts the whole system (one JVM, embedded
# PostgreSQL and Kafka, demo profile) on a fresh data directory, waits for readiness, runs
# org.hospital.bench.LoadBenchmark with the given options, records the peak RSS of the system's processes, stops the
# system and prints the results.
#
#   benchmark/run.sh --rate=1000 --duration=30            # options: see LoadBenchmark (--help)
#   benchmark/run.sh --separate --rate=150 --duration=60  # the three sides as separate processes (see below)
#   benchmark/run.sh --ceilings --rate=1000 --duration=30 # the raw ceilings first, then the load, same system
#   benchmark/run.sh --ceilings-only                      # the raw ceilings alone (no load)
#   benchmark/run.sh --catch-up [--readings=200000 --encounters=1000]  # each processor working off a backlog alone
#                                                         # (CATCH_UP_SIDES=alerting: the alerting side only;
#                                                         #  CATCH_UP_SIDES= : the publishers only)
#   benchmark/run.sh --fhir-everything [--readings=1440 --requests=50]  # FHIR Encounter/$everything of 24 h of
#                                                         # one-per-minute readings (org.hospital.bench.FhirEverything)
#
# With --catch-up only the command side starts at first (it hosts PostgreSQL and Kafka and publishes); the backlog
# of readings is stored through it (org.hospital.bench.CatchUp) with its publishers held back, then each publisher
# is let go and timed alone, then the alerting side starts alone and is timed until it has handled the whole topic,
# then the query side likewise.
#
# With --separate the command side runs in one JVM (demo profile, hosting the embedded PostgreSQL and Kafka as the
# one-command run does), the query side (PORT+1) and the alerting side (PORT+2) in two more, against that PostgreSQL
# and Kafka, with a token secret made for the run; the load goes to the command side.
#
# The ceilings (org.hospital.bench.Ceilings: Kafka's producer performance tool and plain inserts into PostgreSQL)
# run against the started system's broker and database while the system is idle, before any load; CEILINGS_OPTS
# passes options to them (for example CEILINGS_OPTS="--kafka-records=100000"; see `benchmark.jar ceilings --help`).
#
# Environment: PORT (18080), HOSPITAL_POSTGRES_PORT (15433), HOSPITAL_KAFKA_PORT (19092): the system's ports, chosen
# apart from ./run.sh's defaults so a developer's running system is not disturbed; APP_JAR (the jar to run,
# default hospital-local/target/hospital-local-exec.jar); APP_JAVA_OPTS (JVM options of the system); COMMAND_JAVA_OPTS,
# QUERY_JAVA_OPTS, ALERTING_JAVA_OPTS (added for the JVM of that side alone, when the sides run apart);
# BENCH_JAVA_OPTS (JVM options of the load generator, for example to profile it); RESULTS_DIR (default
# bench-results/<time>).
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

PORT="${PORT:-18080}"
PG_PORT="${HOSPITAL_POSTGRES_PORT:-15433}"
KAFKA_PORT="${HOSPITAL_KAFKA_PORT:-19092}"
APP_JAR="${APP_JAR:-hospital-local/target/hospital-local-exec.jar}"
BENCH_JAR=benchmark/target/benchmark.jar
RESULTS_DIR="${RESULTS_DIR:-bench-results/$(date -u +%Y%m%dT%H%M%SZ)}"

CEILINGS=no
SEPARATE=no
CATCH_UP=no
FHIR_EVERYTHING=no
LOAD_ARGS=()
for arg in "$@"; do
  case "$arg" in
    --separate) SEPARATE=yes ;;
    --ceilings) CEILINGS=before-load ;;
    --ceilings-only) CEILINGS=only ;;
    --catch-up) CATCH_UP=yes ;;
    --fhir-everything) FHIR_EVERYTHING=yes ;;
    *) LOAD_ARGS+=("$arg") ;;
  esac
done
mkdir -p "$RESULTS_DIR"
RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"

if [ ! -f "$APP_JAR" ]; then
  echo "building the system ($APP_JAR is missing)"
  ./mvnw -B -q -DskipTests install
fi
if [ ! -f "$BENCH_JAR" ]; then
  echo "building the benchmark"
  ./mvnw -B -q -pl benchmark -DskipTests package
fi

DATA_DIR="$(mktemp -d /tmp/hospital-bench-data.XXXXXX)"
# The access log's key, one per run for every side (the query side does not start without one outside the demo).
ACCESS_LOG_KEY="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
APP_PIDS=()
APP_NAMES=()

# start_side <log name> <sides> <port> [KEY=VALUE ...]: starts one JVM of the system in the background.
start_side() {
  local log="$1" sides="$2" port="$3" side_opts=""
  shift 3
  case "$sides" in
    command) side_opts="${COMMAND_JAVA_OPTS:-}" ;;
    query) side_opts="${QUERY_JAVA_OPTS:-}" ;;
    alerting) side_opts="${ALERTING_JAVA_OPTS:-}" ;;
  esac
  # shellcheck disable=SC2086
  env HOSPITAL_SIDES="$sides" PORT="$port" HOSPITAL_DATA_DIR="$DATA_DIR" HOSPITAL_POSTGRES_PORT="$PG_PORT" \
    HOSPITAL_ACCESS_LOG_KEY="$ACCESS_LOG_KEY" \
    HOSPITAL_POSTGRES_STATEMENT_STATS="${HOSPITAL_POSTGRES_STATEMENT_STATS:-true}" \
    HOSPITAL_KAFKA_PORT="$KAFKA_PORT" "$@" "$JAVA" ${APP_JAVA_OPTS:-} $side_opts -jar "$APP_JAR" \
    ${DEMO:+--spring.profiles.active=demo} >"$RESULTS_DIR/$log.log" 2>&1 &
  APP_PIDS+=($!)
  APP_NAMES+=("$log")
}

# await_ready <port> <pid> <log name>
await_ready() {
  for i in $(seq 1 300); do
    if curl -fs "http://localhost:$1/actuator/health/readiness" >/dev/null 2>&1; then
      echo "$3 ready after ${i} s"
      return
    fi
    if ! kill -0 "$2" 2>/dev/null; then echo "$3 exited; see $RESULTS_DIR/$3.log"; exit 1; fi
    sleep 1
  done
  echo "$3 not ready after 300 s; see $RESULTS_DIR/$3.log"
  exit 1
}

stop_system() {
  for pid in "${APP_PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "stopping pid $pid"
      kill -TERM "$pid"
    fi
  done
  # The first process hosts PostgreSQL and Kafka: the others stop first.
  for ((n = ${#APP_PIDS[@]} - 1; n >= 0; n--)); do
    pid="${APP_PIDS[$n]}"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  done
  rm -rf "$DATA_DIR"
}
trap stop_system EXIT

if [ "$CATCH_UP" = yes ]; then
  SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
  echo "catch-up: the command side on :$PORT (PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT), data $DATA_DIR"
  DEMO=yes start_side system-command command "$PORT" HOSPITAL_JWT_SECRET="$SECRET"
  await_ready "$PORT" "${APP_PIDS[0]}" system-command
  DB_ARGS=(--jdbc-url="jdbc:postgresql://localhost:$PG_PORT/hospital" --kafka="localhost:$KAFKA_PORT")
  PG_PID="$(head -1 "$(find "$DATA_DIR" -name postmaster.pid | head -1)" 2>/dev/null || true)"
  # shellcheck disable=SC2086
  "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" catch-up backlog --base-url="http://localhost:$PORT" "${DB_ARGS[@]}" \
    --output="$RESULTS_DIR/backlog.json" --hold-publishers=yes ${LOAD_ARGS[@]+"${LOAD_ARGS[@]}"} 2>&1 \
    | tee "$RESULTS_DIR/backlog.log"
  "$JAVA" -jar "$BENCH_JAR" catch-up publish --backlog="$RESULTS_DIR/backlog.json" \
    --system-pids="${APP_PIDS[0]}${PG_PID:+,$PG_PID}" "${DB_ARGS[@]}" 2>&1 | tee "$RESULTS_DIR/catch-up-publishers.log"
  for side in ${CATCH_UP_SIDES-alerting query}; do
    [ "$side" = query ] && processor=projections || processor=alerting
    start_side "system-$side" "$side" $((PORT + 1)) HOSPITAL_JWT_SECRET="$SECRET" \
      DATABASE_URL="jdbc:postgresql://localhost:$PG_PORT/hospital" DATABASE_USER=hospital DATABASE_PASSWORD=hospital \
      KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
    "$JAVA" -jar "$BENCH_JAR" catch-up time --processor="$processor" --backlog="$RESULTS_DIR/backlog.json" \
      --system-pids="${APP_PIDS[-1]},${APP_PIDS[0]}${PG_PID:+,$PG_PID}" "${DB_ARGS[@]}" 2>&1 | tee "$RESULTS_DIR/catch-up-$processor.log"
    pid="${APP_PIDS[-1]}"
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  done
  echo "results in $RESULTS_DIR"
  exit 0
fi

if [ "$SEPARATE" = yes ]; then
  echo "starting the three sides on :$PORT (command), :$((PORT + 1)) (query), :$((PORT + 2)) (alerting);" \
    "PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT (in the command side's JVM), data $DATA_DIR"
  SECRET="$(head -c 48 /dev/urandom | base64 | tr -d '\n/+=')"
  DEMO=yes start_side system-command command "$PORT" HOSPITAL_JWT_SECRET="$SECRET"
  await_ready "$PORT" "${APP_PIDS[0]}" system-command
  for side in query alerting; do
    [ "$side" = query ] && port=$((PORT + 1)) || port=$((PORT + 2))
    start_side "system-$side" "$side" "$port" HOSPITAL_JWT_SECRET="$SECRET" \
      DATABASE_URL="jdbc:postgresql://localhost:$PG_PORT/hospital" DATABASE_USER=hospital DATABASE_PASSWORD=hospital \
      KAFKA_BOOTSTRAP_SERVERS="localhost:$KAFKA_PORT"
  done
  await_ready $((PORT + 1)) "${APP_PIDS[1]}" system-query
  await_ready $((PORT + 2)) "${APP_PIDS[2]}" system-alerting
else
  echo "starting the system on :$PORT (PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT, data $DATA_DIR)"
  DEMO=yes start_side system all "$PORT"
  await_ready "$PORT" "${APP_PIDS[0]}" system
fi

# The embedded PostgreSQL runs as separate processes: report the JVMs (the first also hosts Kafka) and the postmaster.
PG_PID="$(head -1 "$(find "$DATA_DIR" -name postmaster.pid | head -1)" 2>/dev/null || true)"
PIDS="$(IFS=,; echo "${APP_PIDS[*]}")${PG_PID:+,$PG_PID}"

if [ "$FHIR_EVERYTHING" = yes ]; then
  "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" fhir-everything --base-url="http://localhost:$PORT" \
    ${LOAD_ARGS[@]+"${LOAD_ARGS[@]}"} 2>&1 | tee "$RESULTS_DIR/fhir-everything.log"
  echo "results in $RESULTS_DIR"
  exit 0
fi

if [ "$CEILINGS" != no ]; then
  # shellcheck disable=SC2086
  "$JAVA" -jar "$BENCH_JAR" ceilings --kafka="localhost:$KAFKA_PORT" \
    --jdbc-url="jdbc:postgresql://localhost:$PG_PORT/hospital" \
    --system-pids="$PIDS" --output="$RESULTS_DIR/ceilings.json" ${CEILINGS_OPTS:-} 2>&1 | tee "$RESULTS_DIR/ceilings.log"
fi

if [ "$CEILINGS" != only ]; then
  # shellcheck disable=SC2086
  "$JAVA" ${BENCH_JAVA_OPTS:-} -jar "$BENCH_JAR" \
    --base-url="http://localhost:$PORT" --kafka="localhost:$KAFKA_PORT" \
    --jdbc-url="jdbc:postgresql://localhost:$PG_PORT/hospital" \
    --system-pids="$PIDS" --output="$RESULTS_DIR/result.json" ${LOAD_ARGS[@]+"${LOAD_ARGS[@]}"} 2>&1 \
    | tee "$RESULTS_DIR/benchmark.log"
fi

NAMES=("${APP_NAMES[@]}" postgres)
n=0
for pid in ${PIDS//,/ }; do
  echo "peak RSS (VmHWM) of ${NAMES[$n]} pid $pid: $(grep VmHWM /proc/"$pid"/status | awk '{print $2, $3}')"
  n=$((n + 1))
done | tee "$RESULTS_DIR/peak-rss.txt"
echo "results in $RESULTS_DIR"
