# Sourced by ./mvnw and ./run.sh. The project needs JDK 21 or newer: when JAVA_HOME is unset or points at an older
# JDK, use the newest JDK 21+ found under /usr/lib/jvm.
java_major() { "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
if [ -z "${JAVA_HOME-}" ] || [ "$(java_major "$JAVA_HOME/bin/java" 2>/dev/null || echo 0)" -lt 21 ] 2>/dev/null; then
  for candidate in $(find /usr/lib/jvm -mindepth 1 -maxdepth 1 -type d 2>/dev/null | sort -rV); do
    if [ -x "$candidate/bin/javac" ] && [ "$(java_major "$candidate/bin/java" || echo 0)" -ge 21 ] 2>/dev/null; then
      JAVA_HOME="$candidate"; export JAVA_HOME; break
    fi
  done
fi
