-- Relations: typed links between companies (parent/subsidiary, partner, competitor, own types) and
-- between a contact and companies other than its employer (board member, consultant, ...).
--
-- Relations are deleted for real, with an audit row on both cards: a relation is a link, not a record
-- people look for in a trash, and the history keeps what it said. A relation to a company in the trash
-- stays stored but is shown nowhere, so restoring the company brings its relations back.

create table relation_types (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  -- 'company': company ↔ company; 'contact': a contact's role at a company.
  kind text not null check (kind in ('company', 'contact')),
  -- The built-in types, seeded per workspace on first use; null for types an administrator added.
  key text check (key in ('parent', 'partner', 'competitor', 'board_member', 'consultant', 'former_employee')),
  -- Company types: the role of the "from" company ("Parent company") and of the "to" company
  -- ("Subsidiary"); a symmetric type has one label. Contact types: the contact's role.
  from_label text not null check (length(from_label) between 1 and 100),
  to_label text check (length(to_label) between 1 and 100),
  is_symmetric boolean not null default false,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  primary key (workspace_id, id),
  unique (workspace_id, id, kind),
  check ((kind = 'company' and is_symmetric = (to_label is null)) or (kind = 'contact' and not is_symmetric and to_label is null))
);
create unique index relation_types_key_idx on relation_types (workspace_id, key) where key is not null;
create unique index relation_types_label_idx
  on relation_types (workspace_id, kind, lower(from_label), lower(coalesce(to_label, '')));

create table company_relations (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  type_id uuid not null,
  -- Always 'company': with the foreign key below, only company types can be used here.
  type_kind text not null default 'company' check (type_kind = 'company'),
  from_company_id uuid not null,
  to_company_id uuid not null,
  note text check (length(note) <= 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  primary key (workspace_id, id),
  foreign key (workspace_id, type_id, type_kind) references relation_types (workspace_id, id, kind),
  foreign key (workspace_id, from_company_id) references companies (workspace_id, id) on delete cascade,
  foreign key (workspace_id, to_company_id) references companies (workspace_id, id) on delete cascade,
  constraint company_relations_not_self check (from_company_id <> to_company_id)
);
-- One relation of a type per pair of companies, whichever way round it was entered.
create unique index company_relations_pair_idx on company_relations
  (workspace_id, type_id, least(from_company_id, to_company_id), greatest(from_company_id, to_company_id));
create index company_relations_from_idx on company_relations (workspace_id, from_company_id, type_id);
create index company_relations_to_idx on company_relations (workspace_id, to_company_id, type_id);

-- Parent/subsidiary links must never form a cycle, whoever writes them (the service checks first to
-- give a clear message; this is the guarantee). The advisory lock serialises group changes within a
-- workspace, and the check runs after it, so it sees links committed by a concurrent transaction.
create function company_relations_no_cycle() returns trigger language plpgsql as $$
begin
  if not exists (select 1 from relation_types t
      where t.workspace_id = new.workspace_id and t.id = new.type_id and t.key = 'parent') then
    return new;
  end if;
  perform pg_advisory_xact_lock(hashtext('rapport.company-group'), hashtext(new.workspace_id::text));
  if exists (
    with recursive up (id, path) as (
      select new.from_company_id, array[new.from_company_id]
      union all
      select r.from_company_id, up.path || r.from_company_id
      from up
      join company_relations r on r.workspace_id = new.workspace_id and r.to_company_id = up.id
      join relation_types t on t.workspace_id = r.workspace_id and t.id = r.type_id and t.key = 'parent'
      where r.id <> new.id and not r.from_company_id = any (up.path)
    )
    select 1 from up where id = new.to_company_id
  ) then
    raise exception 'A parent/subsidiary relation would make a company its own parent'
      using errcode = 'check_violation', constraint = 'company_relations_no_cycle';
  end if;
  return new;
end $$;
create trigger company_relations_no_cycle before insert or update of type_id, from_company_id, to_company_id
  on company_relations for each row execute function company_relations_no_cycle();

create table contact_company_relations (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  type_id uuid not null,
  type_kind text not null default 'contact' check (type_kind = 'contact'),
  contact_id uuid not null,
  company_id uuid not null,
  note text check (length(note) <= 1000),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  primary key (workspace_id, id),
  foreign key (workspace_id, type_id, type_kind) references relation_types (workspace_id, id, kind),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade,
  unique (workspace_id, contact_id, company_id, type_id)
);
create index contact_company_relations_company_idx on contact_company_relations (workspace_id, company_id);

