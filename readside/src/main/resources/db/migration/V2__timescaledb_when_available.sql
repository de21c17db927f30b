-- TimescaleDB when the server has it, plain PostgreSQL always: the same tables work either
-- way; with the extension the indicator table becomes a hypertable.
do $$
begin
  if exists (select 1 from pg_available_extensions where name = 'timescaledb') then
    create extension if not exists timescaledb;
    perform create_hypertable('indicator_value', 'period_start',
                              chunk_time_interval => interval '30 days',
                              migrate_data => true, if_not_exists => true);
  end if;
end
$$;
