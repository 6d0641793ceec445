#!/usr/bin/env bash
# Several nodes on one machine, for benchmarks and trials: a throw-away PostgreSQL and Redis (from
# Debian packages), the schema migrated and demo data seeded, two `tiers serve` nodes and
# `tiers proxy` (YARP) in front of them. Runs until Ctrl-C (or until the command given after `--`
# ends), then stops and deletes everything it started. Run as root (PostgreSQL runs as `postgres`).
#
#   bash bench/multinode.sh                               # proxy on http://127.0.0.1:8080
#   bash bench/multinode.sh --beneficiaries 100000 -- curl -s http://127.0.0.1:8080/health
#
# Settings (environment): TIERSPAYANT_MN_PGPORT (55490), TIERSPAYANT_MN_REDISPORT (56390),
# TIERSPAYANT_MN_PROXY (8080), TIERSPAYANT_MN_NODES ("5081 5082"), TIERSPAYANT_DLL (a built
# tiers.dll; by default the script builds src/TiersPayant in Release).
set -euo pipefail
cd "$(dirname "$0")/.."

BENEFICIARIES=10000
PRACTICES=16
while [ $# -gt 0 ]; do
  case "$1" in
    --beneficiaries) BENEFICIARIES=$2; shift 2 ;;
    --practices) PRACTICES=$2; shift 2 ;;
    --) shift; break ;;
    -h|--help) sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "multinode.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

PGPORT=${TIERSPAYANT_MN_PGPORT:-55490}
REDISPORT=${TIERSPAYANT_MN_REDISPORT:-56390}
PROXYPORT=${TIERSPAYANT_MN_PROXY:-8080}
NODEPORTS=${TIERSPAYANT_MN_NODES:-"5081 5082"}
WORK=$(mktemp -d /tmp/tierspayant-multinode-XXXXXX)
chmod 755 "$WORK"
PIDS=()

for port in $PGPORT $REDISPORT $PROXYPORT $NODEPORTS; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "multinode.sh: 127.0.0.1:$port is already in use (set TIERSPAYANT_MN_* to other ports)" >&2; exit 1
  fi
done

if ! command -v redis-server >/dev/null || ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql redis-server >/dev/null
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

stop() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  redis-cli -p "$REDISPORT" shutdown nosave >/dev/null 2>&1 || true
  su postgres -c "$PGBIN/pg_ctl -D $WORK/pg -m fast stop" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop EXIT

# Throw-away servers on loopback ports: durability is not what is measured.
mkdir "$WORK/pg" && chown postgres "$WORK/pg"
su postgres -c "$PGBIN/initdb -D $WORK/pg -A trust -U postgres" >/dev/null
su postgres -c "$PGBIN/pg_ctl -D $WORK/pg -l $WORK/pg/log -o '-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300' -w start" >/dev/null
redis-server --port "$REDISPORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes --pidfile "$WORK/redis.pid" --logfile "$WORK/redis.log"

if [ -z "${TIERSPAYANT_DLL:-}" ]; then
  dotnet build -c Release -v q src/TiersPayant -o "$WORK/bin" >/dev/null
  TIERSPAYANT_DLL="$WORK/bin/tiers.dll"
fi

# What every node shares: the database, Redis, the keys (as a deployment mounts its secrets).
export Database__Provider=Postgres
export ConnectionStrings__Default="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Maximum Pool Size=100"
export Redis__Configuration="127.0.0.1:$REDISPORT"
export Encryption__CurrentKeyId=1
export Encryption__Keys__1=$(openssl rand -base64 32)
export Encryption__BlindIndexKey=$(openssl rand -base64 32)
export Accounts__ApiClients__SigningKey="$(openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 2>/dev/null)"
export Accounts__ApiClients__EncryptionKey=$(openssl rand -base64 32)
export Accounts__ApiClients__AllowDemoSecrets=true
export Accounts__ApiClients__Issuer="http://127.0.0.1:$PROXYPORT/"   # one issuer: a token of one node is good on the others
export Network__TrustedProxies=127.0.0.1
mkdir -p "$WORK/shared"

tiers() { dotnet "$TIERSPAYANT_DLL" "$@"; }
tiers migrate --data "$WORK/shared"
tiers seed --beneficiaries "$BENEFICIARIES" --practices "$PRACTICES" --data "$WORK/shared"
tiers audit verify --data "$WORK/shared" >/dev/null   # generates the checkpoint signing key every node signs with
export Audit__SigningKeyFile="$WORK/shared/audit-signing.key"

BACKENDS=()
for port in $NODEPORTS; do
  mkdir -p "$WORK/node-$port"
  # dotnet itself in the background (not the shell function), so that $! is the process to stop.
  dotnet "$TIERSPAYANT_DLL" serve --urls "http://127.0.0.1:$port" --data "$WORK/node-$port" >"$WORK/node-$port.log" 2>&1 &
  PIDS+=($!)
  BACKENDS+=(--backend "http://127.0.0.1:$port")
done
dotnet "$TIERSPAYANT_DLL" proxy --urls "http://127.0.0.1:$PROXYPORT" "${BACKENDS[@]}" >"$WORK/proxy.log" 2>&1 &
PIDS+=($!)

for port in $NODEPORTS $PROXYPORT; do
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
    sleep 1
  done
  curl -fs "http://127.0.0.1:$port/health" >/dev/null || { echo "multinode.sh: 127.0.0.1:$port did not start; logs in $WORK" >&2; cat "$WORK"/*.log >&2; exit 1; }
done

echo "PostgreSQL 127.0.0.1:$PGPORT, Redis 127.0.0.1:$REDISPORT"
echo "nodes: $(for p in $NODEPORTS; do printf 'http://127.0.0.1:%s ' "$p"; done)"
echo "proxy: http://127.0.0.1:$PROXYPORT/   demo credentials: $WORK/shared/demo-credentials.json"
export TIERSPAYANT_MN_CREDENTIALS="$WORK/shared/demo-credentials.json"
if [ $# -gt 0 ]; then
  "$@"
else
  echo "Ctrl-C stops everything."
  wait
fi
