-- The task list asks for one colleague's open activities of one kind (tasks) by date. Through the index of all
-- their open activities it skipped every open call and meeting dated before the tasks it showed: 3,258 rows
-- read and thrown away for a page of 51 at the benchmark's scale (27 ms). With the kind in the key the page
-- is one index range.
create index if not exists activities_owner_open_kind_idx on activities
  (workspace_id, owner_id, kind, (coalesce(starts_at, '9999-12-31T00:00:00Z'::timestamptz)), id)
  where deleted_at is null and done_at is null;
