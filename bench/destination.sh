#!/usr/bin/env bash
# The destination benchmark: JSON and Parquet writes of 1 KiB records vs raw PutObject of the same bytes, with peak RSS.
# Usage: bench/destination.sh [--records 100000] [--latency-ms 10] [--xmx 256m]
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.DestinationBenchmark "$@"
