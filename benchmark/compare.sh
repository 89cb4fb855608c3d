#!/usr/bin/env bash
# Runs the same load twice, each against a freshly started system: first the baseline build, then this one; prints
# both figures side by side with ratios. The baseline is a one-command jar built from an earlier commit, for example
#
#   git worktree add /tmp/baseline <commit> && (cd /tmp/baseline && ./mvnw -B -q -DskipTests install)
#   BASELINE_JAR=/tmp/baseline/hospital-local/target/hospital-local-exec.jar benchmark/compare.sh --rate=1000 --duration=60
#
# Options are those of benchmark/run.sh; BASELINE_JAVA_OPTS are added to the baseline's JVM options alone.
set -euo pipefail
cd "$(dirname "$0")/.."
. .mvn/find-jdk.sh
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
: "${BASELINE_JAR:?set BASELINE_JAR to the one-command jar of the build to compare with}"
OUT="${RESULTS_DIR:-bench-results/compare-$(date -u +%Y%m%dT%H%M%SZ)}"

RESULTS_DIR="$OUT/baseline" APP_JAR="$BASELINE_JAR" APP_JAVA_OPTS="${APP_JAVA_OPTS:-} ${BASELINE_JAVA_OPTS:-}" \
  benchmark/run.sh "$@"
RESULTS_DIR="$OUT/current" benchmark/run.sh "$@"
"$JAVA" -jar benchmark/target/benchmark.jar compare "$OUT/baseline/result.json" "$OUT/current/result.json" \
  | tee "$OUT/comparison.txt"
