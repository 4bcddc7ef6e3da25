#!/usr/bin/env bash
# Brings up the real parts the tests and the demo talk to, on a fresh Debian machine or a warm one:
# a Docker engine, a plain registry on 127.0.0.1:5000, a registry with htpasswd auth on
# 127.0.0.1:5001, and the local images (no registry is reachable, so nothing can be pulled).
# Idempotent: what already answers is left alone. Needs root.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=/var/lib/bluegreen-testbed
mkdir -p "$state"

log() { printf '[testbed] %s\n' "$*"; }

ensure_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-registry >/dev/null || missing+=(docker-registry)
  [ -x /bin/busybox ] && /bin/busybox httpd --help >/dev/null 2>&1 || missing+=(busybox-static)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v htpasswd >/dev/null || missing+=(apache2-utils)
  command -v ip >/dev/null || missing+=(iproute2)
  command -v openssl >/dev/null || missing+=(openssl)
  command -v curl >/dev/null || missing+=(curl)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "$what did not come up in ${seconds}s"; return 1
}

ensure_dockerd() {
  if docker info >/dev/null 2>&1; then return; fi
  log "starting dockerd"
  # The machine has no systemd; dockerd runs as a plain background process.
  nohup dockerd --host unix:///var/run/docker.sock >"$state/dockerd.log" 2>&1 &
  wait_for 60 dockerd docker info || { tail -20 "$state/dockerd.log"; exit 1; }
}

registry_answers() { # 200, or 401 from the registry that wants a password
  case "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/v2/")" in 200|401) return 0 ;; *) return 1 ;; esac
}

start_registry() { # start_registry PORT NAME [htpasswd]
  local port=$1 name=$2 auth=${3:-}
  if registry_answers "$port"; then return; fi
  log "starting registry $name on 127.0.0.1:$port"
  mkdir -p "$state/$name"
  {
    echo "version: 0.1"
    echo "log: {level: warn}"
    echo "storage:"
    echo "  filesystem: {rootdirectory: $state/$name/data}"
    echo "  delete: {enabled: true}"
    echo "http: {addr: '127.0.0.1:$port'}"
    if [ -n "$auth" ]; then
      echo "auth:"
      echo "  htpasswd: {realm: bluegreen-test, path: $state/$name/htpasswd}"
    fi
  } >"$state/$name/config.yml"
  if [ -n "$auth" ]; then htpasswd -Bbn testuser testpass >"$state/$name/htpasswd"; fi
  nohup docker-registry serve "$state/$name/config.yml" >"$state/$name/registry.log" 2>&1 &
  wait_for 30 "registry $name" registry_answers "$port"
}

build_app_images() {
  if docker image inspect bluegreen-test/app:v1 bluegreen-test/app:v2 >/dev/null 2>&1; then return; fi
  log "building the test app images"
  local ctx="$state/app-context"
  rm -rf "$ctx"; mkdir -p "$ctx"
  cp "$here/images/app/"* "$ctx/"
  cp /bin/busybox "$ctx/busybox"
  DOCKER_BUILDKIT=0 docker build -q -t bluegreen-test/busybox:latest --target busybox "$ctx" >/dev/null 2>&1
  for version in v1 v2; do
    DOCKER_BUILDKIT=0 docker build -q -t "bluegreen-test/app:$version" --build-arg "VERSION=$version" "$ctx" >/dev/null 2>&1
  done
}

build_router_image() {
  if docker image inspect bluegreen-test/nginx:latest >/dev/null 2>&1; then return; fi
  log "building the nginx router image with debootstrap (about a minute)"
  local root="$state/nginx-root"
  rm -rf "$root"
  debootstrap --variant=minbase --include=nginx-light bookworm "$root" http://deb.debian.org/debian >"$state/debootstrap.log" 2>&1 \
    || { tail -20 "$state/debootstrap.log"; exit 1; }
  rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
  tar -C "$root" -c . | docker import \
    -c 'CMD ["nginx", "-g", "daemon off;"]' \
    - bluegreen-test/nginx:latest >/dev/null
  rm -rf "$root"
}

push_to_registry() {
  # Remote engines and Swarm nodes get images by the registry's address, never by a bare name.
  for image in app:v1 app:v2 nginx:latest busybox:latest; do
    docker tag "bluegreen-test/$image" "127.0.0.1:5000/bluegreen-test/$image"
    docker push -q "127.0.0.1:5000/bluegreen-test/$image" >/dev/null
  done
}

ensure_packages
ensure_dockerd
start_registry 5000 registry
start_registry 5001 registry-auth htpasswd
build_app_images
build_router_image
push_to_registry
log "ready: engine $(docker version -f '{{.Server.Version}}'), registries 127.0.0.1:5000 and 127.0.0.1:5001 (testuser/testpass)"
