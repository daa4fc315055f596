-- The task list walks one index per sort order (keyset pages), whatever the filters: activities without a
-- date sort after every dated one (the same expressions as activitySorts in modules/activities/activities.sql.ts).
create index activities_list_start_idx on activities
  (workspace_id, (coalesce(starts_at, '9999-12-31T00:00:00Z'::timestamptz)), id) where deleted_at is null;
create index activities_list_title_idx on activities (workspace_id, lower(title), id) where deleted_at is null;
create index activities_list_priority_idx on activities
  (workspace_id, (case priority when 'high' then 3 when 'normal' then 2 else 1 end), id) where deleted_at is null;
create index activities_list_created_idx on activities (workspace_id, created_at, id) where deleted_at is null;
create index activities_list_updated_idx on activities (workspace_id, updated_at, id) where deleted_at is null;
create index activities_list_done_idx on activities
  (workspace_id, (coalesce(done_at, '9999-12-31T00:00:00Z'::timestamptz)), id) where deleted_at is null;

-- The diary finds the few activities longer than a day that began before the range and still run into it.
create index activities_long_idx on activities (workspace_id, owner_id, ends_at)
  where deleted_at is null and ends_at - starts_at > interval '24 hours';
