#!/usr/bin/env bash
# For the PostgreSQL/TimescaleDB image's /docker-entrypoint-initdb.d/: creates Grafana's
# read-only role when the database is first initialised. The parkloop tables do not exist yet
# (the pipeline's migrations create them later, as $POSTGRES_USER), so the role is granted
# SELECT on them through default privileges. An existing data volume skips this: then run
# grafana-reader.sql by hand (see docs/deploy.md).
set -euo pipefail
: "${PARKLOOP_GRAFANA_DB_USER:?set PARKLOOP_GRAFANA_DB_USER, the name of the Grafana database role}"
: "${PARKLOOP_GRAFANA_DB_PASSWORD:?set PARKLOOP_GRAFANA_DB_PASSWORD, the password of the Grafana database role}"
psql -v ON_ERROR_STOP=1 --no-psqlrc --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v grafana_user="$PARKLOOP_GRAFANA_DB_USER" \
  -v grafana_password="$PARKLOOP_GRAFANA_DB_PASSWORD" \
  -v owner="$POSTGRES_USER" \
  -f "${PARKLOOP_SQL_DIR:-/parkloop-sql}/grafana-reader.sql"
