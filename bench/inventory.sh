#!/usr/bin/env bash
# The inventory benchmark: raw ListObjectsV2 floor vs. first and no-change InventorySync, with peak RSS.
# Usage: bench/inventory.sh [--objects 20000[,100000]] [--latency-ms 10] [--xmx 64m] [--repeat 1] [--jvm-arg ARG]...
#        [--list-concurrency 8]   (the syncs' listing; 8 is `inventory sync`'s default, 1 a sequential walk)
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.InventoryBenchmark "$@"
