-- Reference data, mirrored from reference.yaml at every start so that SQL (Grafana, exports)
-- can group indicators by park, city, region and level.
create table park (
  id            text primary key,
  name          text not null,
  city          text not null,
  region        text not null,          -- 苏南 | 苏中 | 苏北
  level         text not null,          -- national | provincial
  land_area_km2 double precision not null
);

create table enterprise (
  id       text primary key,
  park_id  text not null,
  name     text not null,
  industry text
);

create table meter (
  id            text primary key,
  enterprise_id text not null,
  medium        text not null,
  reading       text not null,          -- cumulative | interval
  unit          text not null
);

-- Indicator values in the long format of the SPEC's export. A value is absolute: the stream
-- jobs upsert it, so a corrected hour simply changes its row.
create table indicator_value (
  scope_type   text not null,           -- enterprise | park | city | region | level | province
  scope_id     text not null,
  period_type  text not null,           -- hour | day | month | quarter | year | r24h | r30d | r12m
  period_start timestamptz not null,    -- calendar periods start in Asia/Shanghai
  indicator    text not null,
  value        double precision not null,
  unit         text not null,
  updated_at   timestamptz not null default now(),
  primary key (scope_type, scope_id, period_type, indicator, period_start)
);

create index indicator_value_period on indicator_value (period_type, period_start);
create index indicator_value_updated on indicator_value (updated_at);

-- Readings that came after the allowed lateness: kept and counted; a backfill brings them in.
create table late_reading (
  meter       text not null,
  ts          timestamptz not null,
  value       double precision not null,
  received_at timestamptz not null,
  watermark   timestamptz not null,
  primary key (meter, ts)
);

-- Data-quality observations (counter resets, ...), with their evidence.
create table data_quality_event (
  meter  text not null,
  ts     timestamptz not null,
  kind   text not null,
  detail text not null,
  primary key (meter, ts, kind)
);
