#!/usr/bin/env bash
# Deploys under load, blue-green against naive stop-then-start; prints the figures and writes
# bench/results/deploy.md. Needs the test bed (bash testbed/up.sh). Usage: bench/deploy.sh [DEPLOYS]
set -euo pipefail
cd "$(dirname "$0")/.."
deploys=${1:-10}
mvn -B -ntp -q install -DskipTests
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -ntp -q -f engine/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$classpath_file")" \
  io.bluegreen.bench.DeployBenchmark "$deploys" bench/results/deploy.md
