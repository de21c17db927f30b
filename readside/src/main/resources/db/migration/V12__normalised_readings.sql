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

-- With TimescaleDB, V13 makes it a hypertable. (The first text of this file did that here, and
-- TimescaleDB then refused the row-level security below; see V13 and Migrations.)

-- Row-level security as for late readings (V10): a park manager sees the readings of the own meters.
alter table reading enable row level security;
create policy all_rows on reading to parkloop_writer, parkloop_reader, parkloop_statistician
  using (true) with check (true);
grant select on reading to parkloop_park_manager;
create policy own_park on reading to parkloop_park_manager
  using (meter in (select id from meter));
