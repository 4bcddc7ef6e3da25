#!/usr/bin/env bash
# Several "hosts" on this one machine for the scale-out and Swarm tests: each host is a network
# namespace with its own address on a private bridge and its own Docker engine listening on
# TCP+TLS there. A registry on the bridge address serves the test images to all of them.
#
#   hosts.sh up [N]          N hosts (default 4, at most 8): bridge, namespaces, certificates,
#                            registry, engines; idempotent, prints the summary
#   hosts.sh swarm           hosts 1-3 as a Swarm (host 1 manager), checks overlay traffic
#   hosts.sh stop-engine I   stops host I's engine (the host "goes away"); start-engine I brings it back
#   hosts.sh status          the summary again
#   hosts.sh down            leaves the Swarm, stops engines and registry, removes the network;
#                            keeps certificates and engine data roots so the next up is warm
#
# Only our own addresses are used: 10.231.0.1 (the bridge, in the root namespace) and
# 10.231.0.11.. (the namespaces). The namespaces get no default route, so nothing in them can
# reach past the bridge; an engine that tried Docker Hub would fail at once. Needs root.
set -euo pipefail

readonly BRIDGE=bgtest0
readonly NET=10.231.0
readonly GATEWAY=$NET.1
readonly REGISTRY=$GATEWAY:5000
readonly ENGINE_PORT=2376
readonly MAX_HOSTS=8
readonly SWARM_SIZE=3
readonly state=/var/lib/bluegreen-testbed/hosts
readonly ca=$state/ca
readonly tls=$state/tls
# up.sh's plain registry keeps its blobs here; ours serves the same storage on the bridge, so
# whatever is pushed to 127.0.0.1:5000 is at once pullable as $REGISTRY by the same name.
readonly shared_registry_storage=/var/lib/bluegreen-testbed/registry/data

log() { printf '[hosts] %s\n' "$*"; }
fail() { printf '[hosts] %s\n' "$*" >&2; exit 1; }

wait_for() { # wait_for SECONDS DESCRIPTION COMMAND...
  local seconds=$1 what=$2; shift 2
  for _ in $(seq 1 $((seconds * 5))); do
    "$@" >/dev/null 2>&1 && return 0
    sleep 0.2
  done
  log "$what did not answer in ${seconds}s"; return 1
}

address() { echo "$NET.$((10 + $1))"; }
netns() { echo "bghost$1"; }
socket() { echo "/var/run/bluegreen-host$1.sock"; }
pidfile() { echo "/var/run/bluegreen-host$1.pid"; }
host_dir() { echo "$state/host$1"; }
on_host() { local i=$1; shift; docker -H "unix://$(socket "$i")" "$@"; }
engine_answers() { on_host "$1" version -f '{{.Server.Version}}' >/dev/null 2>&1; }
running_hosts() { ip netns list | sed -n 's/^bghost\([0-9]\+\).*/\1/p' | sort -n; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

require_host_number() {
  [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] && [ "$1" -le "$MAX_HOSTS" ] \
    || fail "host number must be 1..$MAX_HOSTS, got '${1:-}'"
}

ensure_bridge() {
  if ! ip link show "$BRIDGE" >/dev/null 2>&1; then
    ip link add "$BRIDGE" type bridge
    ip addr add "$GATEWAY/24" dev "$BRIDGE"
  fi
  ip link set "$BRIDGE" up
  # bridge-nf-call-iptables is on and FORWARD drops by default, so traffic between two
  # namespaces on the bridge (Swarm gossip, VXLAN) needs this; nothing else is forwarded.
  iptables -C FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null \
    || iptables -I FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT
}

remove_bridge() {
  while iptables -D FORWARD -i "$BRIDGE" -o "$BRIDGE" -j ACCEPT 2>/dev/null; do :; done
  ip link del "$BRIDGE" 2>/dev/null || true
}

ensure_netns() {
  local i=$1 ns veth=bgveth$1
  ns=$(netns "$i")
  if ! ip netns list | grep -qw "$ns"; then
    ip netns add "$ns"
  fi
  if ! ip link show "$veth" >/dev/null 2>&1; then
    ip link add "$veth" type veth peer name eth0 netns "$ns"
    ip -n "$ns" addr add "$(address "$i")/24" dev eth0
  fi
  ip link set "$veth" master "$BRIDGE" up
  ip -n "$ns" link set lo up
  ip -n "$ns" link set eth0 up
}

# --- certificates: one CA, a server certificate per host (SAN = its address), one client
# certificate, and an untrusted client (signed by another CA) for the "wrong certificate" tests.

new_ca() { # new_ca DIR SUBJECT
  [ -f "$1/ca.pem" ] && return
  mkdir -p "$1"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=$2" \
    -keyout "$1/ca-key.pem" -out "$1/ca.pem" 2>/dev/null
}

new_cert() { # new_cert CA_DIR OUT_DIR CN EXTENSIONS
  local issuer=$1 out=$2 cn=$3 ext=$4
  [ -f "$out/cert.pem" ] && return
  mkdir -p "$out"
  openssl req -newkey rsa:2048 -nodes -subj "/CN=$cn" -keyout "$out/key.pem" -out "$out/req.csr" 2>/dev/null
  openssl x509 -req -in "$out/req.csr" -CA "$issuer/ca.pem" -CAkey "$issuer/ca-key.pem" -CAcreateserial \
    -days 3650 -extfile <(printf '%s\n' "$ext") -out "$out/cert.pem" 2>/dev/null
  rm "$out/req.csr"
  cp "$issuer/ca.pem" "$out/ca.pem"
}

ensure_certificates() {
  local count=$1 i
  new_ca "$ca" bluegreen-testbed-ca
  new_cert "$ca" "$tls" bluegreen-client "extendedKeyUsage=clientAuth"
  for i in $(seq 1 "$count"); do
    new_cert "$ca" "$(host_dir "$i")/tls" "$(netns "$i")" \
      "$(printf 'subjectAltName=IP:%s\nextendedKeyUsage=serverAuth' "$(address "$i")")"
  done
  new_ca "$state/untrusted-ca" untrusted-ca
  new_cert "$state/untrusted-ca" "$state/tls-untrusted" intruder "extendedKeyUsage=clientAuth"
  # A client that trusts the hosts but presents a certificate they never issued.
  cp "$ca/ca.pem" "$state/tls-untrusted/ca.pem"
  chmod 600 "$ca"/*key.pem "$tls/key.pem" "$state"/untrusted-ca/*key.pem "$state/tls-untrusted/key.pem"
}

# --- the registry on the bridge

registry_answers() { [ "$(curl -s -o /dev/null -w '%{http_code}' "http://$REGISTRY/v2/")" = 200 ]; }

ensure_registry() {
  if registry_answers; then return; fi
  [ -d "$shared_registry_storage" ] || fail "no registry storage at $shared_registry_storage: run testbed/up.sh first"
  log "starting registry on $REGISTRY"
  mkdir -p "$state/registry"
  cat >"$state/registry/config.yml" <<EOF
version: 0.1
log: {level: warn}
storage:
  filesystem: {rootdirectory: $shared_registry_storage}
  delete: {enabled: true}
http: {addr: '$REGISTRY'}
EOF
  setsid nohup docker-registry serve "$state/registry/config.yml" >"$state/registry/registry.log" 2>&1 &
  echo $! >"$state/registry/pid"
  wait_for 30 "registry $REGISTRY" registry_answers || { tail -20 "$state/registry/registry.log"; exit 1; }
}

stop_registry() {
  alive "$state/registry/pid" && kill "$(cat "$state/registry/pid")"
  rm -f "$state/registry/pid"
}

# --- engines

write_engine_config() {
  local i=$1 dir
  dir=$(host_dir "$i")
  mkdir -p "$dir"
  # A config file of its own keeps /etc/docker out; the key path gives each engine its own ID.
  cat >"$dir/daemon.json" <<EOF
{
  "data-root": "$dir/docker",
  "exec-root": "/var/run/bluegreen-host$i",
  "pidfile": "$(pidfile "$i")",
  "hosts": ["unix://$(socket "$i")", "tcp://$(address "$i"):$ENGINE_PORT"],
  "tlsverify": true,
  "tlscacert": "$dir/tls/ca.pem",
  "tlscert": "$dir/tls/cert.pem",
  "tlskey": "$dir/tls/key.pem",
  "insecure-registries": ["$REGISTRY"],
  "deprecated-key-path": "$dir/key.json",
  "log-level": "warn"
}
EOF
}

launch_engine() {
  local i=$1 dir
  dir=$(host_dir "$i")
  if engine_answers "$i"; then return; fi
  alive "$(pidfile "$i")" && fail "host $i: dockerd $(cat "$(pidfile "$i")") runs but does not answer; see $dir/dockerd.log"
  rm -f "$(pidfile "$i")"
  write_engine_config "$i"
  # nsenter, not `ip netns exec`: that remounts /sys, hiding the cgroup mounts dockerd needs.
  # A UTS namespace of its own gives the engine (and its Swarm node) the host's name.
  setsid nohup nsenter --net="/var/run/netns/$(netns "$i")" unshare --uts sh -c \
    "hostname $(netns "$i") && exec dockerd --config-file $dir/daemon.json" >>"$dir/dockerd.log" 2>&1 &
}

await_engine() {
  local i=$1
  wait_for 60 "host $i engine" engine_answers "$i" || { tail -20 "$(host_dir "$i")/dockerd.log"; exit 1; }
}

stop_engine() {
  local i=$1 pid
  alive "$(pidfile "$i")" || return 0
  pid=$(cat "$(pidfile "$i")")
  kill "$pid"
  # dockerd stops its containers first; give it their stop timeout and a little more.
  for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  log "host $i: dockerd $pid ignored TERM for 30s, killing it"
  kill -9 "$pid"
}

prove_registry_pull() {
  on_host "$1" pull -q "$REGISTRY/bluegreen-test/busybox:latest" >/dev/null
}

# --- the Swarm

swarm_state() { on_host "$1" info -f '{{.Swarm.LocalNodeState}}'; }
node_id() { on_host "$1" info -f '{{.Swarm.NodeID}}'; }

# A worker belongs when the manager lists its node ID as ready; the engine's own "active"
# alone could mean a Swarm from an earlier run.
member_of_manager_swarm() {
  local id
  id=$(node_id "$2")
  [ -n "$id" ] && [ "$(on_host "$1" node inspect -f '{{.Status.State}}' "$id" 2>/dev/null)" = ready ]
}

ensure_swarm() {
  local manager=1 i token
  for i in $(seq 1 $SWARM_SIZE); do
    engine_answers "$i" || fail "host $i has no engine: run '$0 up' first"
  done
  if [ "$(swarm_state $manager)" != active ]; then
    log "host $manager: swarm init"
    on_host $manager swarm init --advertise-addr "$(address $manager)" --listen-addr "$(address $manager):2377" >/dev/null
  fi
  token=$(on_host $manager swarm join-token -q worker)
  for i in $(seq 2 $SWARM_SIZE); do
    member_of_manager_swarm $manager "$i" && continue
    [ "$(swarm_state "$i")" = inactive ] || on_host "$i" swarm leave --force >/dev/null
    log "host $i: swarm join"
    on_host "$i" swarm join --token "$token" --advertise-addr "$(address "$i")" \
      --listen-addr "$(address "$i"):2377" "$(address $manager):2377" >/dev/null
  done
  # A node that left (down, or a leave above) stays listed as down; drop it so the Swarm
  # has exactly one entry per host.
  on_host $manager node ls -q --filter role=worker | while read -r node; do
    if [ "$(on_host $manager node inspect -f '{{.Status.State}}' "$node")" = down ]; then
      on_host $manager node rm --force "$node" >/dev/null
    fi
  done
  wait_for 30 "three ready Swarm nodes" swarm_ready $manager
  prove_overlay_crosses_nodes
}

swarm_ready() {
  [ "$(on_host "$1" node ls --format '{{.Status}}' | grep -c Ready)" -eq $SWARM_SIZE ]
}

# Swarm's VIPs and ingress mesh need IPVS, which this kernel lacks; overlay (VXLAN) traffic
# between containers does not, so prove that by name lookup and HTTP from host 3 to host 2.
prove_overlay_crosses_nodes() {
  local network=bg-overlay-check server=bg-overlay-server app=$REGISTRY/bluegreen-test/app:v1
  on_host 1 network inspect $network >/dev/null 2>&1 \
    || on_host 1 network create -d overlay --attachable $network >/dev/null
  on_host 2 rm -f $server >/dev/null 2>&1 || true
  on_host 2 pull -q "$app" >/dev/null
  on_host 3 pull -q "$app" >/dev/null
  on_host 2 run -d --name $server --network $network "$app" >/dev/null
  local answer
  answer=$(on_host 3 run --rm --network $network "$app" \
    sh -c "for i in 1 2 3 4 5 6 7 8 9 10; do wget -qO- http://$server:8080/version && exit 0; sleep 1; done; exit 1") \
    || answer="failed: $answer"
  on_host 2 rm -f $server >/dev/null
  on_host 1 network rm $network >/dev/null 2>&1 || true
  [ "$answer" = v1 ] || fail "overlay traffic from host 3 to host 2 does not work: $answer"
  log "overlay: a container on host 3 reached one on host 2 by name"
}

leave_swarm() {
  local i
  # Workers first, so the manager's forced leave does not strand them.
  for i in $(running_hosts | sort -rn); do
    engine_answers "$i" || continue
    [ "$(swarm_state "$i")" = inactive ] || on_host "$i" swarm leave --force >/dev/null 2>&1 || true
  done
}

# --- commands

summary() {
  local i
  log "registry for the hosts: $REGISTRY (same storage as 127.0.0.1:5000)"
  log "client TLS material (DOCKER_CERT_PATH layout): $tls"
  for i in $(running_hosts); do
    local status=stopped
    engine_answers "$i" && status="engine $(on_host "$i" version -f '{{.Server.Version}}'), swarm $(swarm_state "$i")"
    log "host $i: tcp://$(address "$i"):$ENGINE_PORT  ($status)"
  done
}

up() {
  local count=${1:-4} i
  require_host_number "$count"
  ensure_bridge
  ensure_certificates "$count"
  local surplus
  surplus=$(running_hosts | awk -v count="$count" '$1 > count')
  in_parallel "a surplus host's engine did not stop" stop_engine $surplus
  for i in $surplus; do remove_host "$i"; done
  for i in $(seq 1 "$count"); do ensure_netns "$i"; done
  ensure_registry
  for i in $(seq 1 "$count"); do launch_engine "$i"; done
  for i in $(seq 1 "$count"); do await_engine "$i"; done
  in_parallel "an engine could not pull from $REGISTRY" prove_registry_pull $(seq 1 "$count")
  summary
}

in_parallel() { # in_parallel FAILURE_MESSAGE FUNCTION HOST...: FUNCTION for every host at once
  local message=$1 function=$2 pids=() pid failed=0; shift 2
  for i in "$@"; do "$function" "$i" & pids+=($!); done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  [ $failed -eq 0 ] || fail "$message"
}

remove_host() {
  local i=$1
  stop_engine "$i"
  ip netns del "$(netns "$i")" 2>/dev/null || true
  ip link del "bgveth$i" 2>/dev/null || true
}

down() {
  local i
  leave_swarm
  in_parallel "an engine did not stop" stop_engine $(running_hosts)
  for i in $(running_hosts); do remove_host "$i"; done
  stop_registry
  remove_bridge
  log "down: engines stopped, namespaces and bridge removed (certificates and data roots kept in $state)"
}

[ "$(id -u)" -eq 0 ] || fail "needs root"
case "${1:-}" in
  up) up "${2:-4}" ;;
  swarm) ensure_swarm; summary ;;
  stop-engine) require_host_number "${2:-}"; stop_engine "$2"; log "host $2: engine stopped" ;;
  start-engine)
    require_host_number "${2:-}"
    ip netns list | grep -qw "$(netns "$2")" || fail "host $2 is not up: run '$0 up $2' or more"
    launch_engine "$2"; await_engine "$2"; log "host $2: engine answers" ;;
  status) summary ;;
  down) down ;;
  *) fail "usage: $0 up [N] | swarm | stop-engine I | start-engine I | status | down" ;;
esac
