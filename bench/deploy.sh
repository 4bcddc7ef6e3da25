#!/usr/bin/env bash
# Deploys under load, blue-green against naive stop-then-start, and our switch against a bare host
# nginx's reload and flag-file flip. Prints the figures and writes bench/results/deploy.md. Needs the
# test bed (bash testbed/up.sh) and root, to install nginx-light when it is missing.
# Usage: bench/deploy.sh [DEPLOYS]
set -euo pipefail
cd "$(dirname "$0")/.."
deploys=${1:-20}

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

mvn -B -ntp -q install -DskipTests
classpath_file=$(mktemp)
trap 'rm -f "$classpath_file"' EXIT
mvn -B -ntp -q -f engine/pom.xml dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$classpath_file"
java -cp "engine/target/test-classes:engine/target/classes:$(cat "$classpath_file")" \
  io.bluegreen.bench.DeployBenchmark "$deploys" bench/results/deploy.md
