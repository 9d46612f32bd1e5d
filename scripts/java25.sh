# Sourced by ./s3conn, demo.sh and bench/*.sh: sets JAVA_HOME to a Java 25 or later, which the build's AOT cache
# (-XX:AOTCacheOutput) and the launcher's -XX:AOTCache need; the classes target release 21. JAVA_HOME when it is one (its release file says, without starting a JVM), else Temurin 25 where
# .ci/run installs it; the machine's default java may be older.
java25_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
# A JAVA_HOME without a release file that names its version (JAVA_HOME=/usr, whose bin/java is the machine's default)
# is not taken on trust: its java may be older, which then stops at -XX:AOTCache ("Unrecognized VM option").
java_major="$(java25_major "$JAVA_HOME")"
if [ ! -x "$JAVA_HOME/bin/java" ] || [ -z "$java_major" ] || [ "$java_major" -lt 25 ]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
if [ ! -x "$JAVA_HOME/bin/java" ]; then
  echo "s3conn: needs Java 25 or later: set JAVA_HOME to one (Temurin 25 is expected at $JAVA_HOME)" >&2
  exit 2
fi
