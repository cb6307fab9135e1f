#!/usr/bin/env bash
# Make sure PostgreSQL and Redis answer on 127.0.0.1, starting them when they are installed but
# stopped. Under CI=true a service that stays down fails the run; elsewhere it is only reported.
set -uo pipefail

PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}
REDIS_HOST=${REDIS_HOST:-127.0.0.1}; REDIS_PORT=${REDIS_PORT:-6379}

port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
pg_up() {
  if command -v pg_isready >/dev/null; then pg_isready -q -h "$PGHOST" -p "$PGPORT"; else port_open "$PGHOST" "$PGPORT"; fi
}
redis_up() {
  if command -v redis-cli >/dev/null; then [ "$(redis-cli -h "$REDIS_HOST" -p "$REDIS_PORT" ping 2>/dev/null)" = PONG ]
  else port_open "$REDIS_HOST" "$REDIS_PORT"; fi
}
wait_for() {  # wait_for CHECK SECONDS
  local i; for i in $(seq 1 "$2"); do "$1" && return 0; sleep 1; done; return 1
}

start_pg() {
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    local version; version=$(ls /etc/postgresql | sort -V | tail -n 1)
    echo "Starting PostgreSQL $version..."
    pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  else
    echo "PostgreSQL is not installed (apt-get install postgresql)." >&2
  fi
}
start_redis() {
  if command -v redis-server >/dev/null; then
    echo "Starting Redis..."
    mkdir -p /var/lib/redis /var/log/redis 2>/dev/null || true
    redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$REDIS_PORT" --save "" --appendonly no \
      --dir /var/lib/redis --logfile /var/log/redis/ci.log || true
  else
    echo "Redis is not installed (apt-get install redis-server)." >&2
  fi
}

status=0
pg_up || { start_pg; wait_for pg_up 30 || { echo "PostgreSQL is not reachable on $PGHOST:$PGPORT." >&2; status=1; }; }
redis_up || { start_redis; wait_for redis_up 15 || { echo "Redis is not reachable on $REDIS_HOST:$REDIS_PORT." >&2; status=1; }; }

if [ "$status" -ne 0 ]; then
  if [ "${CI:-}" = "true" ]; then
    echo "CI=true: a missing service is a failure." >&2
    exit 1
  fi
  echo "Continuing without it: tests that need it will fail with a clear message." >&2
fi
exit 0
