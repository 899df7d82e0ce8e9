#!/usr/bin/env bash
# A PostgreSQL 15 + PostGIS cluster without systemd, for development, CI and small installations.
#   scripts/db/cluster.sh start [dir] [port]   → initdb (first time) and start; prints the DATABASE_URL (no password)
#   scripts/db/cluster.sh stop  [dir]
# Defaults: dir var/pg, port 5433, socket in /tmp, log dir/server.log.
#
# Two ways to create it (chosen the first time; the folder remembers):
# - default (CI, tests, one developer): listens on 127.0.0.1 only, trust authentication: anyone on this machine may
#   connect as any role, so only for throw-away clusters on a machine of your own.
# - with passwords (production, QGIS from other PCs): PG_PASSWORD_FILE=<file holding the superuser's password>. initdb
#   then uses scram-sha-256 for every TCP connection and peer authentication on the socket (only the OS user postgres).
#   PG_LISTEN sets the listen addresses (e.g. '*' or '127.0.0.1,192.168.10.5'; default 127.0.0.1) and PG_ALLOW the
#   client networks allowed to connect with a password (e.g. '192.168.10.0/24'; space- or comma-separated), written
#   to pg_hba.conf as `host all all <network> scram-sha-256`. Listening beyond this machine or allowing other networks
#   without passwords is refused.
# The settings go to dir/xingguo.conf (included by postgresql.conf) on every start, so a restart can change PG_LISTEN.
# initdb refuses to run as root, so as root the cluster is created and run as the `postgres` user.
# Needs Debian's postgresql-15-postgis-3 (apt-get install -y postgresql-15-postgis-3). See docs/server.md.
set -euo pipefail
cmd=${1:-start}
dir=$(realpath -m "${2:-var/pg}")
port=${3:-5433}
listen=${PG_LISTEN:-127.0.0.1}
allow=${PG_ALLOW:-}
bin=/usr/lib/postgresql/15/bin
[ -x "$bin/initdb" ] || { echo "PostgreSQL 15 is not installed: apt-get install -y postgresql-15-postgis-3" >&2; exit 1; }

as_pg() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$1"; else bash -c "$1"; fi
}

# Addresses and networks go into configuration files only after this check: no quotes, no spaces inside one value.
valid_list() { [[ "$1" =~ ^[][A-Za-z0-9.:/*,\ _-]*$ ]]; }
valid_list "$listen" || { echo "PG_LISTEN: not a list of addresses: $listen" >&2; exit 2; }
valid_list "$allow" || { echo "PG_ALLOW: not a list of networks: $allow" >&2; exit 2; }

local_only() {
  local a
  for a in ${1//,/ }; do
    case "$a" in 127.0.0.1|localhost|::1) ;; *) return 1 ;; esac
  done
}

case "$cmd" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
      if [ -n "${PG_PASSWORD_FILE:-}" ]; then
        [ -s "$PG_PASSWORD_FILE" ] || { echo "PG_PASSWORD_FILE: $PG_PASSWORD_FILE is missing or empty" >&2; exit 2; }
        # The password file must be readable by the user running initdb; a copy with that owner, removed afterwards.
        pw=$(mktemp)
        cp "$PG_PASSWORD_FILE" "$pw"
        [ "$(id -u)" = 0 ] && chown postgres "$pw"
        chmod 600 "$pw"
        as_pg "$bin/initdb -D '$dir' -U postgres --auth-local=peer --auth-host=scram-sha-256 --pwfile='$pw' -E UTF8 --locale=C.UTF-8" >/dev/null
        rm -f "$pw"
      else
        as_pg "$bin/initdb -D '$dir' -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
      fi
    fi
    # Clusters made before this line existed get it on their next start.
    grep -qxF "include_if_exists = 'xingguo.conf'" "$dir/postgresql.conf" || echo "include_if_exists = 'xingguo.conf'" >> "$dir/postgresql.conf"
    trusting=0
    grep -Eq '^[^#]*[[:space:]]trust([[:space:]]|$)' "$dir/pg_hba.conf" && trusting=1
    if [ "$trusting" = 1 ] && { ! local_only "$listen" || [ -n "$allow" ]; }; then
      echo "refused: the cluster in $dir uses trust authentication (no passwords); it may listen on 127.0.0.1 only." >&2
      echo "  Create a cluster with passwords instead: PG_PASSWORD_FILE=<file> PG_LISTEN=… PG_ALLOW=… $0 start <new dir> [port]" >&2
      exit 2
    fi
    for net in ${allow//,/ }; do
      line="host all all $net scram-sha-256"
      grep -qxF "$line" "$dir/pg_hba.conf" || echo "$line" >> "$dir/pg_hba.conf"
    done
    printf "# written by scripts/db/cluster.sh on each start\nlisten_addresses = '%s'\n" "$listen" > "$dir/xingguo.conf"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir/xingguo.conf" "$dir/pg_hba.conf"
    as_pg "$bin/pg_ctl -D '$dir' -o '-p $port -k /tmp' -l '$dir/server.log' -w start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_pg "$bin/pg_ctl -D '$dir' -m fast -w stop" >/dev/null
    ;;
  *)
    echo "usage: [PG_PASSWORD_FILE=f] [PG_LISTEN=addrs] [PG_ALLOW=nets] scripts/db/cluster.sh start|stop [dir] [port]" >&2
    exit 2
    ;;
esac
