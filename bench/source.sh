#!/usr/bin/env bash
# The source benchmark: snapshot records/s vs a raw SDK loop of the same requests, and the requests of a CDC poll.
# Usage: bench/source.sh [--objects 5000] [--cdc-objects 20000] [--latency-ms 10]
set -euo pipefail

cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"

jar=benchmarks/target/s3conn-benchmarks-0.1.0-SNAPSHOT.jar
if [[ ! -d benchmarks/target/lib || ! -f "$jar" ]]; then
    ./mvnw -B -q -DskipTests install -pl benchmarks -am
fi

exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:benchmarks/target/lib/*" io.s3conn.bench.SourceBenchmark "$@"
