#!/usr/bin/env bash
# The Kafka Connect benchmark: snapshot records/s of S3SourceConnector with 1, 2 and 4 tasks against `source read`,
# and S3SinkConnector against `destination write`, on a KRaft broker and one Connect worker (child JVMs).
# Usage: bench/kafka-connect.sh [--objects 10000] [--latency-ms 10] [--tasks 1,2,4] [--keys folder|flat]
# (--objects: rounded down to whole thousands, the sink's batch; at least 1000)
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks kafka-connect

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" \
    io.s3conn.bench.KafkaConnectBenchmark --plugin-dir kafka-connect/target/plugin "$@"
