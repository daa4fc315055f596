-- Autovacuum analyses a table after 50 changes plus a tenth of its rows, so the small tables that every list
-- joins (a workspace's 8 categories, its fields, activity types, rooms, members) were never analysed. Without
-- statistics the planner took the 8 categories for one and looked up each company's categories once per
-- category: a third of a company page's execution time at the benchmark's scale. A change or two now
-- brings fresh statistics (and a vacuum, so their index-only scans skip the table).
alter table categories set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table custom_fields set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table activity_types set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table resources set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table relation_types set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table members set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
alter table users set (autovacuum_analyze_threshold = 1, autovacuum_vacuum_threshold = 1,
  autovacuum_vacuum_insert_threshold = 1);
analyze categories, custom_fields, activity_types, resources, relation_types, members, users;
