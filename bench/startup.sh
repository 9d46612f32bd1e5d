#!/usr/bin/env bash
# Start-up of the JVM build, with and without the JDK AOT cache, measured in one run through ./s3conn:
#   --help                 launch until the process has exited
#   first S3 request       launch until `inventory sync`'s first request reaches a local endpoint
#                          (bench/FirstRequestListener.java, which answers NoSuchBucket so the run ends there)
#   serve until ready      launch until /q/health/live answers
# Each figure is the median of RUNS runs (default 11); runs with and without the cache alternate, so that
# other load on the machine weighs on both alike. Before measuring, it checks with -Xlog that the JVM maps
# the cache and loads classes from it (and fails otherwise).
#
#   bench/startup.sh            builds first (./mvnw -pl app -am package -DskipTests, which records the cache)
#   SKIP_BUILD=1 bench/startup.sh
#   BASELINE=/other/checkout bench/startup.sh   also measures that checkout's ./s3conn (built already), e.g.
#                               the commit before a change, in the same runs, and adds a column × baseline
#                               (the median with the cache over the baseline's)
#   PORT=18437 bench/startup.sh  the port serve listens on (default 18181)
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
# shellcheck source=scripts/java25.sh
. scripts/java25.sh
java="$JAVA_HOME/bin/java"
runs="${RUNS:-11}"
# Checked before the build: an option or a RUNS that is not a number used to be ignored, or to fail in seq mid-run.
[ $# -eq 0 ] || { echo "error: bench/startup.sh takes no arguments (RUNS=N, SKIP_BUILD=1, BASELINE=DIR, PORT=N are read from the environment), got: $*" >&2; exit 2; }
case "$runs" in ''|*[!0-9]*|0) echo "error: RUNS must be a whole number of at least 1, got '$runs'" >&2; exit 2 ;; esac
case "${PORT:-18181}" in ''|*[!0-9]*) echo "error: PORT must be a port number, got '$PORT'" >&2; exit 2 ;; esac
# Else the build ran first and the run then died on "No such file or directory" from the shell.
[ -z "${BASELINE:-}" ] || [ -x "$BASELINE/s3conn" ] \
  || { echo "error: BASELINE must be a checkout whose app is built (it runs BASELINE/s3conn), got '$BASELINE'" >&2; exit 2; }
app="$root/app/target/quarkus-app"
# Maven's own libraries call sun.misc.Unsafe, which JDK 25 warns about on every start (as in bench/build.sh).
[ -n "${SKIP_BUILD:-}" ] || MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" ./mvnw -B -q -DskipTests package -pl app -am >&2
[ -f "$app/app.aot" ] || { echo "no AOT cache at $app/app.aot: build without -Ds3conn.aot.skip" >&2; exit 1; }

work="$(mktemp -d)"
listener=""
cleanup() {
  [ -n "$listener" ] && kill "$listener" 2>/dev/null && wait "$listener" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

now() { date +%s%N; }
median() { sort -n | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}'; }
# ./s3conn with the cache on or off, or the baseline checkout's ./s3conn.
variants=(off on)
[ -z "${BASELINE:-}" ] || variants=(base off on)
# The launcher's own variables are set unexported and the launcher is sourced in a subshell (it execs the JVM):
# exported, they would reach the app, which rejects unknown S3CONN_* variables ("unknown property
# S3CONN_AOT", exit 2) for every command that reads settings, i.e. all but --help.
launch() { # aot (on|off), JVM options, arguments...
  local aot=$1 java_opts=$2; shift 2
  ( S3CONN_AOT=$aot; S3CONN_JAVA_OPTS=$java_opts; . ./s3conn "$@" )
}
s3conn() {
  local variant=$1; shift
  if [ "$variant" = base ]; then "$BASELINE/s3conn" "$@"; else launch "$variant" "" "$@"; fi
}

"$java" bench/FirstRequestListener.java "$work/port" "$work/arrivals" &
listener=$!
for _ in $(seq 1 100); do [ -s "$work/port" ] && break; sleep 0.1; done
endpoint="http://127.0.0.1:$(cat "$work/port")"
export AWS_ACCESS_KEY_ID=startup AWS_SECRET_ACCESS_KEY=startup AWS_REGION=us-east-1
serve_port="${PORT:-18181}"

# The cache is applied, not assumed: the JVM says it opened it and the classes come from it.
launch on "-Xlog:aot=info:file=$work/aot.log -Xlog:class+load=info:file=$work/classes.log" --help >/dev/null
grep -q "Opened AOT cache" "$work/aot.log" && ! grep -q "\[error" "$work/aot.log" \
  || { echo "the JVM did not use the AOT cache:" >&2; grep -E "warning|error" "$work/aot.log" >&2; exit 1; }
from_cache=$(grep -c "source: shared objects file" "$work/classes.log" || true)
loaded=$(grep -c "source:" "$work/classes.log" || true)
main_source=$(sed -n 's/.* io\.s3conn\.app\.S3connMain source: //p' "$work/classes.log")
launch off "-Xlog:aot=info:file=$work/aot-off.log" --help >/dev/null
! grep -q "Opened AOT cache" "$work/aot-off.log" || { echo "S3CONN_AOT=off still opened the cache" >&2; exit 1; }

# Wall time, and CPU time (user + system, all threads), which other load on the machine distorts less.
help_time() {
  local start launcher
  start=$(now)
  if [ "$1" = base ]; then launcher="$BASELINE/s3conn"; else launcher=./s3conn; fi
  S3CONN_AOT="$1" /usr/bin/time -f "%U %S" -o "$work/cpu" "$launcher" --help >/dev/null
  echo $(( ($(now) - start) / 1000000 )) >>"$work/help-$1"
  awk '{printf "%d\n", ($1 + $2) * 1000}' "$work/cpu" >>"$work/helpcpu-$1"
}
first_request() {
  local bucket="startup-$1-$2" start arrived
  start=$(now)
  s3conn "$1" inventory sync --bucket "$bucket" --endpoint-url "$endpoint" --max-attempts 1 \
    --database "jdbc:sqlite:$work/bench.db" >/dev/null 2>&1 || true
  arrived=$(awk -v p="/$bucket?" 'index($2, p) == 1 {print $1; exit}' "$work/arrivals")
  [ -n "$arrived" ] || { echo "no request for $bucket reached the endpoint" >&2; exit 1; }
  echo $(( (arrived - start) / 1000000 ))
}
serve_ready() {
  local start pid ms
  ! curl -sf "http://127.0.0.1:$serve_port/q/health/live" >/dev/null 2>&1 \
    || { echo "something already answers on port $serve_port (PORT=... to pick another)" >&2; exit 1; }
  start=$(now)
  # Started directly, not through the s3conn function: $! must be the JVM (the launchers exec it).
  if [ "$1" = base ]; then
    S3CONN_JAVA_OPTS="-Dquarkus.http.port=$serve_port" "$BASELINE/s3conn" serve >/dev/null 2>&1 &
  else
    # Not through launch(): $! must be the subshell that execs the JVM, not a function's shell around it.
    ( S3CONN_AOT=$1; S3CONN_JAVA_OPTS="-Dquarkus.http.port=$serve_port"; . ./s3conn serve ) >/dev/null 2>&1 &
  fi
  pid=$!
  until curl -sf "http://127.0.0.1:$serve_port/q/health/live" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { echo "serve exited before it was ready" >&2; exit 1; }
    sleep 0.005
  done
  ms=$(( ($(now) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true
  echo "$ms"
}

for cache in "${variants[@]}"; do
  : >"$work/help-$cache"; : >"$work/helpcpu-$cache"; : >"$work/first-$cache"; : >"$work/serve-$cache"
  s3conn "$cache" --help >/dev/null # page cache warm for every variant
done
for i in $(seq 1 "$runs"); do
  for cache in "${variants[@]}"; do
    help_time "$cache"
    first_request "$cache" "$i" >>"$work/first-$cache"
    serve_ready "$cache" >>"$work/serve-$cache"
  done
done

"$java" -version 2>&1
echo "$(nproc) cores, $(awk '/MemTotal/ {printf "%d GiB", $2 / 1048576}' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"
echo "AOT cache $app/app.aot: opened by the JVM; $from_cache of $loaded classes of \`s3conn --help\` loaded from it (S3connMain: $main_source)"
echo
ratio() { # measurement, variant over variant: the medians' quotient
  awk -v a="$(median <"$work/$1-$2")" -v b="$(median <"$work/$1-$3")" 'BEGIN {printf "%.2f", a / b}'
}
row() { # label, measurement; then the median with the cache over the median without it, and over the baseline's
  local line="| $1 |"
  for cache in "${variants[@]}"; do line+=" $(median <"$work/$2-$cache") ms |"; done
  line+=" $(ratio "$2" on off) |"
  # README's tables of a change compare it with the commit before: the cache's median over the baseline's.
  [ -z "${BASELINE:-}" ] || line+=" $(ratio "$2" on base) |"
  echo "$line"
}
header="| ./s3conn (median of $runs) |"; rule="|---|"
[ -z "${BASELINE:-}" ] || { header+=" baseline ($BASELINE) |"; rule+="--:|"; }
header+=" no AOT cache | AOT cache | × no cache |"; rule+="--:|--:|--:|"
[ -z "${BASELINE:-}" ] || { header+=" × baseline |"; rule+="--:|"; }
echo "$header"
echo "$rule"
row "--help, until exit" help
row "--help, CPU time (user + system)" helpcpu
row "inventory sync, until its first S3 request" first
row "serve, until /q/health/live answers" serve
