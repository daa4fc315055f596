-- An index per single-choice custom field, over the companies that have a value, by value and name: the company
-- list filtered on one choice and sorted by name reads one range of it instead of testing every company in name
-- order. New fields get theirs when they are created (`createFieldIndex` in categories.sql.ts, the same
-- definition); this builds them for the fields that exist.
do $$
declare
  f record;
begin
  for f in select id::text as id from custom_fields where type = 'select' and deleted_at is null loop
    execute format('create index if not exists %I on companies (workspace_id, (custom_fields ->> %L), lower(name), id)
      where deleted_at is null and custom_fields ? %L', 'companies_cf_' || replace(f.id, '-', ''), f.id, f.id);
  end loop;
end $$;
