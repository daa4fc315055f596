-- Autovacuum analyses a table after 50 changes plus a tenth of its rows, so the small tables that every list
-- joins (a workspace's 8 categories, its fields, activity types, rooms, members) were never analysed. Without
-- statistics the planner took the 8 categories for one and looked up each company's categories once per
-- category: a third of a company page's execution time at the benchmark's scale. A change or two now
-- brings fresh statistics (and a vacuum, so their index-only scans skip the table).
do $$
declare
  t text;
begin
  foreach t in array array['categories', 'custom_fields', 'activity_types', 'resources', 'relation_types',
    'members', 'users'] loop
    execute format('alter table %I set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
      autovacuum_vacuum_insert_threshold = 1)', t);
    execute format('analyze %I', t);
  end loop;
end $$;
