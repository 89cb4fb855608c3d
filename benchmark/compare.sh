#!/usr/bin/env bash
# Runs the same load twice, each against a freshly started system: first configured the Axon defaults way (no group
# commit: one transaction per request; Axon's weak-reference aggregate cache; publishers waiting for each record's
# acknowledgement; one event per processor batch), then as configured; prints both figures side by side with ratios.
#
#   benchmark/compare.sh --rate=300 --duration=60          # options: those of benchmark/run.sh
#
# The event store stays Axon's JDBC engine in both runs (the project has no JPA); see BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
OUT="${RESULTS_DIR:-bench-results/compare-$(date -u +%Y%m%dT%H%M%SZ)}"
BASELINE_OPTS="-Dhospital.vitals.group-commit=false -Dhospital.command.aggregate-cache=weak \
-Dhospital.kafka.await-each-record=true -Dhospital.kafka.processor-batch-size=1 -Dhospital.alerting.processor-batch-size=1"

RESULTS_DIR="$OUT/baseline" APP_JAVA_OPTS="${APP_JAVA_OPTS:-} $BASELINE_OPTS" benchmark/run.sh "$@"
RESULTS_DIR="$OUT/tuned" benchmark/run.sh "$@"
"$JAVA" -jar benchmark/target/benchmark.jar compare "$OUT/baseline/result.json" "$OUT/tuned/result.json" \
  | tee "$OUT/comparison.txt"
