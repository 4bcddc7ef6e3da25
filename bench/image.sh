#!/usr/bin/env bash
# Image benchmark: retag time (registry-side vs pull/tag/push) for 1 MB and 200 MB images, and
# build+push time through our engine vs the docker CLI, in one run. Prints a table and writes
# bench/results/image.md. Needs the test bed (started here if it is not up).
set -euo pipefail
cd "$(dirname "$0")/.."
bash testbed/up.sh
./mvnw -B -ntp -q install -DskipTests -Dspotbugs.skip
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -B -ntp -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$classpath_file")" \
  io.bluegreen.bench.ImageBenchmark bench/results/image.md
