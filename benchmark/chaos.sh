#!/usr/bin/env bash
# Crash safety and scale-out with real, separate processes: builds the jars when missing, then runs
# `benchmark.jar chaos` (org.hospital.bench.chaos.ChaosRun). It starts PostgreSQL (embedded, from the benchmark's JVM),
# a Kafka broker in a JVM of its own and two instances of each side (HOSPITAL_SIDES=command|query|alerting, one
# process each), puts steady load on them (POST /vitals round-robin over both command instances, reads from both
# query instances, simultaneous admissions into one room through both command instances), kills the active instance
# of each side (the one owning the side's tracking processor), then the broker, then PostgreSQL (server and backends)
# with SIGKILL, in turn, each at a random moment (--seed repeats a run's moments), and starts each again, then checks
# that nothing acknowledged was lost, repeated or reordered and that every process came back.
# Prints the phase table, the takeovers and the checks; exits 1 when a check failed.
#
#   benchmark/chaos.sh                                   # defaults: 30 readings/s, 10 encounters, ~6 minutes
#   benchmark/chaos.sh --rate=40 --down=20 --both-down=15   # options: see `benchmark.jar chaos --help`
#
# Environment: APP_JAR (default hospital-local/target/hospital-local-exec.jar); RESULTS_DIR (default
# bench-results/chaos-<time>): chaos.json, the table (chaos.txt) and every process's log (system/logs, one file per
# start). The data directories (system/postgres, system/kafka) are deleted after the run unless KEEP_DATA=1.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

APP_JAR="${APP_JAR:-hospital-local/target/hospital-local-exec.jar}"
BENCH_JAR=benchmark/target/benchmark.jar
RESULTS_DIR="${RESULTS_DIR:-bench-results/chaos-$(date -u +%Y%m%dT%H%M%SZ)}"
mkdir -p "$RESULTS_DIR"
RESULTS_DIR="$(cd "$RESULTS_DIR" && pwd)"

if [ ! -f "$APP_JAR" ]; then
  echo "building the system ($APP_JAR is missing)"
  ./mvnw -B -q -pl hospital-local -am -DskipTests package
fi
if [ ! -f "$BENCH_JAR" ]; then
  echo "building the benchmark"
  ./mvnw -B -q -pl benchmark -am -DskipTests package
fi

cleanup() {
  if [ "${KEEP_DATA:-0}" != 1 ]; then rm -rf "$RESULTS_DIR/system/postgres" "$RESULTS_DIR/system/kafka" "$RESULTS_DIR/system/pg-work"; fi
}
trap cleanup EXIT

status=0
"$JAVA" -jar "$BENCH_JAR" chaos --app-jar="$APP_JAR" --work-dir="$RESULTS_DIR/system" \
  --output="$RESULTS_DIR/chaos.json" "$@" 2>"$RESULTS_DIR/chaos.log" | tee "$RESULTS_DIR/chaos.txt" || status=$?
echo "results in $RESULTS_DIR (log of the run: chaos.log; processes: system/logs)"
exit "$status"
