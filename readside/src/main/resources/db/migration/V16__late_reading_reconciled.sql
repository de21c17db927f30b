-- When `parkloop reconcile` brought a late reading into the figures (null: not yet). The row stays:
-- it is the record that the reading came late, which the dashboards count by received_at.
alter table late_reading add column reconciled_at timestamptz;
create index late_reading_unreconciled on late_reading (ts) where reconciled_at is null;
