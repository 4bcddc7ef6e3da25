#!/usr/bin/env bash
# Deploys under load, blue-green against naive stop-then-start; our switch against a bare host nginx's
# reload and flag-file flip; an idle app's deploy through the CLI of the previous release and of this
# one. Prints the figures and writes bench/results/deploy.md. Needs the test bed (bash testbed/up.sh)
# and root, to install nginx-light when it is missing. Usage: bench/deploy.sh [DEPLOYS]
set -euo pipefail
cd "$(dirname "$0")/.."
deploys=${1:-20}
# The release before the counted drain and the staged switch.
previous=1ff3698

if ! command -v nginx >/dev/null; then
  # Debian starts a package's service on install; the benchmark runs its own nginx on loopback instead,
  # so a policy-rc.d keeps the system one from starting (one already there is left alone).
  made_policy=
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod 755 /usr/sbin/policy-rc.d && made_policy=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light
  if [ -n "$made_policy" ]; then rm -f /usr/sbin/policy-rc.d; fi
fi

work=$(mktemp -d)
cleanup() {
  git worktree remove --force "$work/previous" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# Packaged, not installed: the SNAPSHOTs in ~/.m2 stay what the other builds on this machine put there.
./mvnw -B -ntp -o -q package -DskipTests -Dspotbugs.skip -pl engine,cli -am
git worktree add -q --detach "$work/previous" "$previous"
# The previous release may predate the wrapper; its engine and CLI build with any Maven 3.
(cd "$work/previous" && mvn -B -ntp -o -q package -DskipTests -pl cli -am)

./mvnw -B -ntp -o -q -f engine/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$work/classpath")" \
  io.bluegreen.bench.DeployBenchmark "$deploys" bench/results/deploy.md \
  "$(git rev-parse --short "$previous")" "$work/previous/cli/target/bluegreen.jar" "$(git rev-parse --short HEAD)" cli/target/bluegreen.jar
