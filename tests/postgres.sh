# Sourced by `make test`: a PostgreSQL for the platform tests (tests/sync run on SQLite and on
# PostgreSQL). Keeps a CREDITDESK_TEST_PG_URL given from outside; otherwise, as root on a
# Debian/Ubuntu machine, installs and starts a local cluster with a test role and database and
# exports its URL. Elsewhere the PostgreSQL cases fail and say how to provide one.
if [ -z "${CREDITDESK_TEST_PG_URL:-}" ] && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
  fi
  PG_VERSION="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  if ! pg_lsclusters -h | grep -q "^${PG_VERSION} main"; then
    pg_createcluster "$PG_VERSION" main >/dev/null
  fi
  pg_ctlcluster "$PG_VERSION" main start >/dev/null 2>&1 || true
  for _ in $(seq 1 30); do
    su postgres -c "psql -qAt -c 'SELECT 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qAt -c \"SELECT 1 FROM pg_roles WHERE rolname = 'creditdesk'\"" | grep -q 1 \
    || su postgres -c "psql -q -c \"CREATE ROLE creditdesk LOGIN PASSWORD 'creditdesk'\""
  su postgres -c "psql -qAt -c \"SELECT 1 FROM pg_database WHERE datname = 'creditdesk'\"" | grep -q 1 \
    || su postgres -c "psql -q -c 'CREATE DATABASE creditdesk OWNER creditdesk'"
  PG_PORT="$(pg_lsclusters -h | awk -v v="$PG_VERSION" '$1 == v && $2 == "main" {print $3}')"
  CREDITDESK_TEST_PG_URL="postgresql://creditdesk:creditdesk@127.0.0.1:${PG_PORT}/creditdesk"
  export CREDITDESK_TEST_PG_URL
fi
