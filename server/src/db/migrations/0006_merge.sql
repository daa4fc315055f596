-- Merging duplicates: the merged record goes to the trash pointing at the one that survived.
alter table audit_log drop constraint audit_log_action_check;
alter table audit_log add constraint audit_log_action_check
  check (action in ('create', 'update', 'delete', 'restore', 'merge'));
alter table companies add column merged_into uuid;
alter table contacts add column merged_into uuid;

-- Duplicate check on organisation number whatever its spacing.
create index companies_org_digits_idx on companies (workspace_id, rapport_digits(org_number))
  where deleted_at is null and org_number is not null;
