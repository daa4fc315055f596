-- Read paths measured on the benchmark dataset (2,000,000 activities, 50 users).

-- One colleague's open activities by date (the task list of "my tasks", and a manager looking at someone's):
-- an index range in list order, instead of walking everyone's activities by date and skipping most of them.
create index activities_owner_open_list_idx on activities
  (workspace_id, owner_id, (coalesce(starts_at, '9999-12-31T00:00:00Z'::timestamptz)), id)
  where deleted_at is null and done_at is null;
drop index activities_open_idx;

-- Weekly targets count done activities per kind and type: with both in the index the count reads no table
-- rows (an index-only scan), 25 heap pages fewer per colleague and week.
drop index activities_done_idx;
create index activities_done_idx on activities (workspace_id, owner_id, done_at) include (kind, type_id)
  where deleted_at is null and done_at is not null;

-- The top-bar search looks in the caller's own activities: title or place, per owner in one GIN index (a
-- common three letters match a quarter of all activities; one person's matches are few).
create index activities_owner_search_idx on activities using gin (workspace_id, owner_id, search_text gin_trgm_ops)
  where deleted_at is null;

