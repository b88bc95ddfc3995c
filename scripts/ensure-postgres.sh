#!/usr/bin/env bash
# Makes sure a PostgreSQL 15 server answers on 127.0.0.1:5432 and exports CHOSHU_TEST_PG, the
# admin connection string the integration tests create their databases with.
# Sourced by test.sh. On a machine without it, installs Debian's postgresql-15 (root or sudo).
# When CHOSHU_TEST_PG is already set, it is used as it is and nothing is installed or started.
if [ -z "${CHOSHU_TEST_PG:-}" ]; then
  _as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
    else echo "ensure-postgres: root or sudo is needed to install/start PostgreSQL 15" >&2; return 1
    fi
  }
  _as_postgres() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -n -u postgres "$@"; fi
  }
  if [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
    echo "ensure-postgres: installing postgresql-15 from Debian packages" >&2
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    _as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >&2
  fi
  if ! pg_lsclusters -h 2>/dev/null | awk '$1 == "15" && $2 == "main"' | grep -q .; then
    _as_root pg_createcluster 15 main >&2
  fi
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    _as_root pg_ctlcluster 15 main start >&2
    for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "ensure-postgres: PostgreSQL did not start" >&2; return 1; }
  _as_postgres psql -q -v ON_ERROR_STOP=1 -d postgres >/dev/null <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'choshu_test') THEN
    CREATE ROLE choshu_test LOGIN SUPERUSER PASSWORD 'choshu_test';
  END IF;
END $$;
SQL
  export CHOSHU_TEST_PG="Host=127.0.0.1;Port=5432;Username=choshu_test;Password=choshu_test;Database=postgres"
fi
