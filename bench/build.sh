# Sourced by bench/*.sh (from the repository's root). build_benchmarks builds the benchmarks module and what it
# needs, so that a run measures this checkout's code: a jar left by an earlier build used to be run as long as it
# existed, and after a pull or an edit the benchmark measured the old code. An up-to-date build takes about 10 s;
# SKIP_BUILD=1 runs what is built, as bench/startup.sh does.
benchmarks_jar=benchmarks/target/s3conn-benchmarks-0.1.0-SNAPSHOT.jar

build_benchmarks() { # modules to build besides benchmarks (kafka-connect for its plugin directory)...
    [ -z "${SKIP_BUILD:-}" ] || return 0
    # package, never install: the reactor (-am) builds what the benchmark needs without touching ~/.m2.
    # Maven's own libraries call sun.misc.Unsafe, which JDK 25 warns about on every start: not ours to act on.
    MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow" \
        ./mvnw -B -q -DskipTests package -pl "$(IFS=,; echo "benchmarks${*:+,$*}")" -am >&2
}
