# Sourced by ./run-local.sh, ./watch.sh, ./bench.sh and ./fault-suite.sh from the project root.
# `executable_jar MODULE` prints the module's executable jar; `build_if_stale MODULE` builds every module when that
# jar or a service jar is missing, or any source, resource or POM changed since it was built.

executable_jar() { ls "$1"/target/"$1"-*-exec.jar 2>/dev/null | head -n 1; }

needs_build() {
  local jar
  jar=$(executable_jar "$1")
  [ -n "$jar" ] || return 0
  for module in order-service inventory-service payment-service saga-orchestrator saga-console; do
    [ -n "$(executable_jar "$module")" ] || return 0
  done
  [ -n "$(find pom.xml ./*/pom.xml ./*/src/main -newer "$jar" -type f -print -quit)" ]
}

build_if_stale() {
  if needs_build "$1"; then
    echo "Building order-saga (the first build downloads dependencies and takes a few minutes)..."
    ./mvnw -B -q -Dmaven.test.skip=true package
  fi
}
