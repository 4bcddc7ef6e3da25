#!/usr/bin/env bash
# The test command: brings up the test bed (engine, registries, images), then runs every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash testbed/up.sh
mvn -B -ntp verify "$@"
