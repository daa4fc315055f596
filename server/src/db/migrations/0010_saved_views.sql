-- Saved list views (columns, filters, sort): personal to their creator, or shared with the workspace.
create table saved_views (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  entity text not null check (entity in ('company', 'contact')),
  name text not null check (length(name) between 1 and 100),
  columns jsonb not null default '[]',
  filters jsonb not null default '[]',
  sort text,
  q text,
  shared boolean not null default false,
  owner_id uuid references users (id) on delete set null,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create index saved_views_entity_idx on saved_views (workspace_id, entity, lower(name), id);

-- Each user opens a list with at most one default view.
create table saved_view_defaults (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  entity text not null check (entity in ('company', 'contact')),
  view_id uuid not null,
  primary key (workspace_id, user_id, entity),
  foreign key (workspace_id, view_id) references saved_views (workspace_id, id) on delete cascade
);
