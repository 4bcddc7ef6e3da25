#!/usr/bin/env bash
# Swarm benchmark: the phases (create, healthy, switch, drain, stop) of a few blue-green deploys on
# the test bed's three-node Swarm, alternating two versions under load through every node's router,
# with the failed requests. Prints a table and writes bench/results/swarm.md. Needs the test bed
# and its Swarm (started here if they are not up).
set -euo pipefail
cd "$(dirname "$0")/.."
bash testbed/up.sh
bash testbed/hosts.sh up 4
bash testbed/hosts.sh swarm
./mvnw -B -ntp -q install -DskipTests -Dspotbugs.skip
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
./mvnw -B -ntp -q -pl engine dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$classpath_file")" \
  io.bluegreen.deploy.swarm.SwarmBenchmark bench/results/swarm.md "${1:-6}"
