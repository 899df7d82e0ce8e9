#!/usr/bin/env bash
# A throw-away PostgreSQL 15 + PostGIS cluster for development and CI, without systemd.
#   scripts/db/cluster.sh start [dir] [port]   → initdb (first time) and start; prints the DATABASE_URL
#   scripts/db/cluster.sh stop  [dir]
# The log is dir/server.log. Defaults: dir var/pg, port 5433, socket in /tmp, listening on 127.0.0.1 only, trust authentication (local use only).
# initdb refuses to run as root, so as root the cluster is created and run as the `postgres` user.
# Needs Debian's postgresql-15-postgis-3 (apt-get install -y postgresql-15-postgis-3).
set -euo pipefail
cmd=${1:-start}
dir=$(realpath -m "${2:-var/pg}")
port=${3:-5433}
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed: apt-get install -y postgresql-15-postgis-3" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb -D '$dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
    fi
    as_pg "$bin/pg_ctl -D '$dir' -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1\" -l '$dir/server.log' -w start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D '$dir' -m fast -w stop" >/dev/null
    ;;
  *)
    echo "usage: scripts/db/cluster.sh start|stop [dir] [port]" >&2
    exit 2
    ;;
esac
