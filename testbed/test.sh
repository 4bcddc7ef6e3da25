#!/usr/bin/env bash
# The test command: brings up the test bed (engine, registries, images, namespace hosts and their
# Swarm), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash testbed/up.sh
bash testbed/hosts.sh up 4
bash testbed/hosts.sh swarm
# The test bed was just brought up: a test that finds it missing fails instead of skipping.
BLUEGREEN_TESTBED_REQUIRED=true ./mvnw -B -ntp verify "$@"
