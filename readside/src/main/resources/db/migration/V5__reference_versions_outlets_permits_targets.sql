-- The rest of reference.yaml (outlets with their limits, permits, targets) and the history of the
-- values that change the numbers: a park's land area and a meter's standard-coal factor can
-- change from a date on, and the periods before that date keep the old value.
--
-- park and meter stay the current state (dashboards and exports join them); park_version and
-- meter_version hold every state with the day it applies from. The first version of each applies
-- since always (valid_from = '-infinity'); ReferenceTables.sync adds a version dated the day of
-- the sync when reference.yaml changes a value, and never deletes one.

alter table meter
  add column rollover         double precision,  -- the counter's modulus; null when it never rolls over
  add column interval_seconds bigint,            -- an interval meter's period; null: since its previous reading
  add column coal_factor_kgce double precision,  -- the meter's own standard-coal factor; null: the medium's
  -- the factor in effect: tce per unit of the medium's canonical unit (kWh, m3, t, GJ)
  add column tce_per_unit     double precision not null default 0;

-- meters from before this migration: the medium's GB/T 2589-2020 factor (a meter's own factor
-- was not kept; the next sync records it as a new version)
update meter set tce_per_unit = case medium
  when 'electricity' then 0.0001229 when 'natural_gas' then 0.0012143 when 'raw_coal' then 0.7143
  when 'diesel' then 1.4571 when 'fuel_oil' then 1.4286 when 'lpg' then 1.7143
  when 'steam' then 0.1286 when 'heat' then 0.03412 else 0 end;

create table park_version (
  park_id       text not null,
  valid_from    date not null,          -- Asia/Shanghai day; '-infinity' for the first version
  name          text not null,
  city          text not null,
  region        text not null,
  level         text not null,
  land_area_km2 double precision not null,
  recorded_at   timestamptz not null default now(),
  primary key (park_id, valid_from)
);

create table meter_version (
  meter_id         text not null,
  valid_from       date not null,
  enterprise_id    text not null,
  medium           text not null,
  reading          text not null,
  unit             text not null,
  rollover         double precision,
  interval_seconds bigint,
  coal_factor_kgce double precision,
  tce_per_unit     double precision not null,
  recorded_at      timestamptz not null default now(),
  primary key (meter_id, valid_from)
);

-- the rows of a database from before this migration become the first versions
insert into park_version (park_id, valid_from, name, city, region, level, land_area_km2)
select id, '-infinity', name, city, region, level, land_area_km2 from park;
insert into meter_version (meter_id, valid_from, enterprise_id, medium, reading, unit, tce_per_unit)
select id, '-infinity', enterprise_id, medium, reading, unit, tce_per_unit from meter;

-- The state of every park (meter) on a day: for each, the newest version that applies by then.
create function park_on(day date) returns setof park_version language sql stable as $$
  select distinct on (park_id) * from park_version where valid_from <= day order by park_id, valid_from desc
$$;

create function meter_on(day date) returns setof meter_version language sql stable as $$
  select distinct on (meter_id) * from meter_version where valid_from <= day order by meter_id, valid_from desc
$$;

create table outlet (
  id            text primary key,
  enterprise_id text not null,
  type          text not null,          -- water | air
  mn            text not null unique    -- the HJ 212 monitoring point
);

-- Concentration limits by HJ 212 factor code: mg/L for a water outlet, mg/m³ for an air outlet.
create table outlet_limit (
  outlet_id   text not null,
  factor      text not null,
  limit_value double precision not null,
  primary key (outlet_id, factor)
);

-- Annual permitted loads (排污许可量), tonnes per calendar year.
create table permit (
  enterprise_id   text not null,
  factor          text not null,
  tonnes_per_year double precision not null,
  primary key (enterprise_id, factor)
);

-- Park targets for a year, for the acceptance assessment (docs/acceptance.md).
create table target (
  park_id   text not null,
  year      int not null,
  indicator text not null,
  target    double precision not null,
  primary key (park_id, year, indicator)
);
