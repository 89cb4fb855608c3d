#!/usr/bin/env bash
# Builds the project and starts the whole system on one port (PORT, default 8080): the command side, the query side
# and the alerting saga in one JVM, with a real embedded PostgreSQL (localhost:5433) and Kafka broker
# (localhost:9092) keeping their data under ./data, and the demo data. Arguments go to the application, e.g.
# ./run.sh --fresh to start from empty data. With DATABASE_URL and KAFKA_BOOTSTRAP_SERVERS set, those are used.
set -euo pipefail
cd "$(dirname "$0")"
. .mvn/find-jdk.sh
./mvnw -B -q -DskipTests install
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" -jar hospital-local/target/hospital-local-exec.jar \
  --spring.profiles.active="${SPRING_PROFILES_ACTIVE:-demo}" "$@"
