#!/usr/bin/env bash
# The events benchmark: requests per idle minute and per change, and PUT-to-record latency, of a CDC source
# with --notifications (SQS, ElasticMQ) versus polling by listing.
# Usage: bench/events.sh [--objects 20000] [--changes 1000] [--rate 50] [--idle-seconds 60]
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.EventsBenchmark "$@"
