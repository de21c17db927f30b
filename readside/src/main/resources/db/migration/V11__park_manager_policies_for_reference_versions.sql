-- Park managers on the tables of V5 (outlets, their limits, permits, targets, park and meter
-- versions), in the way of V10: writer, reader and statistician see every row (V10 gave them
-- SELECT already, by "all tables"), a park manager the own park's rows. Until this migration a
-- manager had no privilege on them at all.
do $$
declare
  data_table text;
begin
  foreach data_table in array array['outlet', 'outlet_limit', 'permit', 'target', 'park_version',
                                    'meter_version'] loop
    execute format('alter table %I enable row level security', data_table);
    execute format('create policy all_rows on %I to parkloop_writer, parkloop_reader, parkloop_statistician '
                   'using (true) with check (true)', data_table);
    execute format('grant select on %I to parkloop_park_manager', data_table);
  end loop;
end
$$;

-- the subqueries read park, enterprise, meter and outlet under the manager's own policies (V10)
create policy own_park on outlet to parkloop_park_manager
  using (enterprise_id in (select id from enterprise));

create policy own_park on outlet_limit to parkloop_park_manager
  using (outlet_id in (select id from outlet));

create policy own_park on permit to parkloop_park_manager
  using (enterprise_id in (select id from enterprise));

create policy own_park on target to parkloop_park_manager
  using (park_id in (select id from park));

create policy own_park on park_version to parkloop_park_manager
  using (park_id in (select id from park));

-- By the version's own enterprise, not the meter's current one: a meter moved to the own park
-- from another park keeps its earlier versions, which name the other park's enterprise, hidden.
create policy own_park on meter_version to parkloop_park_manager
  using (enterprise_id in (select id from enterprise));

-- V10 could not tell an outlet's park; now the outlet table says which enterprise it belongs to.
alter policy own_park on alerts to parkloop_park_manager
  using ((scope_type = 'enterprise' and scope_id in (select id from enterprise))
      or (scope_type = 'meter' and scope_id in (select id from meter))
      or (scope_type = 'outlet' and scope_id in (select id from outlet)));
