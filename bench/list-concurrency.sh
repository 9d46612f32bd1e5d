#!/usr/bin/env bash
# What a high --list-concurrency costs: inventory sync at --list-concurrency 8 (the default) and 1000 against the
# bucket `TestBedMain serve` serves (S3Proxy behind the archive emulator) filled with --objects more in --folders
# folders, timed, with the listings the emulator counted, and each as a ratio to c=8 measured in the same run.
# Usage: bench/list-concurrency.sh [--objects 10000] [--folders 50] [--concurrency 8,1000] [--repeat 2]
#                                  [--scopes demo,demo/load/] [--xmx 256m]
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/java25.sh
. scripts/java25.sh

# shellcheck source=bench/build.sh
. bench/build.sh
build_benchmarks

# The code measured: a figure is only reproducible with the commit it came from.
echo "commit $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- . 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$benchmarks_jar:benchmarks/target/lib/*" io.s3conn.bench.ListConcurrencyBenchmark "$@"
