-- A read-only login role for Grafana on the parkloop database.
--
--   psql -v grafana_password="$PARKLOOP_GRAFANA_DB_PASSWORD" \
--        [-v grafana_user=parkloop_grafana] [-v owner=parkloop] \
--        -d parkloop -f deploy/sql/grafana-reader.sql
--
-- Run it as the role that owns parkloop's tables (the one the pipeline's migrations connect
-- as), or as a superuser naming that role with -v owner=...: tables created later (the alerts
-- table, new indicators) are then readable by Grafana too. Safe to run again: it updates the
-- password and re-applies the grants. The password is never stored in this file.
\set ON_ERROR_STOP on

\if :{?grafana_password}
\else
  \warn 'grafana-reader.sql: give the password with  psql -v grafana_password=...'
  do $$ begin raise exception 'psql variable grafana_password is not set'; end $$;
\endif
\if :{?grafana_user}
\else
  \set grafana_user parkloop_grafana
\endif
\if :{?owner}
\else
  \set owner :USER
\endif

select format('create role %I', :'grafana_user')
 where not exists (select from pg_roles where rolname = :'grafana_user') \gexec

-- Grafana lets dashboard editors run any SQL, so the role itself must not be able to change
-- anything: no privileges beyond SELECT, every transaction read-only, and a time limit so a
-- heavy panel cannot hold the database. Its one membership, parkloop_reader, is what the
-- row-level security policies of migration V10 let read every row (docs/security.md); the
-- group role is made here if the migrations have not run yet, as V10 would make it.
select 'create role parkloop_reader nologin'
 where not exists (select from pg_roles where rolname = 'parkloop_reader') \gexec
alter role :"grafana_user" with login nosuperuser nocreatedb nocreaterole noreplication inherit
  password :'grafana_password';
grant parkloop_reader to :"grafana_user";
alter role :"grafana_user" set default_transaction_read_only = on;
alter role :"grafana_user" set statement_timeout = '30s';
alter role :"grafana_user" set timezone = 'Asia/Shanghai';

select format('grant connect on database %I to %I', current_database(), :'grafana_user') \gexec
grant usage on schema public to :"grafana_user";
grant select on all tables in schema public to :"grafana_user";
alter default privileges for role :"owner" in schema public grant select on tables to :"grafana_user";
