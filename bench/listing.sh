#!/usr/bin/env bash
# The listing benchmark: the range planner and parallel walker, s3conn inventory syncs (first, no change) and
# aws-cli / rclone where installed, against a raw SDK sequential loop (the floor),
# on the test bed's synthetic bucket with a modelled round trip and service time per LIST.
# Usage: bench/listing.sh [--server synthetic|s3proxy|ceph] [--keys 100000[,1000000]] [--layouts prefixes,flat,skewed]
#                         [--concurrency 1,4,8,16]
#                         [--latency-ms 20] [--service-ms 100] [--xmx 128m] [--sync true] [--tools true]
#                         [--database sqlite[,postgres[?PARAMETER=VALUE]]] [--versions false] [--source false]
#   (--database postgres: the syncs also into a fresh database on the test bed's throwaway PostgreSQL, whose CPU is
#    the `db cpu` column; --versions true: the version inventory's syncs too; --source true: the first poll of a CDC
#    source on an empty state, a listing of the bucket compared with its state, whose VmHWM at two --keys shows its memory)
# JVM options for every measured phase (a JFR profile, say), through the benchmark's own JVM:
#   JAVA_TOOL_OPTIONS=-Dbench.worker-options=-XX:StartFlightRecording=filename=/tmp/phase.jfr bench/listing.sh ...
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.ListingBenchmark "$@"
