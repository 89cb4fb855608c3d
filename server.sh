#!/usr/bin/env bash
# Runs the production jar (hospital-app/target/hospital-app-exec.jar): no embedded servers, so DATABASE_URL
# (with DATABASE_USER, DATABASE_PASSWORD) and KAFKA_BOOTSTRAP_SERVERS must be set. Uses JAVA_HOME when it names a
# JDK 21+, else the newest JDK 21+ under /usr/lib/jvm (as ./mvnw does); builds the jar when it is missing.
# JAVA_OPTS go to the JVM, arguments to the application, e.g. ./server.sh --spring.profiles.active=demo
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
. "$HERE/.mvn/find-jdk.sh"
JAR="$HERE/hospital-app/target/hospital-app-exec.jar"
if [ ! -f "$JAR" ]; then
  (cd "$HERE" && ./mvnw -B -q -DskipTests -pl hospital-app -am install)
fi
# shellcheck disable=SC2086
exec "${JAVA_HOME:+$JAVA_HOME/bin/}java" ${JAVA_OPTS:-} -jar "$JAR" "$@"
