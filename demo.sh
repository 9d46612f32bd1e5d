#!/usr/bin/env bash
# The first run of s3conn, no AWS account needed: starts a real S3 server on loopback (S3Proxy behind the
# archive emulator) with a bucket "demo" holding objects in every storage class and restore state, syncs
# it into the SQLite file s3conn-demo.db, changes a few objects, syncs again and shows the table.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=scripts/stale.sh
. scripts/stale.sh
if stale app/target/quarkus-app/quarkus-run.jar core glacier source destination inventory app \
    || stale testbed/target/s3conn-testbed-0.1.0-SNAPSHOT.jar testbed testbed-elasticmq || [ ! -d testbed/target/lib ]; then
  echo "== building s3conn (a few minutes the first time; again after the sources changed)" >&2
  # The package records the JDK AOT cache that ./s3conn starts with; Maven's own Unsafe warnings are silenced.
  MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
    ./mvnw -B -q -DskipTests package -pl app,testbed -am >&2
fi

work="$(mktemp -d)"
testbed_pid=""
cleanup() {
  [ -n "$testbed_pid" ] && kill "$testbed_pid" 2>/dev/null && wait "$testbed_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "== starting the test bed on 127.0.0.1"
"$JAVA_HOME/bin/java" -cp "testbed/target/s3conn-testbed-0.1.0-SNAPSHOT.jar:testbed/target/lib/*" \
  io.s3conn.testbed.TestBedMain serve --endpoint-file "$work/endpoint" >"$work/testbed.log" 2>&1 &
testbed_pid=$!
for _ in $(seq 1 120); do
  [ -f "$work/endpoint" ] && break
  kill -0 "$testbed_pid" 2>/dev/null || { cat "$work/testbed.log" >&2; exit 1; }
  sleep 0.5
done
[ -f "$work/endpoint" ] || { echo "test bed did not start" >&2; cat "$work/testbed.log" >&2; exit 1; }
endpoint="$(sed -n 's/^endpoint=//p' "$work/endpoint")"
export AWS_ACCESS_KEY_ID="$(sed -n 's/^accessKeyId=//p' "$work/endpoint")"
export AWS_SECRET_ACCESS_KEY="$(sed -n 's/^secretAccessKey=//p' "$work/endpoint")"
export AWS_REGION=us-east-1
export AWS_ENDPOINT_URL="$endpoint"
database="jdbc:sqlite:${S3CONN_DEMO_DB:-$root/s3conn-demo.db}"
rm -f "${database#jdbc:sqlite:}" "${database#jdbc:sqlite:}-wal" "${database#jdbc:sqlite:}-shm"

echo "== s3conn inventory sync --bucket demo   (endpoint $endpoint)"
./s3conn inventory sync --bucket demo --database "$database"
echo
echo "== the table s3_objects"
./s3conn inventory show --bucket demo --database "$database"
echo
echo "== changing a few objects"
"$JAVA_HOME/bin/java" -cp "testbed/target/s3conn-testbed-0.1.0-SNAPSHOT.jar:testbed/target/lib/*" \
  io.s3conn.testbed.TestBedMain change --endpoint "$endpoint"
echo
echo "== s3conn inventory sync --bucket demo   (again: only the changes are written)"
./s3conn inventory sync --bucket demo --database "$database"
echo
echo "== the table s3_objects, deleted rows included"
./s3conn inventory show --bucket demo --deleted --database "$database"
echo
echo "== s3conn inventory state"
./s3conn inventory state --database "$database"
echo
echo "The inventory is in ${database#jdbc:sqlite:}; try: ./s3conn inventory show --bucket demo --json --database $database"
