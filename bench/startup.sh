#!/usr/bin/env bash
# Start-up time and peak RSS of the JVM build, with and without the JDK AOT cache, measured in one run:
# `s3conn --help` (5 runs each) and `s3conn serve` until /q/health/live answers (3 runs each).
# Builds the app with -Paot first (the cache is app/target/quarkus-app/app-cds.jsa).
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
java="$JAVA_HOME/bin/java"
./mvnw -B -q -DskipTests -Paot install -pl app -am >&2
app=app/target/quarkus-app
port="${PORT:-18181}"
now() { date +%s%N; }
hwm() { awk '/VmHWM/ {print $2}' "/proc/$1/status"; }

echo "| command | AOT cache | mean time | peak RSS |"
echo "|---|---|--:|--:|"
for cache in no yes; do
  opts=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)
  [ "$cache" = yes ] && opts+=("-XX:AOTCache=$app/app-cds.jsa")
  start=$(now); rss=0
  for _ in 1 2 3 4 5; do
    "$java" "${opts[@]}" -jar "$app/quarkus-run.jar" --help >/dev/null 2>&1 &
    pid=$!; peak=0
    while kill -0 "$pid" 2>/dev/null; do v=$(hwm "$pid" 2>/dev/null || echo 0); [ "${v:-0}" -gt "$peak" ] && peak=$v; sleep 0.01; done
    wait "$pid" || true; [ "$peak" -gt "$rss" ] && rss=$peak
  done
  echo "| s3conn --help | $cache | $(( ($(now) - start) / 5000000 )) ms | $(( rss / 1024 )) MiB |"
  total=0; rss=0
  for _ in 1 2 3; do
    start=$(now)
    "$java" "${opts[@]}" -Dquarkus.http.port="$port" -jar "$app/quarkus-run.jar" serve >/dev/null 2>&1 &
    pid=$!
    until curl -sf "http://127.0.0.1:$port/q/health/live" >/dev/null 2>&1; do sleep 0.01; done
    total=$(( total + ($(now) - start) / 1000000 )); v=$(hwm "$pid"); [ "$v" -gt "$rss" ] && rss=$v
    kill "$pid"; wait "$pid" 2>/dev/null || true
  done
  echo "| s3conn serve until ready | $cache | $(( total / 3 )) ms | $(( rss / 1024 )) MiB |"
done
