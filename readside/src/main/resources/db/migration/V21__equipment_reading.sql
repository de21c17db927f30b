-- The equipment behind an outlet, as HJ 212-2025 reports it to the outlet's monitoring point
-- (docs/alerts.md, "Treatment stopped"): ST 44 the electricity of the enterprise's production and
-- treatment equipment, ST 45 its operating conditions. Readings of the outlet's enterprise, as they
-- came, every value of every data period (a code may report power under ST 44 and a condition
-- under ST 45, so the quantity is part of the key):
--   code      the equipment's code in the packet (e30101, ...)
--   kind      Avg | Cou | Min | Max | Rtd
--   period    realtime | minute | hour | day (CN 2011, 2051, 2061, 2031)
--   quantity  power (kW) | energy (kWh) | condition (as the equipment reports it)
--   flag      the HJ 212 data flag; a value the device could not compute (+9999.99) is kept, flagged U
-- A few values per outlet and hour, so a plain table on every engine; storage's Retention deletes
-- its rows with the readings' retention.
create table equipment_reading (
  outlet_id   text not null,
  code        text not null,
  kind        text not null,
  period      text not null,
  ts          timestamptz not null,
  quantity    text not null check (quantity in ('power', 'energy', 'condition')),
  value       double precision not null,
  flag        text,
  received_at timestamptz not null,
  primary key (outlet_id, code, quantity, kind, period, ts)
);
create index equipment_reading_ts on equipment_reading (ts);

-- in the way of V10: writer, reader and statistician see every row, a park manager the own park's
-- outlets' (the subquery reads outlet under the manager's own policy, V11)
alter table equipment_reading enable row level security;
create policy all_rows on equipment_reading to parkloop_writer, parkloop_reader, parkloop_statistician
  using (true) with check (true);
grant select on equipment_reading to parkloop_park_manager;
create policy own_park on equipment_reading to parkloop_park_manager
  using (outlet_id in (select id from outlet));
