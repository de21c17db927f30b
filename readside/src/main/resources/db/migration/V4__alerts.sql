-- Alerts on discharge and data (docs/alerts.md): one row per alert episode, upserted by the alert
-- job as the episode changes (opened, peak raised, severity raised, closed) under an id derived
-- from kind, scope, factor and opening time, so a replay updates rows instead of adding them.
-- Acknowledgement is the officers' part (./parkloop alerts ack); the job never sets it, and
-- clears it only when the severity rises, so that an escalation is seen again.
create table alerts (
  id              text primary key,       -- kind:scope_type:scope_id:factor:opened_at
  kind            text not null,          -- concentration | permit | silence | data_quality
  scope_type      text not null,          -- outlet | enterprise | meter
  scope_id        text not null,
  factor          text,                   -- HJ 212 factor code; the check's name for data_quality
  severity        text not null,          -- warning | critical
  opened_at       timestamptz not null,
  closed_at       timestamptz,            -- null while open
  peak_value      double precision,       -- mg/L or mg/m³; kg (permit); hours (silence)
  limit_value     double precision,
  evidence        text[] not null default '{}',
  acknowledged_by text,
  acknowledged_at timestamptz,
  updated_at      timestamptz not null default now()
);

create index alerts_open on alerts (kind, severity) where closed_at is null;
create index alerts_opened on alerts (opened_at);
create index alerts_updated on alerts (updated_at);
