#!/usr/bin/env bash
# The main job, end to end on this machine: two commits of a small web app are built, tagged with
# their commit hashes and pushed; each is deployed blue-green behind nginx while a client keeps
# asking for /version; then `latest` is pointed back at the first commit and the app rolled back.
set -euo pipefail
cd "$(dirname "$0")/.."
bash testbed/up.sh
./mvnw -B -ntp -q install -DskipTests -Dspotbugs.skip
bluegreen() { java -jar cli/target/bluegreen.jar "$@"; }

registry=127.0.0.1:5000
repo=$registry/demo/shop-web
app=shop-web-demo
router=(--router-name bluegreen-demo-router --router-image bluegreen-test/nginx:latest --publish 127.0.0.1:8088 --server-name 127.0.0.1 --server-name localhost)
health=(--port 8080 --health-path /health --drain-timeout 30 --stop-timeout 2)
commit_of() { printf 'shop-web %s' "$1" | sha1sum | cut -c1-40; }
v1=$(commit_of v1)
v2=$(commit_of v2)

echo "== build, tag and push two commits"
bluegreen build --image "$repo" --context demo/app --commit "$v1" --branch master --build-arg VERSION=v1 --push
bluegreen build --image "$repo" --context demo/app --commit "$v2" --branch master --build-arg VERSION=v2 --push

echo "== deploy v1, then v2 blue-green, while a client asks for /version"
bluegreen deploy "$app" --image "$repo:$v1" "${router[@]}" "${health[@]}"
answers=$(mktemp)
( for _ in $(seq 1 400); do curl -sf http://127.0.0.1:8088/version || echo FAILED; sleep 0.02; done >"$answers" ) &
client=$!
bluegreen deploy "$app" --image "$repo:$v2" "${router[@]}" "${health[@]}"
wait "$client"
echo "client saw: $(sort "$answers" | uniq -c | tr '\n' ' ')"
grep -q FAILED "$answers" && { echo "a request failed during the deploy"; exit 1; }

echo "== rollback: latest back to the v1 commit's image, traffic back to v1"
bluegreen retag "$repo:$v1" latest
bluegreen rollback "$app" "${router[@]}" "${health[@]}"
echo "now serving: $(curl -s http://127.0.0.1:8088/version)"
bluegreen status "$app" "${router[@]}"
rm -f "$answers"
