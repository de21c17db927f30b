-- The park's material flows (SPEC "Links between enterprises"; docs/indicators.md "Material
-- flows"): per park, period and link, how much of what passed from a source to a target.
--   source, target  an enterprise id, a park utility id, an outside handler's name, or 'outside'
--                   (the grid, a fuel or water supplier; for waste: disposal elsewhere)
--   direction       internal (both ends in the park), in (into the park), out (out of it)
--   flow            the quantity's indicator name: steam_t, electricity_kwh, recycled_water_m3,
--                   energy_tce (the energy flows in standard coal), solid_waste_t, hazardous_waste_t
-- A transfer between two parks is a row of each: out of the supplier's, into the consumer's.
create table material_flow (
  park_id      text not null,
  period_type  text not null,         -- day | month
  period_start timestamptz not null,  -- Asia/Shanghai calendar period
  source       text not null,
  target       text not null,
  direction    text not null check (direction in ('internal', 'in', 'out')),
  flow         text not null,
  value        double precision not null,
  unit         text not null,
  updated_at   timestamptz not null default now(),
  primary key (park_id, period_type, period_start, source, target, flow)
);

-- in the way of V10: writer, reader and statistician see every row, a park manager the own park's
alter table material_flow enable row level security;
create policy all_rows on material_flow to parkloop_writer, parkloop_reader, parkloop_statistician
  using (true) with check (true);
grant select on material_flow to parkloop_park_manager;
-- the subquery reads park under the manager's own policy (V10)
create policy own_park on material_flow to parkloop_park_manager
  using (park_id in (select id from park));
