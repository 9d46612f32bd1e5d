#!/usr/bin/env bash
# The source benchmark: snapshot records/s vs a raw SDK loop of the same requests, the requests of a CDC poll,
# and the source's parallel listing (--list-concurrency 1 vs 8) on the synthetic bucket with a modelled LIST time.
# Usage: bench/source.sh [--objects 5000] [--cdc-objects 20000] [--latency-ms 10] [--list-concurrency 8]
#                        [--listing-keys 20000] [--listing-layout prefixes[,flat,skewed,numbered,numbered-tail]]
#                        [--listing-latency-ms 10] [--listing-service-ms 100] [--repeat 3]
# (--cdc-objects: 0 or at least 2101, the bucket the changes are made in;
#  the last part: snapshot `--content none` and idle CDC poll with --list-concurrency 1 vs 8 on the synthetic
#  bucket; --listing-keys 0 leaves it out, as --objects 0 and --cdc-objects 0 the first two)
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.SourceBenchmark "$@"
