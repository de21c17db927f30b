-- Readings on all three engines (docs/storage.md): plain PostgreSQL, TimescaleDB's Apache edition
-- and TimescaleDB with its TSL part, which compresses old chunks of `reading` by policy.
--
-- TimescaleDB refuses row-level security on a hypertable with compression (columnstore), so
-- `reading` has none on any engine; park managers lose their grant on it and read their own
-- meters' readings through `reading_of_own_park` instead. That view runs with its owner's
-- privileges, as a view does unless made security_invoker, and filters by the manager's park
-- itself; security_barrier keeps a manager's own functions in a WHERE clause from seeing the rows
-- it filters out. Writer, reader and statistician see every row anyway, so they keep the table.
drop policy own_park on reading;
drop policy all_rows on reading;
alter table reading disable row level security;
revoke all on reading from parkloop_park_manager;

create view reading_of_own_park with (security_barrier = true) as
  select r.meter, r.ts, r.value, r.received_at
  from reading r
  where r.meter in (select m.id from meter m
                    join enterprise e on e.id = m.enterprise_id
                    join park_manager pm on pm.park_id = e.park_id
                    where pm.role_name = current_user);
grant select on reading_of_own_park to parkloop_park_manager;

-- afterMigrate.sql makes every view run as its caller (V10). Not the views made security_barrier
-- on purpose, like the one above: they filter rows themselves and must read as their owner.
create or replace function parkloop_views_invoke_as_caller() returns void language plpgsql as $$
declare
  view_name text;
begin
  for view_name in select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
                   where n.nspname = current_schema() and c.relkind = 'v'
                     and not coalesce(c.reloptions, '{}') @> array['security_barrier=true'] loop
    execute format('alter view %I set (security_invoker = true)', view_name);
    execute format('grant select on %I to parkloop_park_manager', view_name);
  end loop;
end
$$;

-- TimescaleDB's chunk tables inherit their hypertable's grants but not its policies, so a park
-- manager reading a chunk of indicator_value directly would see every park's rows. So park managers
-- lose every privilege on every chunk: a query on the hypertable still reaches its chunks, as
-- PostgreSQL checks privileges on the table queried, not on the partitions it expands to. (Revoking
-- the use of the chunks' schema instead breaks those queries: on 2.19.3 a manager's count(*) on
-- indicator_value then fails with "permission denied for schema".) A new chunk is made by an
-- insert into its hypertable and gets the grants again, so a statement trigger on every hypertable
-- revokes them in the same transaction, before anyone can see the chunk; afterMigrate.sql puts the
-- trigger on every hypertable, also later ones, and revokes on the chunks that migrations made
-- (create_hypertable's migrate_data).
create function parkloop_private_chunks(hypertable regclass) returns void
language plpgsql security definer set search_path = pg_catalog as $$
declare
  chunk regclass;
begin
  for chunk in select i.inhrelid::regclass from pg_inherits i
               where i.inhparent = hypertable
                 and has_table_privilege('parkloop_park_manager', i.inhrelid, 'select') loop
    execute format('revoke all on %s from parkloop_park_manager', chunk);
  end loop;
end
$$;
revoke execute on function parkloop_private_chunks(regclass) from public;

create function parkloop_private_new_chunks() returns trigger
language plpgsql security definer set search_path = pg_catalog, public as $$
begin
  perform parkloop_private_chunks(tg_relid);
  return null;
end
$$;

create function parkloop_chunks_only_through_hypertables() returns void language plpgsql as $$
declare
  hypertable regclass;
begin
  if not exists (select 1 from pg_extension where extname = 'timescaledb') then
    return;
  end if;
  for hypertable in select format('%I.%I', hypertable_schema, hypertable_name)::regclass
                    from timescaledb_information.hypertables loop
    if not exists (select 1 from pg_trigger where tgrelid = hypertable and tgname = 'parkloop_private_new_chunks') then
      execute format('create trigger parkloop_private_new_chunks after insert on %s '
                     'for each statement execute function parkloop_private_new_chunks()', hypertable);
    end if;
    perform parkloop_private_chunks(hypertable);
  end loop;
end
$$;

-- With TimescaleDB: a hypertable of week-long chunks. With TSL besides: compressed after a week
-- and dropped after ${readingsRetention} by policy. The Apache edition has no compression and no
-- policies: it says so, and storage's Retention drops the old chunks instead, as it deletes the
-- old rows on plain PostgreSQL.
do $$
declare
  license text;
begin
  if not exists (select 1 from pg_extension where extname = 'timescaledb') then
    raise notice 'parkloop: no TimescaleDB: reading stays a plain table, storage''s Retention deletes its old rows';
    return;
  end if;
  perform create_hypertable('reading', 'ts', chunk_time_interval => interval '7 days',
                            migrate_data => true, if_not_exists => true);
  license := current_setting('timescaledb.license', true);
  if license = 'timescale' then
    alter table reading set (timescaledb.compress, timescaledb.compress_segmentby = 'meter',
                             timescaledb.compress_orderby = 'ts');
    perform add_compression_policy('reading', interval '7 days', if_not_exists => true);
    perform add_retention_policy('reading', interval '${readingsRetention}', if_not_exists => true);
  else
    raise warning 'parkloop: TimescaleDB % has the "%" license, not "timescale": SKIPPED compression of reading, '
                  'its compression policy and its retention policy; storage''s Retention drops its old chunks',
                  (select extversion from pg_extension where extname = 'timescaledb'), license;
  end if;
end
$$;
