-- Every meter reading the indicator job accepted, in its medium's canonical unit (kWh, m3, t, GJ):
-- the evidence behind the indicators, for gap checks and backfills. One row per meter and
-- instant; a second value for the same instant keeps the larger, as the job does.
create table reading (
  meter       text not null,
  ts          timestamptz not null,
  value       double precision not null,
  received_at timestamptz not null,
  primary key (meter, ts)
);
create index reading_ts on reading (ts);

-- With TimescaleDB: a hypertable, compressed after a week, dropped after ${readingsRetention}.
-- Without it the table stays plain and storage's Retention deletes the same rows.
do $$
begin
  if exists (select 1 from pg_extension where extname = 'timescaledb') then
    perform create_hypertable('reading', 'ts', chunk_time_interval => interval '7 days', if_not_exists => true);
    alter table reading set (timescaledb.compress, timescaledb.compress_segmentby = 'meter',
                             timescaledb.compress_orderby = 'ts');
    perform add_compression_policy('reading', interval '7 days', if_not_exists => true);
    perform add_retention_policy('reading', interval '${readingsRetention}', if_not_exists => true);
  end if;
end
$$;

-- Row-level security as for late readings (V10): a park manager sees the readings of the own meters.
alter table reading enable row level security;
create policy all_rows on reading to parkloop_writer, parkloop_reader, parkloop_statistician
  using (true) with check (true);
grant select on reading to parkloop_park_manager;
create policy own_park on reading to parkloop_park_manager
  using (meter in (select id from meter));
