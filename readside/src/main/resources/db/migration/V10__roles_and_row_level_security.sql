-- Database roles and row-level security (docs/security.md).
--
--   parkloop_writer        the jobs: read and write the data tables
--   parkloop_reader        Grafana: read every data table
--   parkloop_statistician  all parks, read-only
--   parkloop_park_manager  the group of every park manager's login; a manager sees only the rows
--                          of the park that park_manager maps their login to
--
-- Roles belong to the whole cluster, not to one database, so they are made only when missing:
-- a second database on the same server (each test class has one) migrates without error.
do $$
declare
  group_role text;
begin
  foreach group_role in array array['parkloop_writer', 'parkloop_reader', 'parkloop_statistician',
                                    'parkloop_park_manager'] loop
    if not exists (select 1 from pg_roles where rolname = group_role) then
      execute format('create role %I nologin', group_role);
    end if;
  end loop;
end
$$;

-- Which park each manager's login belongs to. The policies below read it with current_user,
-- which only a role's members can become (SET ROLE), so a manager cannot pose as another.
create table park_manager (
  role_name  text primary key,
  park_id    text not null,
  created_at timestamptz not null default now()
);

-- Bearer tokens of ./parkloop serve, stored as SHA-256 of the token: a copy of this table lets
-- no one in. role_name is the database role each request runs as (SET LOCAL ROLE).
create table api_token (
  token_sha256 text primary key,
  role_name    text not null,
  label        text not null,
  created_at   timestamptz not null default now()
);

grant usage on schema public to parkloop_writer, parkloop_reader, parkloop_statistician, parkloop_park_manager;

-- Writer, reader and statistician: every table, also the ones later migrations add (default
-- privileges of the role that runs the migrations). Park managers get no default privileges: a
-- new table stays hidden from them until a migration gives it a policy and a grant.
grant select, insert, update, delete on all tables in schema public to parkloop_writer;
grant usage, select on all sequences in schema public to parkloop_writer;
grant select on all tables in schema public to parkloop_reader, parkloop_statistician;
alter default privileges in schema public grant select, insert, update, delete on tables to parkloop_writer;
alter default privileges in schema public grant usage, select on sequences to parkloop_writer;
alter default privileges in schema public grant select on tables to parkloop_reader, parkloop_statistician;
-- who may log in where is not the jobs' business; token hashes are nobody's
revoke insert, update, delete on park_manager from parkloop_writer;
revoke all on api_token from parkloop_writer, parkloop_reader, parkloop_statistician;

-- Row-level security on every table with park data: writer, reader and statistician see all
-- rows; a park manager those of the own park. A role without a policy sees no row at all.
do $$
declare
  data_table text;
begin
  foreach data_table in array array['park', 'enterprise', 'meter', 'indicator_value', 'late_reading',
                                    'data_quality_event', 'dead_letter', 'alerts', 'park_manager'] loop
    execute format('alter table %I enable row level security', data_table);
    execute format('create policy all_rows on %I to parkloop_writer, parkloop_reader, parkloop_statistician '
                   'using (true) with check (true)', data_table);
    execute format('grant select on %I to parkloop_park_manager', data_table);
  end loop;
end
$$;

create policy own_login on park_manager to parkloop_park_manager
  using (role_name = current_user);

create policy own_park on park to parkloop_park_manager
  using (id in (select park_id from park_manager where role_name = current_user));

create policy own_park on enterprise to parkloop_park_manager
  using (park_id in (select park_id from park_manager where role_name = current_user));

-- the subqueries below read enterprise and meter under the manager's own policies
create policy own_park on meter to parkloop_park_manager
  using (enterprise_id in (select id from enterprise));

-- The own park's row and its enterprises' rows; no city, region, level or province row: an
-- aggregate over a few parks less the own park's figure would show the other parks' figures.
create policy own_park on indicator_value to parkloop_park_manager
  using ((scope_type = 'park' and scope_id in (select id from park))
      or (scope_type = 'enterprise' and scope_id in (select id from enterprise)));

create policy own_park on late_reading to parkloop_park_manager
  using (meter in (select id from meter));

create policy own_park on data_quality_event to parkloop_park_manager
  using (meter in (select id from meter));

-- An outlet's alerts stay hidden until the database knows which enterprise an outlet belongs to.
create policy own_park on alerts to parkloop_park_manager
  using ((scope_type = 'enterprise' and scope_id in (select id from enterprise))
      or (scope_type = 'meter' and scope_id in (select id from meter)));

-- Dead letters name their park only through the MQTT topic parkloop/v1/readings/{enterprise}/{meter},
-- which the broker's ACL restricts to that enterprise's credentials; HJ 212 (tcp:) and replayed
-- (file:) dead letters name none and stay hidden.
create policy own_park on dead_letter to parkloop_park_manager
  using (source like 'mqtt:parkloop/v1/readings/%'
         and split_part(source, '/', 4) in (select id from enterprise));

-- Views run with the privileges and policies of whoever queries them, never of their owner;
-- afterMigrate.sql applies this to every view after each migration, also to later ones.
create function parkloop_views_invoke_as_caller() returns void language plpgsql as $$
declare
  view_name text;
begin
  for view_name in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = current_schema() and c.relkind = 'v' loop
    execute format('alter view %I set (security_invoker = true)', view_name);
    execute format('grant select on %I to parkloop_park_manager', view_name);
  end loop;
end
$$;

-- Makes (or updates) a park manager's login: the role, its membership of parkloop_park_manager
-- and its park. Refuses an existing role that is not a park manager, say postgres.
create function parkloop_add_park_manager(login_name text, park_name text, password text) returns void
language plpgsql as $$
begin
  if login_name !~ '^[a-z_][a-z0-9_]{0,62}$' then
    raise exception 'a park manager''s login is lower-case letters, digits and _, not "%"', login_name;
  end if;
  if not exists (select 1 from park where id = park_name) then
    raise exception 'no park "%" in the reference data', park_name;
  end if;
  if not exists (select 1 from pg_roles where rolname = login_name) then
    execute format('create role %I login password %L in role parkloop_park_manager', login_name, password);
  elsif exists (select 1 from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member
               where g.rolname = 'parkloop_park_manager' and r.rolname = login_name and not r.rolsuper) then
    execute format('alter role %I login password %L', login_name, password);
  else
    raise exception 'role "%" exists and is not a park manager', login_name;
  end if;
  insert into park_manager (role_name, park_id) values (login_name, park_name)
    on conflict (role_name) do update set park_id = excluded.park_id;
end
$$;
revoke execute on function parkloop_add_park_manager(text, text, text) from public;
