-- Imports of companies and contacts from CSV and XLSX files, run as background jobs in batches.
create table imports (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  entity text not null check (entity in ('company', 'contact')),
  file_name text not null,
  format text not null check (format in ('csv', 'xlsx')),
  -- The uploaded file under DATA_DIR/imports
  stored_file text not null,
  sheet text,
  sheets jsonb not null default '[]',
  encoding text,
  delimiter text,
  columns jsonb not null default '[]',
  row_count integer not null default 0,
  mapping jsonb,
  duplicate_rule text check (duplicate_rule in ('skip', 'update', 'create')),
  default_country text check (default_country ~ '^[A-Z]{2}$'),
  status text not null default 'uploaded'
    check (status in ('uploaded', 'queued', 'running', 'done', 'failed', 'undone')),
  -- Index of the first data row not yet committed: a restarted job resumes here.
  next_row integer not null default 0,
  processed integer not null default 0,
  created integer not null default 0,
  updated integer not null default 0,
  skipped integer not null default 0,
  failed integer not null default 0,
  error text,
  undo_summary jsonb,
  created_by uuid not null references users (id),
  actor_kind text not null default 'user' check (actor_kind in ('user', 'api_key')),
  created_at timestamptz not null default now(),
  started_at timestamptz,
  finished_at timestamptz,
  undone_at timestamptz,
  undone_by uuid,
  primary key (workspace_id, id)
);
create index imports_recent_idx on imports (workspace_id, id desc);
-- The mapping of the last import of each kind is offered again.
create index imports_last_mapping_idx on imports (workspace_id, entity, started_at desc) where mapping is not null;

-- Rows that did not pass validation: the original cells and the reasons, for the error report.
create table import_errors (
  workspace_id uuid not null,
  import_id uuid not null,
  row_number integer not null,
  cells jsonb not null,
  errors jsonb not null,
  primary key (workspace_id, import_id, row_number),
  foreign key (workspace_id, import_id) references imports (workspace_id, id) on delete cascade
);

-- Every record an import created or last updated carries its id; its audit rows do too, which is
-- what an undo reads (created records go to the trash, updated ones get their earlier values back).
alter table companies add column import_id uuid;
alter table contacts add column import_id uuid;
alter table audit_log add column import_id uuid;
create index companies_import_idx on companies (workspace_id, import_id) where import_id is not null;
create index contacts_import_idx on contacts (workspace_id, import_id) where import_id is not null;
create index audit_log_import_idx on audit_log (workspace_id, import_id, entity, id) where import_id is not null;
