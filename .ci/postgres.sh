#!/usr/bin/env bash
# Starts the PostgreSQL 15 server the export-jdbc tests use and prints the JDBC URL they read from
# EXPORTHUB_TEST_JDBC_URL (and a superuser's, EXPORTHUB_TEST_JDBC_ADMIN_URL). Idempotent: installs Debian's package when missing, starts the cluster
# 15/main when it is down, creates the role and database once. Runs as root; the server runs as postgres.
#   eval "$(.ci/postgres.sh)"     # exports the two URLs
set -euo pipefail
if [[ ! -x /usr/lib/postgresql/15/bin/postgres ]]; then
  apt-get update >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2
fi
if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" {found = 1} END {exit !found}'; then
  pg_createcluster 15 main >&2
fi
if ! pg_lsclusters -h | awk '$1 == 15 && $2 == "main" && $4 == "online" {found = 1} END {exit !found}'; then
  pg_ctlcluster 15 main start >&2
fi
psql_postgres() { su postgres -c "psql -v ON_ERROR_STOP=1 -qAt $*"; }
for _ in $(seq 1 30); do
  su postgres -c "pg_isready -q" && break
  sleep 1
done
if [[ "$(psql_postgres "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'exporthub_test'\"")" != 1 ]]; then
  psql_postgres "-c \"CREATE ROLE exporthub_test LOGIN PASSWORD 'exporthub_test' CREATEDB\"" >&2
fi
# A superuser for the tests that must act as an intruder with full rights (drop the log's trigger).
if [[ "$(psql_postgres "-c \"SELECT 1 FROM pg_roles WHERE rolname = 'exporthub_admin'\"")" != 1 ]]; then
  psql_postgres "-c \"CREATE ROLE exporthub_admin LOGIN SUPERUSER PASSWORD 'exporthub_admin'\"" >&2
fi
if [[ "$(psql_postgres "-c \"SELECT 1 FROM pg_database WHERE datname = 'exporthub_test'\"")" != 1 ]]; then
  psql_postgres "-c \"CREATE DATABASE exporthub_test OWNER exporthub_test\"" >&2
fi
echo "export EXPORTHUB_TEST_JDBC_URL='jdbc:postgresql://localhost:5432/exporthub_test?user=exporthub_test&password=exporthub_test'"
echo "export EXPORTHUB_TEST_JDBC_ADMIN_URL='jdbc:postgresql://localhost:5432/exporthub_test?user=exporthub_admin&password=exporthub_admin'"
