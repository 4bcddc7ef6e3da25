#!/usr/bin/env bash
# Wall time of a wave rollout to 1, 2, 4 and 8 namespace hosts with several wave plans; prints the
# table and writes bench/results/waves.md. Brings up 8 hosts for the run and goes back to 4 after
# (other tests expect 4). Needs root and the test bed. Usage: bench/waves.sh [ROLLOUTS_PER_PLAN]
set -euo pipefail
cd "$(dirname "$0")/.."
rollouts=${1:-2}
bash testbed/hosts.sh up 8
trap 'bash testbed/hosts.sh up 4' EXIT
./mvnw -B -ntp -q install -DskipTests -Dspotbugs.skip
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"; bash testbed/hosts.sh up 4' EXIT
./mvnw -B -ntp -q -f engine/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$classpath_file")" \
  io.bluegreen.bench.WavesBenchmark "$rollouts" bench/results/waves.md
