-- Files attached to a company or contact card. The bytes live on disk under DATA_DIR/files/<storage_key>;
-- the name people gave the file is only ever shown, never used as a path.
create table documents (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  entity text not null check (entity in ('company', 'contact')),
  entity_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  description text,
  content_type text not null,
  size_bytes bigint not null check (size_bytes >= 0),
  sha256 text not null check (sha256 ~ '^[0-9a-f]{64}$'),
  storage_key text not null,
  uploaded_by uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (workspace_id, id)
);
create index documents_card_idx on documents (workspace_id, entity, entity_id, id desc) where deleted_at is null;
create index documents_card_deleted_idx on documents (workspace_id, entity, entity_id, id desc)
  where deleted_at is not null;
