#!/usr/bin/env bash
# Makes sure PostgreSQL and Redis answer on 127.0.0.1 (ports from DATABASE_URL / REDIS_URL defaults:
# 5432 and 6379). In order: already running -> nothing to do; installed but stopped -> start it;
# absent on Debian/Ubuntu as root -> apt-get install it; otherwise explain how to get them
# (infra/compose.yaml on a machine with Docker).
set -euo pipefail

pg_port=${PGPORT:-5432}
redis_port=${REDIS_PORT:-6379}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

wait_for() {
  local port=$1 name=$2
  for _ in $(seq 1 60); do
    listening "$port" && return 0
    sleep 0.5
  done
  echo "services: $name did not come up on 127.0.0.1:$port" >&2
  return 1
}

can_apt() { [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; }

no_way() {
  cat >&2 <<MSG
services: $1 is not running on 127.0.0.1:$2 and cannot be installed here automatically.
  With Docker:  docker compose -f infra/compose.yaml up -d
  On Debian:    sudo apt-get install -y postgresql redis-server
MSG
  exit 1
}

ensure_postgres() {
  listening "$pg_port" && return 0
  if ! command -v pg_ctlcluster >/dev/null; then
    can_apt || no_way PostgreSQL "$pg_port"
    echo "services: installing PostgreSQL with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # Local development machine: let the postgres role in over loopback without a password, the
    # same as the CI machines. Never do this on a shared or production host.
    local hba
    hba=$(ls /etc/postgresql/*/main/pg_hba.conf | head -n1)
    sed -i '1i host all postgres 127.0.0.1/32 trust\nhost all postgres ::1/128 trust' "$hba"
  fi
  local version
  version=$(ls /etc/postgresql | sort -V | tail -n1)
  echo "services: starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || pg_ctlcluster "$version" main start
  wait_for "$pg_port" PostgreSQL
}

ensure_redis() {
  listening "$redis_port" && return 0
  if ! command -v redis-server >/dev/null; then
    can_apt || no_way Redis "$redis_port"
    echo "services: installing Redis with apt-get"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
  listening "$redis_port" && return 0
  echo "services: starting Redis"
  mkdir -p /tmp/yiqiao-redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port "$redis_port" --save "" --appendonly no \
    --dir /tmp/yiqiao-redis --logfile /tmp/yiqiao-redis/redis.log
  wait_for "$redis_port" Redis
}

ensure_postgres
ensure_redis
echo "services: PostgreSQL on 127.0.0.1:$pg_port and Redis on 127.0.0.1:$redis_port are up"
