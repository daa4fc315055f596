-- Workspaces are the tenants: every business table carries workspace_id.
create table workspaces (
  id uuid primary key,
  name text not null,
  slug text not null unique,
  created_at timestamptz not null default now()
);

create table members (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  role text not null check (role in ('admin', 'manager', 'user', 'readonly')),
  created_at timestamptz not null default now(),
  primary key (workspace_id, id),
  unique (workspace_id, user_id)
);
create index members_user_idx on members (user_id);

create table invitations (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  email text not null,
  role text not null check (role in ('admin', 'manager', 'user', 'readonly')),
  status text not null default 'pending' check (status in ('pending', 'accepted', 'revoked')),
  invited_by uuid references users (id) on delete set null,
  expires_at timestamptz not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create unique index invitations_id_idx on invitations (id);

-- API keys belong to a workspace, not a person; only a SHA-256 of the secret is kept.
create table api_keys (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  role text not null check (role in ('admin', 'manager', 'user', 'readonly')),
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (workspace_id, id)
);

-- Every mail Rapport sends; without SMTP it stays here for an administrator to read.
create table outbox_mails (
  id uuid primary key,
  workspace_id uuid references workspaces (id) on delete cascade,
  "to" text not null,
  subject text not null,
  text text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);
create index outbox_mails_created_idx on outbox_mails (created_at desc);

-- One row per changed field, written in the transaction of the change.
create table audit_log (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  entity text not null,
  entity_id uuid not null,
  action text not null check (action in ('create', 'update', 'delete', 'restore')),
  field text,
  old_value jsonb,
  new_value jsonb,
  actor_id uuid,
  actor_kind text not null check (actor_kind in ('user', 'api_key', 'system')),
  at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create index audit_log_entity_idx on audit_log (workspace_id, entity, entity_id, id desc);
