-- The wall of notes on a company or contact card.
create table notes (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  entity text not null check (entity in ('company', 'contact')),
  entity_id uuid not null,
  html text not null,
  text text not null,
  mentions uuid[] not null default '{}',
  author_id uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (workspace_id, id)
);
create index notes_entity_idx on notes (workspace_id, entity, entity_id, created_at desc, id desc) where deleted_at is null;
