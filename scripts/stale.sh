# Sourced by ./s3conn and demo.sh. stale FILE MODULE...: true when FILE is missing, or when the build files or main
# sources of a MODULE (or the parent pom) changed after FILE was built: a pull or an edit since the last build.
# Those then build again instead of running stale code. One find, stopped at the first newer file: milliseconds.
stale() {
  local built="$1" paths=("$root/pom.xml")
  shift
  [ -f "$built" ] || return 0
  for m in "$@"; do paths+=("$root/$m/pom.xml" "$root/$m/src/main"); done
  [ -n "$(find "${paths[@]}" -newer "$built" -print -quit 2>/dev/null)" ]
}
